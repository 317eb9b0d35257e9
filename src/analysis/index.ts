/**
 * Access analysis over a whole world: what a principal may do (`whatCan`) and who may act on a
 * resource (`whoCan`), every cell decided by the engine through the model, the work collapsed
 * over actions no statement tells apart (docs/analysis.md). Pure TypeScript: no DOM.
 */
export * from './types.ts';
export {
  whatCan,
  whoCan,
  WorldAnalysis,
  requirePrincipal,
  AnalysisInputError,
  ACCESS_LEVELS,
  type CellFilter,
  type WhatCanOptions,
} from './analyze.ts';
export {
  decideCell,
  decideRequest,
  decided,
  denyKindOf,
  denyKindOfResult,
  layerOf,
  verdictOf,
  type Decided,
  type Verdict,
} from './decide.ts';
export {
  forceConditions,
  openKeys,
  hasUndetermined,
  isWorldKey,
  type Mode,
} from './conditional.ts';
export { worldPrincipals, worldResources } from './world.ts';
export { decideRequests, type RequestVerdict } from './requests.ts';
export {
  escalationGraph,
  escalationPaths,
  holdingPrincipals,
  pathText,
  type EscalationGraph,
  type EscalationEdge,
  type EscalationNode,
  type EscalationPath,
  type EscalationReport,
  type EscalationTarget,
  type PathHop,
  type PermissionChange,
} from './escalation.ts';
export { applyEdit, type WorldEdit } from './escalation-families.ts';
export {
  changeImpact,
  impactServices,
  type ChangedAction,
  type ImpactGroup,
  type ImpactOptions,
  type ImpactResult,
  type OutsideChange,
} from './impact.ts';
