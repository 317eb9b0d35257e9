/**
 * The editor's extensions: JSON with bracket matching, folding, search, lint underlines,
 * autocomplete and undo history, themed by the app's CSS variables so light and dark
 * follow the page. The typing aids — search (`@codemirror/search`) and autocomplete with
 * bracket closing (`@codemirror/autocomplete`), about 20 kB compressed together — load when an
 * editor is first focused or their key is pressed (Ctrl/Cmd+F, Ctrl+Space), so the first visit
 * does not download them. The lint underlines and gutter (`@codemirror/lint`, about 4.5 kB
 * compressed) load the first time a document has something to underline (`withLint`), once the
 * app's first decisions are on screen (`appReady`): a valid scenario never needs them.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  HighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from '@codemirror/language';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { policyCompletions, type ReferenceLookup } from './completion.ts';
import { statementHighlight } from './statement-highlight.ts';
import { showBidiControls } from '../bidi.ts';
import { appReady } from '../shell/app-ready.ts';

// Colours come from CSS variables (global.css), so one style serves both themes with enough contrast.
const highlightStyle = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--syntax-key)' },
  { tag: tags.string, color: 'var(--syntax-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--syntax-literal)' },
  {
    tag: [tags.brace, tags.squareBracket, tags.separator, tags.punctuation],
    color: 'var(--muted)',
  },
]);

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--panel)', color: 'var(--text)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--text)' },
  '.cm-gutters': {
    backgroundColor: 'var(--panel-2)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)', color: 'var(--text)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--selection) !important',
  },
  '.cm-statement-highlight': {
    backgroundColor: 'var(--highlight)',
    outline: '1px solid var(--highlight-border)',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--panel)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
  },
  '.cm-tooltip-autocomplete ul li[aria-selected]': {
    backgroundColor: 'var(--accent)',
    color: 'var(--accent-text)',
  },
  '.cm-completionDetail': { color: 'inherit', opacity: '0.85' },
  '.cm-panels': { backgroundColor: 'var(--panel-2)', color: 'var(--text)' },
  '.cm-panels input, .cm-panels button': { color: 'var(--text)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--deny)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--implicit)' },
  '.cm-foldPlaceholder': {
    backgroundColor: 'var(--panel-2)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
  },
  '.cm-matchingBracket': { backgroundColor: 'var(--selection)', color: 'inherit' },
});

/** What the editor needs from the app. */
export interface EditorOptions {
  /** Answers autocomplete questions (null: no autocomplete). */
  lookup: ReferenceLookup | null;
  /** Names the editor for screen readers. */
  label: string;
  /** Ctrl/Cmd+Enter: re-run the evaluation. */
  onRun?: () => void;
}

/**
 * Control characters drawn as visible placeholders, so a right-to-left override (U+202E) in a
 * title or name cannot reverse the rest of its line. Bidirectional controls read as ⟨U+202E⟩,
 * as in the console (src/ui/bidi.ts); CodeMirror's own list lacks a few of them.
 */
function specialChars(): Extension {
  return highlightSpecialChars({
    addSpecialChars: /[\u202a-\u202c\u2068]/g,
    render(code, description, placeholder) {
      const shown = showBidiControls(String.fromCodePoint(code));
      const span = document.createElement('span');
      span.className = 'cm-specialChar';
      span.textContent = shown.length > 1 ? shown : placeholder;
      span.title = description ?? shown;
      span.setAttribute('aria-label', span.title);
      return span;
    },
  });
}

/**
 * An extension whose code loads later: `slot` is its empty place among an editor's extensions.
 * `use` fetches the module once for every editor, fills the place in a view with what `build`
 * makes of it (once per view), then calls `then` with it: at once when the module is already in.
 */
