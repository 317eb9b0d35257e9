/**
 * Could a resource ARN written in a policy (with `*`, `?` and policy variables) name a resource
 * of a type AWS describes with an ARN template such as
 * `arn:${Partition}:s3:::${BucketName}/${ObjectName}`?
 *
 * Both are patterns; the question is whether some ARN matches both. Findings fire only on a
 * certain "no", so every doubt resolves to "could match": a policy `*` spans anything
 * (including `/` and `:`, as in AWS), a policy variable `${...}` counts as `*`, letters compare
 * case-insensitively, and template variables are narrowed only where AWS's ARN formats leave
 * no doubt (see `templateTokens`).
 */

type PolicyToken = { kind: 'lit'; char: string } | { kind: 'star' } | { kind: 'one' };
type TemplateToken = { kind: 'lit'; char: string } | { kind: 'var'; excludes: string };

function policyTokens(arn: string): PolicyToken[] {
  const tokens: PolicyToken[] = [];
  for (let i = 0; i < arn.length; i++) {
    const c = arn[i]!;
    if (c === '$' && arn[i + 1] === '{') {
      const end = arn.indexOf('}', i);
      if (end > 0) {
        tokens.push({ kind: 'star' });
        i = end;
        continue;
      }
    }
    if (c === '*') tokens.push({ kind: 'star' });
    else if (c === '?') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'lit', char: c.toLowerCase() });
  }
  return tokens;
}

const templateCache = new Map<string, TemplateToken[]>();

/** A template's tokens, tokenized once. */
function templateTokens(template: string): TemplateToken[] {
  let tokens = templateCache.get(template);
  if (!tokens) {
    tokens = tokenizeTemplate(template);
    templateCache.set(template, tokens); // templates come from the reference: a bounded set
  }
  return tokens;
}

/**
 * Template variables: in the first five ARN fields (partition, service, region, account) a
 * variable never holds `:`. In the resource part a variable followed by `/` or `:` never holds
 * that character (`accesspoint/${AccessPointName}/object/...`). The last variable may hold
 * anything, except when the whole resource part is one `...Name` variable: bucket, topic,
 * queue and repository names hold neither `/` nor `:`. That keeps `arn:aws:s3:::b/*` from
 * passing as a bucket while `role/${RoleNameWithPath}` still takes paths.
 */
function tokenizeTemplate(template: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  const parts = template.split(/(\$\{[^}]*\})/);
  // Where the resource part starts: after the fifth colon of the literal text.
  let colons = 0;
  let resourceStart = -1;
  let offset = 0;
  for (let p = 0; p < parts.length && resourceStart < 0; p++) {
    const part = parts[p]!;
    if (p % 2 === 0) {
      for (let i = 0; i < part.length; i++) {
        if (part[i] === ':' && ++colons === 5) {
          resourceStart = offset + i + 1;
          break;
        }
      }
    }
    offset += part.length;
  }
  const resourcePart = resourceStart >= 0 ? template.slice(resourceStart) : '';
  const bareName = /^\$\{[A-Za-z]*Name\}$/.test(resourcePart);

  let position = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    if (p % 2 === 0) {
      for (const c of part) tokens.push({ kind: 'lit', char: c.toLowerCase() });
    } else if (part !== '') {
      const next = parts[p + 1]?.[0];
      const inHeader = resourceStart < 0 || position < resourceStart;
      let excludes = '';
      if (inHeader) excludes = ':';
      else if (bareName) excludes = '/:';
      else if (next === '/' || next === ':') excludes = next;
      tokens.push({ kind: 'var', excludes });
    }
    position += part.length;
  }
  return tokens;
}

/** True when some ARN could match both the policy's resource pattern and the template. */
export function arnCouldMatch(policyArn: string, template: string): boolean {
  const p = policyTokens(policyArn);
  const t = templateTokens(template);
  // Reachability over (position in policy, position in template); both sides may match
  // empty strings (a star, a variable), so the product automaton is searched directly.
  const seen = new Set<number>();
  const width = t.length + 1;
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    const id = i * width + j;
    if (seen.has(id)) continue;
    seen.add(id);
    if (i === p.length && j === t.length) return true;
    const a = p[i];
    const b = t[j];
    const push = (ni: number, nj: number) => stack.push([ni, nj]);
    if (a?.kind === 'star') push(i + 1, j); // the star matches nothing more
    if (b?.kind === 'var') push(i, j + 1); // the variable matches nothing more
    if (!a || !b) continue;
    if (b.kind === 'lit') {
      if (a.kind === 'star')
        push(i, j + 1); // the star takes this literal
      else if (a.kind === 'one' || a.char === b.char) push(i + 1, j + 1);
    } else if (a.kind === 'lit') {
      if (!b.excludes.includes(a.char)) push(i + 1, j); // the variable takes this literal
    } else if (a.kind === 'one') {
      push(i + 1, j);
    }
    // star against variable: both may take the same characters, which changes no state.
  }
  return false;
}
