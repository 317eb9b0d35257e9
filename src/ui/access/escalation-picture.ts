/**
 * The picture of "who can reach the target": which principals and steps to draw,
 * and where, laid out by dagre (a well-kept layered-graph layout; loaded only when a picture
 * is drawn). Only what the answer involves is drawn: the principals on some path or already
 * at the target, the edges of the graph between them, and one target node every path ends at.
 */
import type { EscalationGraph, EscalationPath, EscalationReport } from '../../analysis/index.ts';
import { parseArn } from '../../model/index.ts';

/** The target node's id (never an ARN). */
export const TARGET = 'target:';

export interface PictureNode {
  id: string;
  label: string;
  kind: string;
}

export interface PictureEdge {
  /** Unique: from, to and the step in words. */
  key: string;
  from: string;
  to: string;
  label: string;
}

export interface Picture {
  nodes: PictureNode[];
  edges: PictureEdge[];
}

export interface Placed<T> {
  item: T;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Drawing {
  direction: Direction;
  width: number;
  height: number;
  nodes: Placed<PictureNode>[];
  /** Each edge's line, and its label's box (centre x, y; width, height). */
  edges: (Placed<PictureEdge> & { points: { x: number; y: number }[] })[];
}

/** A principal's name as drawn: the resource part of its ARN (`user/alice`), or the service. */
export const shortName = (id: string): string => parseArn(id)?.resource ?? id;

export const edgeKey = (from: string, to: string, via: string): string => `${from}\n${to}\n${via}`;

/** What the target is, in words. */
export function targetLabel(report: EscalationReport): string {
  const t = report.target;
  if (t.kind === 'admin') return 'admin (* on *)';
  if (t.kind === 'principal') return shortName(t.principal);
  return `${t.action} on ${shortName(t.resource)}`;
}

/** The keys of a path's edges in the picture, in order (the last reaches the target). */
export function pathKeys(path: EscalationPath, report: EscalationReport): string[] {
  const keys: string[] = [];
  let at = path.from;
  for (const hop of path.hops) {
    if (hop.kind === 'edge') {
      keys.push(edgeKey(hop.from, hop.to, hop.via));
      at = hop.to;
    } else {
      keys.push(edgeKey(hop.principal, TARGET, hop.via));
      return keys;
    }
  }
  if (report.target.kind !== 'principal') keys.push(edgeKey(at, TARGET, 'holds it'));
  return keys;
}

/**
 * The nodes and edges to draw for a report over its graph: the shortest paths (a tree that
 * converges on the target) and the holders. Other edges of the graph between the same
 * principals are left out: from a holder every principal is reachable, and drawing those
 * edges buries the paths.
 */
export function escalationPicture(graph: EscalationGraph, report: EscalationReport): Picture {
  const kinds = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const nodes = new Map<string, PictureNode>();
  const node = (id: string, label = shortName(id), kind = kinds.get(id) ?? 'principal') =>
    nodes.set(id, { id, label, kind });
  const edges = new Map<string, PictureEdge>();
  const edge = (from: string, to: string, label: string) =>
    edges.set(edgeKey(from, to, label), { key: edgeKey(from, to, label), from, to, label });
  if (report.target.kind !== 'principal') node(TARGET, targetLabel(report), 'target');
  for (const h of report.holders) {
    node(h.principal);
    if (report.target.kind !== 'principal') edge(h.principal, TARGET, 'holds it');
  }
  for (const path of report.paths) {
    node(path.from);
    for (const hop of path.hops)
      if (hop.kind === 'edge') {
        node(hop.to);
        edge(hop.from, hop.to, hop.via);
      } else edge(hop.principal, TARGET, hop.via);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

/** A step in few words for the picture (the list and the step's name say it whole). */
export const shortVia = (via: string): string =>
  via
    .replace(/\b(?:iam|sts):/g, '')
    .replace(/\.amazonaws\.com/g, '')
    .replace(' with the profile', ' (profile)')
    .replace(' assumes the profile role', ' assumes its role');

/** How wide a text is drawn, in px: at a font size, bold or not. */
export type Measure = (text: string, size: number, bold: boolean) => number;

/** A width estimate for a sans-serif font, where no canvas measures (tests, the CLI). */
export const estimate: Measure = (text, size, bold) => text.length * size * (bold ? 0.65 : 0.6);

/** Measures with a canvas in the font the picture is drawn in; the estimate where none exists. */
export function canvasMeasure(fontFamily: string): Measure {
  const context =
    typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return estimate;
  return (text, size, bold) => {
    context.font = `${bold ? 600 : 400} ${size}px ${fontFamily}`;
    return context.measureText(text).width;
  };
}

/** The picture's type sizes, in px (EscalationGraph draws with them). */
export const NODE_TEXT = 12;
export const EDGE_TEXT = 11;
/** An edge label's box: its text and a little room, so the line behind it does not touch it. */
const LABEL_PAD = 8;
const LABEL_HEIGHT = 16;

/** The directions a picture is laid out in: left to right, or top to bottom. */
export type Direction = 'LR' | 'TB';

/** Places a picture's nodes and edges with dagre, in a direction. */
export async function layOut(
  picture: Picture,
  direction: Direction = 'LR',
  measure: Measure = estimate,
): Promise<Drawing> {
  const { default: dagre } = await import('@dagrejs/dagre');
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: direction,
    nodesep: 24,
    ranksep: 40,
    edgesep: 12,
    marginx: 8,
    marginy: 8,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of picture.nodes)
    g.setNode(node.id, {
      width: Math.ceil(measure(node.label, NODE_TEXT, false)) + 24,
      height: 30,
    });
  // The label is drawn bold on the selected path: its box is as wide as the bold text.
  for (const edge of picture.edges)
    g.setEdge(
      edge.from,
      edge.to,
      {
        width: Math.ceil(measure(shortVia(edge.label), EDGE_TEXT, true)) + LABEL_PAD,
        height: LABEL_HEIGHT,
        labelpos: 'c',
      },
      edge.key,
    );
  dagre.layout(g);
  const size = g.graph();
  return {
    direction,
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes: picture.nodes.map((item) => {
      const n = g.node(item.id);
      return { item, x: n.x ?? 0, y: n.y ?? 0, width: n.width, height: n.height };
    }),
    edges: picture.edges.map((item) => {
      const e = g.edge(item.from, item.to, item.key);
      return {
        item,
        points: e.points ?? [],
        x: e.x ?? 0,
        y: e.y ?? 0,
        width: e.width ?? 0,
        height: e.height ?? 0,
      };
    }),
  };
}

/** The scale that fits a drawing into a width (never above 1: a small picture stays as drawn). */
export const fitScale = (drawing: Drawing, width: number): number =>
  width > 0 && drawing.width > width ? width / drawing.width : 1;

/**
 * Of the same picture laid out in several directions, the one that needs the least shrinking to
 * fit the width: a long chain reads top to bottom in a narrow frame, a broad tree left to right.
 * On a tie, the first (left to right, the reading direction).
 */
export function bestDrawing(drawings: readonly Drawing[], width: number): Drawing {
  let best = drawings[0]!;
  for (const d of drawings.slice(1)) if (fitScale(d, width) > fitScale(best, width)) best = d;
  return best;
}