function lazyExtension<M>(fetch: () => Promise<M>) {
  const place = new Compartment();
  let module: Promise<M> | undefined;
  let loaded: M | undefined;
  const filled = (view: EditorView): boolean => {
    const content = place.get(view.state);
    return Array.isArray(content) && content.length > 0;
  };
  const use = (view: EditorView, build: (m: M) => Extension, then?: (m: M) => void): void => {
    const fill = (m: M): void => {
      if (!filled(view)) view.dispatch({ effects: place.reconfigure(build(m)) });
      then?.(m);
    };
    if (loaded) fill(loaded);
    else void (module ??= fetch().then((m) => (loaded = m))).then(fill);
  };
  return { slot: place.of([]), filled, use };
}

/** The typing aids: search, and autocomplete with bracket closing. */
const typingAids = lazyExtension(() =>
  Promise.all([import('@codemirror/search'), import('@codemirror/autocomplete')]),
);
type AidModules = [typeof import('@codemirror/search'), typeof import('@codemirror/autocomplete')];

/** What the typing aids add to an editor whose completions come from `lookup`. */
const aidExtensions =
  (lookup: ReferenceLookup | null) =>
  ([search, complete]: AidModules): Extension => [
    search.search({ top: true }),
    search.highlightSelectionMatches(),
    complete.closeBrackets(),
    complete.autocompletion(
      lookup ? { override: [policyCompletions(lookup)], activateOnTyping: true } : {},
    ),
    keymap.of([
      ...complete.closeBracketsKeymap,
      ...search.searchKeymap,
      ...complete.completionKeymap,
    ]),
  ];

/**
 * Search and autocomplete before their code arrives: focusing an editor starts loading them,
 * and Ctrl/Cmd+F or Ctrl+Space does its job once they are in. Once loaded, their own keymaps
 * answer (they sit before the editor's keymap, so completion's Enter comes first).
 */
function lazyTypingAids(lookup: ReferenceLookup | null): Extension {
  const build = aidExtensions(lookup);
  const onKey = (run: (view: EditorView, modules: AidModules) => void) => (view: EditorView) => {
    if (typingAids.filled(view)) return false;
    typingAids.use(view, build, (modules) => run(view, modules));
    return true;
  };
  return [
    typingAids.slot,
    EditorView.domEventHandlers({
      focus: (_event, view) => {
        typingAids.use(view, build);
        return false;
      },
    }),
    keymap.of([
      { key: 'Mod-f', run: onKey((view, [search]) => search.openSearchPanel(view)) },
      { key: 'Ctrl-Space', run: onKey((view, [, complete]) => complete.startCompletion(view)) },
    ]),
  ];
}

/** The lint gutter and keymap, once the app's first decisions are on screen. */
const lintAids = lazyExtension(() => appReady.then(() => import('@codemirror/lint')));
type LintModule = typeof import('@codemirror/lint');
const lintExtensions = (lint: LintModule): Extension => [
  lint.lintGutter(),
  keymap.of(lint.lintKeymap),
];

/**
 * Calls `use` with `@codemirror/lint` once it is loaded (at once when it already is), with its
 * gutter and keymap turned on in `view`.
 */
export function withLint(view: EditorView, use: (lint: LintModule) => void): void {
  lintAids.use(view, lintExtensions, use);
}

/** The extensions of every document editor. */
export function editorExtensions({ lookup, label, onRun }: EditorOptions): Extension[] {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    foldGutter(),
    lintAids.slot,
    history(),
    drawSelection(),
    specialChars(),
    indentOnInput(),
    json(),
    syntaxHighlighting(highlightStyle),
    bracketMatching(),
    highlightActiveLine(),
    lazyTypingAids(lookup),
    statementHighlight(),
    EditorState.tabSize.of(2),
    EditorView.lineWrapping,
    // An explicit tabindex tells checkers (axe) the scrollable editor has focusable content.
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
    keymap.of([
      // Before the default keymap, which would insert a blank line on Mod-Enter.
      { key: 'Mod-Enter', run: () => (onRun?.(), true) },
      ...defaultKeymap,
      ...historyKeymap,
      ...foldKeymap,
    ]),
    theme,
  ];
}
