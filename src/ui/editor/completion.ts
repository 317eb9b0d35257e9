/**
 * Autocomplete inside policy documents: actions in `Action`/`NotAction`, ARN templates in
 * `Resource`/`NotResource` (for the statement's actions), and condition keys inside `Condition`.
 *
 * The suggestions come from AWS's service reference, which lives in the worker and loads one
 * service at a time; this module only finds out, from the JSON syntax tree, what the cursor is in.
 */
import type {
  CompletionContext,
  CompletionResult,
  CompletionSource,
} from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';
import type { Completion, ActionInfoResponse } from '../../worker/index.ts';

/** Where the answers come from (the worker, in the app). Null means "no answer" (stale or failed). */
export interface ReferenceLookup {
  actions(prefix: string): Promise<Completion[] | null>;
  actionInfo(actions: string[]): Promise<ActionInfoResponse | null>;
}

/** What the cursor stands in, as far as completion cares. */
export type CompletionSlot =
  | { kind: 'action'; from: number; typed: string }
  | { kind: 'resource'; from: number; typed: string; actions: string[] }
  | { kind: 'condition-key'; from: number; typed: string; actions: string[] };

function text(state: EditorState, node: SyntaxNode): string {
  return state.sliceDoc(node.from, node.to);
}

function unquote(raw: string): string {
  return raw.replace(/^"/, '').replace(/"$/, '');
}

/** The name of the property a value node belongs to (directly, or as an item of an array value). */
function ownerProperty(
  state: EditorState,
  node: SyntaxNode,
): { name: string; property: SyntaxNode } | null {
  let parent = node.parent;
  if (parent?.name === 'Array') parent = parent.parent;
  if (parent?.name !== 'Property') return null;
  const key = parent.getChild('PropertyName');
  return key ? { name: unquote(text(state, key)), property: parent } : null;
}

/** The string values of a sibling property (`Action`) in the object that holds `property`. */
function siblingStrings(state: EditorState, property: SyntaxNode, name: string): string[] {
  const object = property.parent;
  if (!object) return [];
  for (let child = object.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'Property') continue;
    const key = child.getChild('PropertyName');
    if (!key || unquote(text(state, key)) !== name) continue;
    const out: string[] = [];
    const collect = (n: SyntaxNode): void => {
      for (let c = n.firstChild; c; c = c.nextSibling) {
        if (c.name === 'String') out.push(unquote(text(state, c)));
        else if (c.name === 'Array') collect(c);
      }
    };
    collect(child);
    return out.filter((a) => a !== text(state, key));
  }
  return [];
}

/** Finds the completion slot at `pos`, or null when the cursor is not in a place we complete. */
export function completionSlot(state: EditorState, pos: number): CompletionSlot | null {
  const node = syntaxTree(state).resolveInner(pos, -1);
  if (node.name !== 'String' && node.name !== 'PropertyName') return null;
  const from = node.from + 1;
  if (pos < from) return null;
  const typed = state.sliceDoc(from, pos);
  if (node.name === 'PropertyName') {
    // A key inside an operator object inside Condition: `"Condition": {"StringEquals": {"aws:|": ...}}`.
    const property = node.parent;
    const operator = property?.parent?.parent;
    const condition = operator?.parent?.parent;
    if (operator?.name !== 'Property' || condition?.name !== 'Property') return null;
    const conditionKey = condition.getChild('PropertyName');
    if (!conditionKey || unquote(text(state, conditionKey)) !== 'Condition') return null;
    return {
      kind: 'condition-key',
      from,
      typed,
      actions: siblingStrings(state, condition, 'Action'),
    };
  }
  const owner = ownerProperty(state, node);
  if (!owner) return null;
  if (owner.name === 'Action' || owner.name === 'NotAction') return { kind: 'action', from, typed };
  if (owner.name === 'Resource' || owner.name === 'NotResource') {
    return {
      kind: 'resource',
      from,
      typed,
      actions: siblingStrings(state, owner.property, 'Action'),
    };
  }
  return null;
}

/** Fills an ARN template's partition; other placeholders stay for the user to replace. */
export function fillTemplate(template: string): string {
  return template.replace('${Partition}', 'aws');
}

const concrete = (actions: string[]): string[] =>
  actions.filter((a) => a.includes(':') && !/[*?]/.test(a)).slice(0, 8);

/** The completion source for policy documents. */
export function policyCompletions(lookup: ReferenceLookup): CompletionSource {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const slot = completionSlot(context.state, context.pos);
    if (!slot) return null;
    if (slot.kind === 'action') {
      const items = await lookup.actions(slot.typed);
      if (!items) return null;
      return {
        from: slot.from,
        options: items.map((i) => ({ label: i.label, detail: i.detail, type: 'function' })),
        validFor: /^[\w:-]*$/,
      };
    }
    const info = await lookup.actionInfo(concrete(slot.actions));
    if (!info) return null;
    if (slot.kind === 'resource') {
      const templates = [...new Set(info.actions.flatMap((a) => a.arnTemplates))];
      if (templates.length === 0) return null;
      return {
        from: slot.from,
        options: templates.map((t) => ({ label: fillTemplate(t), type: 'constant' })),
        filter: true,
      };
    }
    const seen = new Set<string>();
    const options = [];
    for (const key of [...info.actions.flatMap((a) => a.conditionKeys), ...info.globalKeys]) {
      if (seen.has(key.label)) continue;
      seen.add(key.label);
      options.push({ label: key.label, detail: key.detail, type: 'property' });
    }
    return { from: slot.from, options, validFor: /^[\w:/${}-]*$/ };
  };
}
