/**
 * Storage: the IndexedDB library (library.ts, with its shapes in library-types.ts, one scenario's
 * state in library-entry.ts, its start in library-load.ts, the exit backup in exit-copies.ts and
 * tab sync in tab-sync.ts), share links and files (both read in a worker: off-thread.ts).
 * Everything here returns problems as data ({ code, message }, with a place where one is known)
 * and never throws across this boundary.
 */
export { Library } from './library.ts';
export {
  blankScenarioText,
  type ConflictChoice,
  type Conflict,
  type LibraryOptions,
  type LibraryState,
  type NewScenario,
  type PendingUndo,
  type SaveStatus,
  type ScenarioSummary,
} from './library-types.ts';
export { type ExitBackup, type ExitCopy, type CopyStore, idbCopyStore } from './exit-copies.ts';
export { loadLibrary, type LoadedLibrary } from './library-load.ts';
export { readImportFilesOffThread, readLinkOffThread, timeLimitMs } from './off-thread.ts';
export { readLink, type LinkResults } from './read-link.ts';
export {
  LAYOUT_VERSION,
  migrations,
  migrateStore,
  UNTITLED,
  textWithTitle,
  titleFromText,
  type ScenarioRecord,
  type QuarantinedRecord,
  type LibraryMeta,
} from './layout.ts';
export { idbKeyValueStore, MemoryStore, type KeyValueStore } from './kv-store.ts';
export {
  isQuotaError,
  problemFromError,
  type StorageProblem,
  type StorageProblemCode,
  type StorageResult,
} from './problems.ts';
export {
  LIBRARY_CHANNEL,
  decideRemoteChange,
  type LocalView,
  type RemoteDecision,
  type TabMessage,
} from './tab-sync.ts';
export {
  SHARE_LINK_VERSION,
  createShareLink,
  decodeShareLink,
  encodeFragment,
  encodeShareLink,
  isShareFragment,
  linkKind,
  type CreatedShareLink,
  type DecodedShareLink,
  type ShareLinkProblemCode,
} from './share-link.ts';
export {
  LIBRARY_FILE_FORMAT,
  LIBRARY_FILE_VERSION,
  exportLibraryFile,
  exportQuarantineFile,
  exportScenarioFile,
  formatImportProblem,
  importFileText,
  readImportFile,
  type ExportFile,
  type ImportProblem,
  type ImportResult,
  type ImportedScenario,
  type ImportProgress,
} from './files.ts';
export { parseMarkdown, parseInline, safeHref, type MdBlock, type MdInline } from './markdown.ts';
export {
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  checkScenarioText,
  type ScenarioProblem,
  type ScenarioProblemCode,
} from './scenario-check.ts';
export { decodeText } from './decode-text.ts';
export { parseJson } from './json.ts';
export { isFragmentOf, tooLongLink } from './link-fragment.ts';
export {
  COURSE_FORMAT,
  MAX_COURSE_ITEMS,
  readCourseText,
  type Course,
  type CourseItem,
  type CourseResult,
} from './course-format.ts';
export {
  HAND_IN_FORMAT,
  HAND_IN_VERSION,
  MAX_NAME_LENGTH,
  nameProblem,
  readHandInText,
  type HandIn,
  type HandInResult,
} from './hand-in-format.ts';
export { readHandInFileOffThread } from './hand-in-off-thread.ts';
