/**
 * The picture of "who can reach the target" (issue 18): which principals and steps to draw,
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
  width: number;
  height: number;
  nodes: Placed<PictureNode>[];
  edges: { item: PictureEdge; points: { x: number; y: number }[]; x: number; y: number }[];
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

/** Text width estimate for the layout (the SVG's 12 px sans-serif). */
const textWidth = (text: string, size = 12): number => Math.ceil(text.length * size * 0.6);

/** Places a picture's nodes and edges, left to right, with dagre. */
export async function layOut(picture: Picture): Promise<Drawing> {
  const { default: dagre } = await import('@dagrejs/dagre');
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 40, edgesep: 12, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of picture.nodes)
    g.setNode(node.id, { width: textWidth(node.label) + 24, height: 30 });
  for (const edge of picture.edges)
    g.setEdge(
      edge.from,
      edge.to,
      { width: textWidth(shortVia(edge.label), 11), height: 14, labelpos: 'c' },
      edge.key,
    );
  dagre.layout(g);
  const size = g.graph();
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes: picture.nodes.map((item) => {
      const n = g.node(item.id);
      return { item, x: n.x ?? 0, y: n.y ?? 0, width: n.width, height: n.height };
    }),
    edges: picture.edges.map((item) => {
      const e = g.edge(item.from, item.to, item.key);
      return { item, points: e.points ?? [], x: e.x ?? 0, y: e.y ?? 0 };
    }),
  };
}
