/**
 * Reads what the AWS Organizations commands print into the scenario format's `organization`:
 * `aws organizations describe-organization` (the id and the management account), `list-roots`
 * (the root), `list-organizational-units-for-parent` and `list-accounts-for-parent` (the tree),
 * `list-policies` and `describe-policy` (SCPs and RCPs), and `list-targets-for-policy` (where
 * each is attached). Field names follow the AWS Organizations API reference ("Organization",
 * "Root", "OrganizationalUnit", "Account", "PolicySummary", "Policy", "PolicyTargetSummary").
 *
 * Three of these outputs do not say what they were asked about: the parent of the OUs and
 * accounts listed, and the policy whose targets are listed. The file name says it: it holds the
 * id given to the command, e.g. `list-accounts-for-parent.ou-ab12-cdef5678.json` or
 * `list-targets-for-policy.p-examplepolicyid111.json` (docs/scenario-format-notes.md, "Import").
 */
import { isAccountId } from '../arn.ts';
import { setOwn } from '../json-text.ts';
import { getOwn, isRecord } from '../own.ts';
import { baseName, text, type DumpFile, type Located, type Path } from './located.ts';

type Json = Record<string, unknown>;

/** Which command printed a value, by the value's own shape. */
export type OrganizationsOutput =
  | 'describe-organization'
  | 'list-roots'
  | 'list-organizational-units-for-parent'
  | 'list-accounts-for-parent'
  | 'list-policies'
  | 'describe-policy'
  | 'list-targets-for-policy';

const LIST_KEYS: [string, OrganizationsOutput][] = [
  ['Roots', 'list-roots'],
  ['OrganizationalUnits', 'list-organizational-units-for-parent'],
  ['Accounts', 'list-accounts-for-parent'],
  ['Targets', 'list-targets-for-policy'],
];

/** The command whose output this is, or undefined when it is none of them. */
export function organizationsOutput(value: unknown): OrganizationsOutput | undefined {
  if (!isRecord(value) || Object.hasOwn(value, 'format')) return undefined;
  if (isRecord(getOwn(value, 'Organization'))) return 'describe-organization';
  if (isRecord(getOwn(getOwn(value, 'Policy'), 'PolicySummary'))) return 'describe-policy';
  for (const [key, kind] of LIST_KEYS) if (Array.isArray(getOwn(value, key))) return kind;
  const policies = getOwn(value, 'Policies');
  if (Array.isArray(policies) && policies.some((p) => /^p-/.test(String(getOwn(p, 'Id')))))
    return 'list-policies';
  return undefined;
}

const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;
/** The id a command was given, as it stands in the file's name (between dots, dashes allowed). */
const PARENT_IN_NAME =
  /(?<![0-9a-z-])(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[0-9a-z]{8,32})(?![0-9a-z-])/;
const POLICY_IN_NAME = /(?<![0-9A-Za-z_-])(p-[0-9A-Za-z_]{8,128})(?![0-9A-Za-z_-])/;

/** The built-in policies: the scenario format has them without declaring them. */
const BUILT_IN: Record<string, string> = {
  'p-FullAWSAccess': 'FullAWSAccess',
  'p-RCPFullAWSAccess': 'RCPFullAWSAccess',
};
const KINDS: Record<string, 'scps' | 'rcps'> = {
  SERVICE_CONTROL_POLICY: 'scps',
  RESOURCE_CONTROL_POLICY: 'rcps',
};

interface PolicyInfo {
  name: string;
  type?: string;
  document?: Json;
}

interface Node {
  name: string;
  parent?: string;
}

/** What the organization's outputs say, gathered before the tree is built. */
export class OrganizationReader {
  private orgId?: string;
  private management?: string;
  private rootId?: string;
  private readonly ous = new Map<string, Node>();
  /** Account id → the id of its parent (root or OU). */
  private readonly accountParents = new Map<string, string>();
  readonly accountNames = new Map<string, string>();
  private readonly policies = new Map<string, PolicyInfo>();
  /** Policy id → the ids of the roots, OUs and accounts it is attached to. */
  private readonly targets = new Map<string, Set<string>>();
  /** Where each parent or policy id was named, to locate a problem about it later. */
  private readonly namedIn = new Map<string, DumpFile>();
  readonly notes: string[] = [];
  private otherPolicyTypes = new Set<string>();
  used = false;

