/**
 * Locked documents in the editor (src/ui/state/locks.ts): a locked document opens read-only
 * (CodeMirror's `EditorState.readOnly` and `EditorView.editable`: the text can be read, selected
 * and copied, not changed), and in a document that holds locked ones (the whole scenario)
 * typing inside a locked one is dropped by a change filter. Each editor state carries the setting in `lockCompartment`,
 * reconfigured when the document shown or the locks change.
 */
import { Compartment, EditorState, type Extension, type Text } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { JsonPath } from '../../engine/index.ts';
import { parseJsonText } from '../../model/index.ts';
import { lockOver, locksInside, type Lock } from '../state/locks.ts';

export const lockCompartment = new Compartment();

/** The lock setting of the editor showing the document at `path`. */
export function lockExtension(locks: readonly Lock[], path: JsonPath): Extension {
  if (lockOver(locks, path))
    // readOnly stops commands (paste, undo...); typing reaches the text through the DOM unless
    // the view is not editable too.
    return [
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      EditorView.contentAttributes.of({ 'aria-readonly': 'true' }),
    ];
  const inside = locksInside(locks, path).map((lock) => lock.path.slice(path.length));
  if (inside.length === 0) return [];
  // Where the locked documents are in a text, found once per text (the filter runs per change).
  let known: { doc: Text; ranges: number[] } | null = null;
  const rangesIn = (doc: Text): number[] => {
    if (known?.doc !== doc) {
      const parsed = parseJsonText(doc.toString());
      const ranges = parsed.ok
        ? inside.flatMap((p) => {
            const range = parsed.locate(p);
            return range ? [range.from, range.to] : [];
          })
        : [];
      known = { doc, ranges };
    }
    return known.ranges;
  };
  // Typing inside a locked document is dropped. A change reaching beyond one (replacing the
  // whole text, say) goes through: the playground takes its value only if every locked document
  // is as it was, else refuses it and the editor says why. A text that does not parse has no
  // known ranges: the same holds for its value once it parses.
  return EditorState.changeFilter.of((tr) => {
    const ranges = rangesIn(tr.startState.doc);
    let inside = false;
    tr.changes.iterChangedRanges((from, to) => {
      for (let i = 0; i < ranges.length; i += 2)
        if (from > ranges[i]! && to < ranges[i + 1]!) inside = true;
    });
    return !inside;
  });
}
