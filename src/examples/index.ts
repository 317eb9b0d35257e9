/**
 * The example scenarios the app offers to open, one per big idea. Titles are bundled; each
 * scenario's text is its own small chunk, loaded when opened. (Vite's import.meta.glob: this
 * module is for the app and Vitest; Node tools read the files directly.)
 */

/** One example: its file name, its title, and its text on demand. */
export interface ExampleScenario {
  /** File name in src/examples, e.g. `kms-key-policy.json`. */
  file: string;
  title: string;
  /** The scenario's JSON text, exactly as written (so positions in messages match the file). */
  load: () => Promise<string>;
}

const titles = import.meta.glob<string>('./*.json', { import: 'title', eager: true });
const texts = import.meta.glob<string>('./*.json', { query: '?raw', import: 'default' });

/** Every example, sorted by file name. */
export const EXAMPLES: readonly ExampleScenario[] = Object.keys(texts)
  .sort()
  .map((path) => ({
    file: path.slice(2),
    title: titles[path] ?? path.slice(2),
    load: texts[path]!,
  }));
