/**
 * The escalation picture: what is drawn for a report (the principals on paths and at the
 * target, the graph's edges between them, one target node), each path's edges findable by key
 * for highlighting, and dagre's layout placing every node inside the drawing without overlap.
 */
import { describe, expect, it } from 'vitest';
import { escalationGraph, escalationPaths } from '../../../src/analysis/index.ts';
import {
  TARGET,
  escalationPicture,
  layOut,
  pathKeys,
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
});
