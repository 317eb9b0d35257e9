/**
 * Marks one range of the document (a statement a trace pointed at) with a background,
 * mapped through later edits so it stays on the statement while the user types.
 */
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

/** Sets the highlighted range, or clears it with null. */
export const setStatementHighlight = StateEffect.define<{ from: number; to: number } | null>({
  map: (value, mapping) =>
    value === null
      ? null
      : { from: mapping.mapPos(value.from, 1), to: mapping.mapPos(value.to, -1) },
});

const mark = Decoration.mark({
  class: 'cm-statement-highlight',
  attributes: { 'data-testid': 'highlighted-statement' },
});

const field = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    let next = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setStatementHighlight)) {
        const v = effect.value;
        next = v && v.to > v.from ? Decoration.set([mark.range(v.from, v.to)]) : Decoration.none;
      }
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** The highlight's state field; add it to the editor's extensions. */
export function statementHighlight(): Extension {
  return field;
}

/** The highlighted range, if any. */
export function highlightedRange(view: EditorView): { from: number; to: number } | null {
  const set = view.state.field(field, false);
  if (!set) return null;
  let found: { from: number; to: number } | null = null;
  set.between(0, view.state.doc.length, (from, to) => {
    found = { from, to };
  });
  return found;
}
