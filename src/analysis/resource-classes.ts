/**
 * The collapse on the resource axis: resources that no statement of the world tells apart.
 *
 * A resource with no entry in the world (the "any other resource of type T" of what-can), or an
 * entry that says only its account, has no policy, tags or settings of its own: the model and
 * the engine read it only through its ARN's partition and account, its owner (aws:ResourceAccount,
 * the organization's RCPs, the cross-account rule), the Resource / NotResource patterns of the
 * policies that apply, and for two services a little more: S3 (the bucket's entry and whether it
 * is a bucket or an object: the bucket policy, Block Public Access, the tag keys) and KMS (a key
 * or not: the default key policy the model writes for the owner). Two such resources with the
 * same of all these get the same decision from the same principal for the same action class.
 * Never collapsed: IAM and STS resources (trust policies, tags of users and roles), S3 access
 * points and other S3-family services, and resources whose entry (or bucket's entry) says more.
 *
 * A pattern with policy variables (`${aws:username}`) matches differently per request: a resource
 * that it could match with some value (the variables read as `*`) is kept in a class of its own.
 * KMS keys whose entry says more (grants, an AWS managed key) are where the model reads the
 * action's name: `readsName` tells the analysis to decide each action on them by itself.
 */
import { matchArnPattern } from '../engine/index.ts';
import { bucketOf, isKeyArn, resourceOwner, type Scenario } from '../model/index.ts';

/** Services whose resources the model reads beyond the entry's account (see above). */
const NEVER = /^(iam|sts|s3.+)$/;

/** True when a resource entry (or its absence) says nothing but the account. */
function plain(scenario: Scenario, arn: string): boolean {
  const resources = scenario.resources ?? {};
  if (!Object.hasOwn(resources, arn)) return true;
  const entry: unknown = resources[arn];
  return (
    typeof entry === 'object' && entry !== null && Object.keys(entry).every((k) => k === 'account')
  );
}

interface Pattern {
  id: number;
  /** The pattern as written, or with its variables as `*` (then `variable` is set). */
  text: string;
  variable: boolean;
}

/**
 * A pattern that matches every ARN the written one could match with any values of its
 * variables. In the resource part each variable reads as `*`. A variable among the region and
 * account parts could hold a colon and shift the parts after it, so the pattern keeps only its
 * first three parts (`arn:aws:iam:*`, lower case: compute() sees only ARNs whose first three
 * parts are lower case); a variable in those three makes it `*`.
 */
function overApproximation(written: string): string {
  const marked = written.replace(/\$\{[^}]*\}/g, '\0'); // a variable's own name has colons
  const parts = marked.split(':');
  if (!parts.slice(0, 5).join(':').includes('\0')) return marked.replaceAll('\0', '*');
  if (parts.length < 3 || parts.slice(0, 3).join(':').includes('\0')) return '*';
  return `${parts.slice(0, 3).join(':').toLowerCase()}:*`;
}

export class ResourceClasses {
  /** Patterns whose service part is a wildcard (or `*` itself): tested against every ARN. */
  private readonly anyService: Pattern[] = [];
  /** Patterns naming one service literally (lower case): they match only ARNs of that service. */
  private readonly byService = new Map<string, Pattern[]>();
  private readonly keys = new Map<string, string>();

  constructor(
    patterns: Iterable<string>,
    private readonly scenario: Scenario,
  ) {
    let id = 0;
    for (const written of patterns) {
      const variable = written.includes('${');
      const text = variable ? overApproximation(written) : written;
      const pattern = { id: id++, text, variable };
      const [arn, partition, service] = text.split(':');
      if (service === undefined || /[*?]/.test(`${arn}:${partition}:${service}`))
        this.anyService.push(pattern);
      else {
        const key = service.toLowerCase();
        let list = this.byService.get(key);
        if (!list) this.byService.set(key, (list = []));
        list.push(pattern);
      }
    }
  }

  /** Equal keys: the same decision from the same principal for the same action class. */
  keyOf(arn: string): string {
    let key = this.keys.get(arn);
    if (key === undefined) {
      key = this.compute(arn);
      this.keys.set(arn, key);
    }
    return key;
  }

  /** True for a KMS key whose entry says more than its account: decide each action alone. */
  readsName(arn: string): boolean {
    return /^arn:[^:]*:kms:/i.test(arn) && !plain(this.scenario, arn);
  }

  private compute(arn: string): string {
    const alone = `=${arn}`;
    const parts = arn.split(':');
    if (parts.length < 6) return alone;
    const service = parts[2]!.toLowerCase();
    if (
      NEVER.test(service) ||
      `${parts[0]}:${parts[1]}:${parts[2]}` !== `arn:${parts[1]!.toLowerCase()}:${service}`
    )
      return alone;
    if (!plain(this.scenario, arn)) return alone;
    let shape = '';
    if (service === 's3') {
      if (parts[3] !== '' || parts[4] !== '') return alone; // an access point
      const bucket = bucketOf(arn);
      if (bucket !== undefined && !plain(this.scenario, bucket)) return alone;
      shape = bucket === undefined ? 's3 bucket' : 's3 object';
    } else if (service === 'kms') shape = isKeyArn(arn) ? 'kms key' : 'kms';
    const ids: number[] = [];
    for (const list of [this.anyService, this.byService.get(service) ?? []])
      for (const p of list)
        if (matchArnPattern(p.text, arn)) {
          if (p.variable) return alone;
          ids.push(p.id);
        }
    const owner = resourceOwner(this.scenario, arn).account ?? '';
    return `${shape}|${parts[1]}:${parts[4]}|${owner}|${ids.sort((a, b) => a - b).join(',')}`;
  }
}
