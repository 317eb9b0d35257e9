/**
 * Which editor document a finding stands in, for grouping findings in the panel and for opening
 * the right document when one is clicked.
 *
 * The editor opens policy documents by their JSON path in the scenario (the paths
 * src/ui/state/documents.ts names) and the whole scenario at the empty path. A finding inside a
 * policy belongs to that policy; a finding about the world around policies (an instance profile's
 * role, an SCP list, a request's action) belongs to the whole scenario.
 */
import type { JsonPath } from '../../engine/index.ts';
import type { Finding } from '../../findings/index.ts';
import { isKeyArn, pathKey } from '../../model/index.ts';

/** The path of the policy document that contains `path`, or [] (the whole scenario). */
export function documentPathOf(path: JsonPath): JsonPath {
  const [a, b, c, d, e, f] = path;
  if (a === 'accounts' && typeof b === 'string') {
    if (c === 'policies' && typeof d === 'string') return path.slice(0, 4);
    if ((c === 'users' || c === 'groups' || c === 'roles') && typeof d === 'string') {
      if (e === 'inline' && typeof f === 'string') return path.slice(0, 6);
      if (c === 'roles' && e === 'trust') return path.slice(0, 5);
    }
  }
  if (a === 'resources' && typeof b === 'string' && c === 'policy') return path.slice(0, 3);
  if (a === 'organization' && b === 'policies' && typeof c === 'string') return path.slice(0, 3);
  if (a === 'requests' && typeof b === 'number' && c === 'sessionPolicy') return path.slice(0, 3);
  return [];
}

/** Where to go for a finding: the document to open, and the element to highlight inside it. */
export function findingTarget(path: JsonPath): { document: JsonPath; element: JsonPath } {
  const document = documentPathOf(path);
  return { document, element: path.slice(document.length) };
}

const IDENTITY_WORD: Record<string, string> = { users: 'user', groups: 'group', roles: 'role' };

/**
 * A heading for a document's group of findings, from its path alone (the panel gets findings,
 * not the scenario). Names as the editor's titles do, e.g. `ReadReports — inline policy of user alice`.
 */
export function documentLabel(document: JsonPath): string {
  const [a, b, c, d, e, f] = document;
  if (document.length === 0) return 'Scenario';
  if (a === 'accounts' && c === 'policies') return `${d} — customer managed policy in ${b}`;
  if (a === 'accounts' && e === 'inline') {
    return `${f} — inline policy of ${IDENTITY_WORD[String(c)] ?? c} ${d} in ${b}`;
  }
  if (a === 'accounts' && e === 'trust') return `Trust policy of role ${d} in ${b}`;
  if (a === 'resources') {
    const arn = String(b);
    const what =
      arn.startsWith('arn:aws:s3:::') && !arn.includes('/')
        ? 'Bucket policy'
        : isKeyArn(arn)
          ? 'Key policy'
          : 'Resource policy';
    return `${what} of ${arn}`;
  }
  if (a === 'organization') return `${c} — organization policy`;
  if (a === 'requests') return `Session policy of request ${Number(b) + 1}`;
  return document.map(String).join(' › ');
}

/** Findings of one document. */
export interface FindingGroup {
  document: JsonPath;
  /** `pathKey(document)`, for keyed blocks. */
  key: string;
  label: string;
  findings: Finding[];
}

/**
 * Findings grouped by document, groups in the order their first finding comes (checkScenario
 * walks the scenario in order), findings in their own order within a group.
 */
export function groupByDocument(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const finding of findings) {
    const document = documentPathOf(finding.path);
    const key = pathKey(document);
    let group = groups.get(key);
    if (!group) {
      group = { document, key, label: documentLabel(document), findings: [] };
      groups.set(key, group);
    }
    group.findings.push(finding);
  }
  return [...groups.values()];
}
