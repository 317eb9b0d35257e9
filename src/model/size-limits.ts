/**
 * The program's own size limits in one place: how much text it reads, keeps, copies or links
 * (AWS's own limits, such as policy sizes, live in src/engine/limits.ts). A tiny module without
 * imports, and a declared second entry of src/model/ (.dependency-cruiser.cjs), so first-screen
 * code can take a limit without loading the model's index.
 */

/** Longest text the editor opens as one document, and the default for a JSON read. */
export const DEFAULT_MAX_LENGTH = 5_000_000;
/**
 * The longest text of a whole world read off the page's main thread (a file to import, a stored
 * scenario opened by the worker): a real account's `aws iam get-account-authorization-details`
 * runs to tens of megabytes (the 2,000-role benchmark account is 11 MB). The editor still opens
 * no text over DEFAULT_MAX_LENGTH as one document.
 */
export const MAX_WORLD_TEXT_LENGTH = 50_000_000;

/**
 * Largest file accepted for import: what the worker reads as one world (MAX_WORLD_TEXT_LENGTH,
 * 50 MB), room for a real account's `get-account-authorization-details` (a 2,000-role account's
 * is 11 MB). Bigger files are refused from their size alone, before any of them is read.
 */
export const MAX_IMPORT_BYTES = MAX_WORLD_TEXT_LENGTH;
/** Largest import of several files together (a folder): twice one file's limit. */
export const MAX_IMPORT_TOTAL_BYTES = 2 * MAX_IMPORT_BYTES;

/**
 * Longer texts are not copied to localStorage at all (its 5 MB are shared by the whole site):
 * the library's exit copies and a lesson's unsaved work alike.
 */
export const LOCAL_COPY_MAX_CHARS = 1_000_000;
/**
 * Texts up to this length are copied to localStorage on every edit; longer ones when typing
 * pauses (COPY_PAUSE_MS, src/storage/exit-copies.ts). Measured in Chromium
 * (tests/bench/library-edit.bench.ts): a 3 kB scenario's copy takes about 0.1 ms, a 436 kB one's
 * about 100 ms on a loaded machine.
 */
export const COPY_AT_ONCE_CHARS = 64 * 1024;

/** Longest link fragment accepted. Links this long already break many chat tools; beyond is hostile. */
export const MAX_FRAGMENT_LENGTH = 200_000;
/** Most bytes a link may decompress to: far above any lesson, far below what hurts a tab. */
export const MAX_DECOMPRESSED_BYTES = 1_000_000;
/** A link up to this length works everywhere we care about (chat, mail, QR code readers). */
export const COMFORTABLE_LINK_LENGTH = 2_000;
/** Largest hand-in file read (a link is limited as share links are). */
export const MAX_HAND_IN_BYTES = 5_000_000;
/** Longer descriptions are shown without formatting: no lesson needs more, and it bounds the work. */
export const MAX_MARKDOWN_LENGTH = 50_000;

/** About how many bytes of JSON one part of a world sent to the worker carries by default. */
export const SLICE_BYTES = 256_000;
