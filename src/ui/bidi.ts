/**
 * Bidirectional control characters in text the user wrote (a scenario title, a name, a request,
 * a lesson, a tag) must not reorder the interface around it: U+202E (right-to-left override)
 * turns "erin‮ is allowed." into ".dewolla si". The app's one rule:
 *
 * - A value shown on its own or inside the app's words goes in a `<bdi>` element: the browser
 *   isolates it (`unicode-bidi: isolate`, direction from its own first strong character), so a
 *   Hebrew or Arabic name still reads naturally and an override ends where the value ends.
 * - Plain-text output (the console, and sentences the app composes around user values, such as
 *   findings, trace explanations and problems) goes through `showBidiControls`, which writes each
 *   control character as a visible ⟨U+202E⟩: there is no element boundary inside a string to
 *   isolate at, and in output the character itself is what the reader should see.
 *
 * Block-level user text (a Markdown paragraph, a console line) is its own bidi paragraph already.
 */

/**
 * Unicode's bidirectional formatting characters (Unicode Standard Annex #9): the Arabic letter
 * mark, left-to-right and right-to-left marks, embeddings and overrides with their pop, and the
 * isolates with theirs.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** `text` with each bidirectional control character written visibly, e.g. ⟨U+202E⟩. */
export function showBidiControls(text: string): string {
  return text.replace(
    BIDI_CONTROLS,
    (c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}