  constructor(private readonly at: Located) {}

  read(file: DumpFile, kind: OrganizationsOutput): void {
    this.used = true;
    const value = file.value as Json;
    switch (kind) {
      case 'describe-organization':
        return this.organization(getOwn(value, 'Organization') as Json);
      case 'list-roots':
        return this.list(value, 'Roots', (root, path) => {
          const id = this.id(root, path, ROOT_ID, 'a root id (r-…)');
          if (!id) return;
          if (this.rootId !== undefined && this.rootId !== id)
            return this.at.problem(
              [...path, 'Id'],
              `An organization has one root, but two are given: ${this.rootId} and ${id}.`,
            );
          this.rootId = id;
        });
      case 'list-organizational-units-for-parent': {
        const parent = this.parentFromName(file, 'OrganizationalUnits');
        return this.list(value, 'OrganizationalUnits', (ou, path) => {
          const id = this.id(ou, path, OU_ID, 'an OU id (ou-…-…)');
          const name = text(getOwn(ou, 'Name'));
          if (!name) return this.at.problem([...path, 'Name'], 'Expected the OU name.');
          if (id && parent) this.ous.set(id, { name, parent });
        });
      }
      case 'list-accounts-for-parent': {
        const parent = this.parentFromName(file, 'Accounts');
        return this.list(value, 'Accounts', (account, path) => {
          const id = text(getOwn(account, 'Id'));
          if (!id || !isAccountId(id))
            return this.at.problem([...path, 'Id'], 'Expected a 12-digit account id.');
          const name = text(getOwn(account, 'Name'));
          if (name) this.accountNames.set(id, name);
          if (parent) this.accountParents.set(id, parent);
        });
      }
      case 'list-policies':
        return this.list(value, 'Policies', (summary, path) => this.summary(summary, path));
      case 'describe-policy': {
        const policy = getOwn(value, 'Policy') as Json;
        const id = this.summary(getOwn(policy, 'PolicySummary'), ['Policy', 'PolicySummary']);
        if (!id) return;
        const content = getOwn(policy, 'Content');
        const path: Path = ['Policy', 'Content'];
        let document: unknown;
        try {
          document = typeof content === 'string' ? JSON.parse(content) : undefined;
        } catch (error) {
          return this.at.problem(path, `The policy's Content is not valid JSON: ${String(error)}`);
        }
        if (!isRecord(document))
          return this.at.problem(path, 'Expected the policy document as JSON text.');
        this.policies.get(id)!.document = document;
        return;
      }
      case 'list-targets-for-policy': {
        const match = POLICY_IN_NAME.exec(baseName(file.name));
        if (!match)
          return this.at.problem(
            [],
            'This output does not say which policy its targets are for: name the file after the policy id, e.g. list-targets-for-policy.p-examplepolicyid111.json.',
          );
        const policyId = match[1]!;
        this.namedIn.set(policyId, file);
        const set = this.targets.get(policyId) ?? new Set<string>();
        this.targets.set(policyId, set);
        return this.list(value, 'Targets', (target, path) => {
          const id = text(getOwn(target, 'TargetId'));
          if (!id || !(ROOT_ID.test(id) || OU_ID.test(id) || isAccountId(id)))
            return this.at.problem(
              [...path, 'TargetId'],
              'Expected the id of a root, an OU or an account.',
            );
          set.add(id);
        });
      }
    }
  }

  private organization(org: Json): void {
    const id = text(getOwn(org, 'Id'));
    if (!id || !/^o-[a-z0-9]{10,32}$/.test(id))
      this.at.problem(['Organization', 'Id'], 'Expected the organization id (o-…).');
    else this.orgId = id;
    const management = text(getOwn(org, 'MasterAccountId'));
    if (!management || !isAccountId(management))
      this.at.problem(
        ['Organization', 'MasterAccountId'],
        'Expected the management account id (12 digits).',
      );
    else this.management = management;
  }

