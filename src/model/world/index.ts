/**
 * World edits: the one place a scenario's world is changed, by the explorer, the request
 * builder, quick fixes, the classroom and the console.
 *
 * Each edit is a pure function: it takes a scenario document (format v1, see
 * docs/scenario-format.md) and returns a new one, leaving the old one untouched, so
 * undo, storage and the worker all see plain values. Renames and deletions keep references
 * consistent (a renamed policy stays attached; a renamed user stays the principal of the policies
 * that name it; a deleted group leaves no dangling membership; references.ts).
 * An edit that makes no sense for the scenario at hand (an unknown account, a taken name)
 * returns the scenario unchanged; callers check names first with `nameProblem`.
 *
 * The edits take any JSON object (`ScenarioDocument`), not only a validated `Scenario`: the
 * explorer edits whatever the editor holds, half-typed text included, and never throws on it.
 */
export type { ScenarioDocument } from '../scenario-types.ts';
export {
  POLICY_VERSION,
  emptyScenario,
  starterPolicy,
  starterTrustPolicy,
  emptyPolicy,
  type IdentityKind,
  type AccountCollection,
  type OrgPolicyList,
} from './document.ts';
export {
  nameProblem,
  iamNameProblem,
  accountIds,
  namesIn,
  freshName,
  freshAccountId,
} from './names.ts';
export {
  addAccount,
  renameAccount,
  deleteAccount,
  addIdentity,
  addUser,
  addGroup,
  addRole,
  addInstanceProfile,
  setProfileRole,
  renameInstanceProfile,
  deleteInstanceProfile,
  setGroupMembership,
} from './identities.ts';
export { accountParts, reusingLast } from './reuse.ts';
export { ensureAccount, setMaxSessionDuration, setTags, setTrustPolicy } from './attributes.ts';
export {
  addPolicy,
  renamePolicy,
  deletePolicy,
  attachPolicy,
  detachPolicy,
  setBoundary,
  addInlinePolicy,
  putInlinePolicy,
  renameInlinePolicy,
  deleteInlinePolicy,
} from './policies.ts';
export {
  resourceArns,
  addResource,
  addBucket,
  renameResource,
  deleteResource,
} from './resources.ts';
export { addResourcePolicy } from './resource-policy.ts';
export { setObjectOwnership, setAcl } from './s3-acl.ts';
export {
  setResourcePolicy,
  setPublicAccessBlock,
  addAccessPoint,
  deleteAccessPoint,
  setAccessPointPolicy,
} from './s3.ts';
export {
  addVpcEndpoint,
  addKmsGrant,
  setVpcEndpointField,
  vpcEndpointFieldProblem,
  setKeyManager,
  keyServiceProblem,
  setOrgId,
  orgIdProblem,
  type VpcEndpointField,
} from './perimeter.ts';
export { referenceToArn, policyUses, type PolicyUse } from './policy-uses.ts';
export {
  setLoginProfile,
  addCredential,
  replaceCredential,
  removeCredentials,
  setPasswordPolicy,
  type CredentialList,
} from './credentials.ts';
export {
  addOrganization,
  deleteOrganization,
  ORG_ROOT,
  addOu,
  orgNodePath,
  renameOu,
  deleteOu,
  findOrgAccount,
  moveAccount,
  addOrgPolicy,
  orgNodes,
  renameOrgPolicy,
  deleteOrgPolicy,
  attachedOrgPolicies,
  attachOrgPolicy,
  detachOrgPolicy,
  type OrgNodePath,
} from './organization.ts';
export {
  requestsOf,
  requestName,
  freshRequestId,
  addRequest,
  updateRequest,
  deleteRequest,
  setDocument,
} from './requests.ts';
export { entityUniqueId } from './unique-ids.ts';
export {
  identityUniqueId,
  renameIdentity,
  deleteIdentity,
  setIdentityPath,
} from './identity-changes.ts';
