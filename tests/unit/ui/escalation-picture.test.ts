/**
 * The escalation picture: what is drawn for a report (the principals on paths and at the
 * target, the graph's edges between them, one target node), each path's edges findable by key
 * for highlighting, and dagre's layout placing every node inside the drawing without overlap;
 * each edge label in a box of its own (the line runs behind it, no node under it); the
 * direction (left to right or top to bottom) that needs the least shrinking to fit a width.
 */
import { describe, expect, it } from 'vitest';
import { escalationGraph, escalationPaths } from '../../../src/analysis/index.ts';
import {
  EDGE_TEXT,
  TARGET,
  bestDrawing,
  escalationPicture,
  estimate,
  fitScale,
  layOut,
  pathKeys,
  shortVia,
  type Drawing,
} from '../../../src/ui/access/escalation-picture.ts';
import { ESCALATION_WORLD, arn } from '../analysis/escalation-world.ts';

const world = { scenario: ESCALATION_WORLD, catalog: new Map(), now: new Date('2026-06-01') };
const graph = escalationGraph(world);

describe('escalation picture', () => {
  it('draws the paths to admin as a tree ending at one target node, every path edge present and no other', async () => {
    const report = escalationPaths(world, graph, { kind: 'admin' });
    const picture = escalationPicture(graph, report);
    const ids = picture.nodes.map((n) => n.id);
    expect(ids).toContain(TARGET);
    expect(ids).toContain(arn('user', 'alice'));
    expect(ids).not.toContain(arn('user', 'erin')); // no path
    expect(ids).not.toContain(arn('user', 'ivan'));
    expect(picture.nodes.find((n) => n.id === TARGET)?.label).toBe('admin (* on *)');
    const onPaths = new Set(report.paths.flatMap((p) => pathKeys(p, report)));
    for (const h of report.holders) onPaths.add(`${h.principal}\n${TARGET}\nholds it`);
    expect(new Set(picture.edges.map((e) => e.key))).toEqual(onPaths);
    const alice = report.paths.find((p) => p.from === arn('user', 'alice'))!;
    expect(pathKeys(alice, report)).toEqual([
      `${arn('user', 'alice')}\n${arn('role', 'LambdaAdmin')}\niam:PassRole to lambda.amazonaws.com`,
      `${arn('role', 'LambdaAdmin')}\n${TARGET}\nholds it`,
    ]);

    const drawing = await layOut(picture);
    expect(drawing.nodes).toHaveLength(picture.nodes.length);
    for (const n of drawing.nodes) {
      expect(n.x - n.width / 2).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width / 2).toBeLessThanOrEqual(drawing.width);
      expect(n.y + n.height / 2).toBeLessThanOrEqual(drawing.height);
    }
    for (const a of drawing.nodes)
      for (const b of drawing.nodes) {
        if (a === b) continue;
        const apart =
          Math.abs(a.x - b.x) >= (a.width + b.width) / 2 ||
          Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
        expect(apart, `${a.item.id} overlaps ${b.item.id}`).toBe(true);
      }
    // Left to right: alice before the role she reaches, the role before the target.
    const x = (id: string) => drawing.nodes.find((n) => n.item.id === id)!.x;
    expect(x(arn('user', 'alice'))).toBeLessThan(x(arn('role', 'LambdaAdmin')));
    expect(x(arn('role', 'LambdaAdmin'))).toBeLessThan(x(TARGET));
    for (const e of drawing.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
  });

  it('for a principal target draws no separate target node: the paths end at the principal', () => {
    const report = escalationPaths(world, graph, {
      kind: 'principal',
      principal: arn('role', 'LambdaAdmin'),
    });
    const picture = escalationPicture(graph, report);
    expect(picture.nodes.map((n) => n.id)).not.toContain(TARGET);
    const alice = report.paths.find((p) => p.from === arn('user', 'alice'))!;
    expect(pathKeys(alice, report)).toHaveLength(1);
  });

  it('gives every edge label a box as wide as its bold text that no node covers', async () => {
    const report = escalationPaths(world, graph, { kind: 'admin' });
    for (const direction of ['LR', 'TB'] as const) {
      const drawing = await layOut(escalationPicture(graph, report), direction);
      expect(drawing.direction).toBe(direction);
      for (const e of drawing.edges) {
        expect(e.width).toBeGreaterThanOrEqual(estimate(shortVia(e.item.label), EDGE_TEXT, true));
        expect(e.height).toBeGreaterThanOrEqual(EDGE_TEXT);
        for (const n of drawing.nodes) {
          const apart =
            Math.abs(e.x - n.x) >= (e.width + n.width) / 2 ||
            Math.abs(e.y - n.y) >= (e.height + n.height) / 2;
          expect(apart, `${e.item.key} under ${n.item.id}`).toBe(true);
        }
      }
    }
  });

  it('top to bottom puts each step below the one before it', async () => {
    const report = escalationPaths(world, graph, { kind: 'admin' });
    const drawing = await layOut(escalationPicture(graph, report), 'TB');
    const y = (id: string) => drawing.nodes.find((n) => n.item.id === id)!.y;
    expect(y(arn('user', 'alice'))).toBeLessThan(y(arn('role', 'LambdaAdmin')));
    expect(y(arn('role', 'LambdaAdmin'))).toBeLessThan(y(TARGET));
  });

  it('fits a drawing to a width by shrinking only, and picks the direction that shrinks least', async () => {
    const sized = (direction: 'LR' | 'TB', width: number): Drawing => ({
      direction,
      width,
      height: 100,
      nodes: [],
      edges: [],
    });
    expect(fitScale(sized('LR', 500), 1000)).toBe(1);
    expect(fitScale(sized('LR', 1000), 500)).toBe(0.5);
    expect(fitScale(sized('LR', 1000), 0)).toBe(1); // not measured yet: as drawn
    const wide = sized('LR', 900);
    const tall = sized('TB', 300);
    expect(bestDrawing([wide, tall], 400)).toBe(tall);
    expect(bestDrawing([wide, tall], 1200)).toBe(wide); // both fit: left to right
    // A chain of one path: long left to right, narrow top to bottom.
    const path = escalationPaths(world, graph, {
      kind: 'principal',
      principal: arn('role', 'LambdaAdmin'),
    });
    const chain = escalationPicture(graph, { ...path, paths: path.paths.slice(0, 1), holders: [] });
    const both = [await layOut(chain, 'LR'), await layOut(chain, 'TB')];
    expect(both[0]!.width).toBeGreaterThan(both[1]!.width);
    expect(bestDrawing(both, both[1]!.width).direction).toBe('TB');
  });
});