  private list(value: Json, key: string, each: (entry: Json, path: Path) => void): void {
    (getOwn(value, key) as unknown[]).forEach((entry, i) => {
      if (isRecord(entry)) each(entry, [key, i]);
      else this.at.problem([key, i], 'Expected an object.');
    });
  }

  private id(entry: Json, path: Path, shape: RegExp, what: string): string | undefined {
    // AWS's own example output of list-organizational-units-for-parent has no Id: its ARN ends in it.
    const id = text(getOwn(entry, 'Id')) ?? text(getOwn(entry, 'Arn'))?.split('/').pop();
    if (id && shape.test(id)) return id;
    this.at.problem([...path, 'Id'], `Expected ${what}.`);
    return undefined;
  }

  private parentFromName(file: DumpFile, key: string): string | undefined {
    const match = PARENT_IN_NAME.exec(baseName(file.name));
    if (match) {
      this.namedIn.set(match[1]!, file);
      return match[1]!;
    }
    const command =
      key === 'Accounts' ? 'list-accounts-for-parent' : 'list-organizational-units-for-parent';
    this.at.problem(
      [],
      `This output does not say which root or OU it lists: name the file after the --parent-id given, e.g. ${command}.r-examplerootid111.json.`,
    );
    return undefined;
  }

  /** A PolicySummary: its id, name and type. */
  private summary(summary: unknown, path: Path): string | undefined {
    if (!isRecord(summary)) {
      this.at.problem(path, 'Expected a policy summary.');
      return undefined;
    }
    const id = text(getOwn(summary, 'Id'));
    const name = text(getOwn(summary, 'Name'));
    if (!id || !/^p-[0-9A-Za-z_]{8,128}$/.test(id)) {
      this.at.problem([...path, 'Id'], 'Expected a policy id (p-…).');
      return undefined;
    }
    if (!name) {
      this.at.problem([...path, 'Name'], 'Expected the policy name.');
      return undefined;
    }
    const type = text(getOwn(summary, 'Type'));
    const known = this.policies.get(id);
    this.policies.set(id, { ...known, name, ...(type ? { type } : {}) });
    return id;
  }

  /** The scenario's `organization`, or undefined after a problem. */
  build(): Json | undefined {
    // A part already found malformed would only be reported again as missing.
    if (this.at.problems.length > 0) return undefined;
    const org: Json = {};
    if (this.orgId) org.id = this.orgId;
    if (this.management) org.managementAccount = this.management;
    const attached = this.attachments();
    if (!attached) return undefined;
    const { byTarget, documents } = attached;
    if (Object.keys(documents).length > 0) org.policies = documents;

    const parents = new Set([
      ...this.accountParents.values(),
      ...[...this.ous.values()].map((n) => n.parent!),
    ]);
    for (const parent of parents) {
      if (ROOT_ID.test(parent)) {
        if (this.rootId === undefined) this.rootId = parent;
        else if (parent !== this.rootId)
          this.problemIn(
            parent,
            `The parent ${parent} is a root, but the organization's root is ${this.rootId}.`,
          );
      } else if (!this.ous.has(parent))
        this.problemIn(
          parent,
          `The OU ${parent} is not in any output of list-organizational-units-for-parent given, so its place in the tree is unknown: add the output for its parent.`,
        );
    }
    for (const target of byTarget.keys()) {
      const placed =
        target === this.rootId || this.ous.has(target) || this.accountParents.has(target);
      if (!placed)
        this.problemIn(
          target,
          `A policy is attached to ${target}, which is not in the organization's tree given: add the list-organizational-units-for-parent or list-accounts-for-parent output that lists it.`,
        );
    }
    if (this.at.problems.length > 0) return undefined;

    const node = (id: string | undefined): Json => {
      const out: Json = {};
      if (id !== undefined) {
        out.id = id;
        Object.assign(out, byTarget.get(id) ?? this.defaults());
      }
      return out;
    };
    const fill = (id: string | undefined, into: Json): Json => {
      const accounts: Json = {};
      for (const [account, parent] of this.accountParents)
        if (parent === id) {
          const entry = node(account);
          delete entry.id;
          setOwn(accounts, account, entry);
        }
      const ous: Json = {};
      for (const [ouId, ou] of this.ous)
        if (ou.parent === id) {
          if (Object.hasOwn(ous, ou.name))
            this.at.problem([], `Two OUs under ${id} are named ${ou.name}.`);
          setOwn(ous, ou.name, fill(ouId, node(ouId)));
        }
      if (Object.keys(accounts).length > 0) into.accounts = accounts;
      if (Object.keys(ous).length > 0) into.ous = ous;
      return into;
    };
    org.root = fill(this.rootId, node(this.rootId));
    for (const type of this.otherPolicyTypes)
      this.notes.push(
        `Organization policies of type ${type} are not kept: only SCPs and RCPs decide requests.`,
      );
    return this.at.problems.length > 0 ? undefined : org;
  }

