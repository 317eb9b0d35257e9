/**
 * The console: AWS CLI commands (aws iam, aws sts, aws organizations) run against the world.
 * Pure functions over the scenario value; the UI keeps the state and the undo history.
 */
export { runCommand, runScript, formatError, scriptLines } from './run';
export type { ScriptResult, ScriptStep } from './run';
export { complete, completeAt } from './complete';
export type { Completion } from './complete';
export { exportAsShellScript } from './export';
export { createConsoleState, callerOf, promptOf } from './state';
export { COMMANDS, SERVICES, commandsOf, findCommand } from './commands/index';
export { resolveDocumentFile, documentFileNames } from './documents';
export { tokenize, shellQuote } from './tokenize';
export type {
  CommandResult,
  ConsoleDeps,
  ConsoleError,
  ConsoleState,
  DecisionOutcome,
  DecisionRequest,
  ManagedPolicyInfo,
  RoleSession,
} from './types';
export type { CommandSpec, OptionSpec } from './spec';
export { knownManagedPolicies } from './deps';
export { decideInWorld } from './decide';