  /** A node's SCPs when no output says what is attached to it: AWS's default. */
  private defaults(): Json {
    return this.targets.has('p-FullAWSAccess') ? { scps: [] } : {};
  }

  /** Each target's `scps`/`rcps` lists, and the documents of the policies they name. */
  private attachments():
    { byTarget: Map<string, { scps?: string[]; rcps?: string[] }>; documents: Json } | undefined {
    const byTarget = new Map<string, { scps?: string[]; rcps?: string[] }>();
    const documents: Json = {};
    const names = new Map<string, string>();
    const fullAccessKnown = this.targets.has('p-FullAWSAccess');
    let assumedFullAccess = false;
    for (const [id, info] of this.policies) {
      const kind = info.type ? KINDS[info.type] : undefined;
      if (info.type && !kind) {
        this.otherPolicyTypes.add(info.type);
        continue;
      }
      if (BUILT_IN[id] || !info.document) continue;
      // Names are unique per policy type in AWS; an SCP and an RCP may share one.
      const name = names.has(info.name) ? `${info.name} (${id})` : info.name;
      names.set(name, id);
      info.name = name;
      setOwn(documents, name, info.document);
    }
    for (const [policyId, targets] of this.targets) {
      const info = this.policies.get(policyId);
      const builtIn = BUILT_IN[policyId];
      const type =
        info?.type ?? (policyId === 'p-RCPFullAWSAccess' ? 'RESOURCE_CONTROL_POLICY' : undefined);
      const kind = type ? KINDS[type] : builtIn ? 'scps' : undefined;
      if (type && !kind) continue;
      if (!kind || (!builtIn && !info?.document)) {
        this.problemIn(
          policyId,
          `The policy ${policyId} is attached, but its document is not given: add the output of aws organizations describe-policy --policy-id ${policyId}.`,
        );
        continue;
      }
      // RCPFullAWSAccess is on every node and cannot be removed: the format has it implicitly.
      if (policyId === 'p-RCPFullAWSAccess') continue;
      for (const target of targets) {
        const entry = byTarget.get(target) ?? {};
        byTarget.set(target, entry);
        (entry[kind] ??= []).push(builtIn ?? info!.name);
      }
    }
    if (this.at.problems.length > 0) return undefined;
    // Without the output for FullAWSAccess, it is where AWS puts it by default: everywhere.
    for (const entry of byTarget.values()) {
      if (fullAccessKnown) entry.scps ??= [];
      else if (entry.scps) {
        entry.scps.unshift('FullAWSAccess');
        assumedFullAccess = true;
      }
    }
    if (assumedFullAccess)
      this.notes.push(
        'FullAWSAccess is taken to be attached to every root, OU and account, as AWS attaches it by default; give list-targets-for-policy.p-FullAWSAccess.json to say where it really is.',
      );
    return { byTarget, documents };
  }

  /** A problem about an id, located at the file that named it. */
  private problemIn(id: string, message: string): void {
    const file = this.namedIn.get(id);
    if (file) this.at.at(file);
    this.at.problem([], message);
  }
}
