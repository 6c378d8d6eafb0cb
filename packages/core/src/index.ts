/**
 * @saml-jit/core — the framework-free core: assertion model, SSO configuration, Salesforce JIT
 * attribute decoding and decision rules, typed errors, ports and their in-memory reference
 * adapters, and the provisioning program. Imports fp-ts and io-ts only.
 */

export type { FieldSpec } from './attributes/catalogue.js';
export {
  ACCOUNT_FIELDS,
  CONTACT_FIELDS,
  LINK_FIELDS,
  PORTAL_FIELDS,
  PROVISION_VERSION_ATTRIBUTE,
  SUPPORTED_PROVISION_VERSION,
  USER_FIELDS,
} from './attributes/catalogue.js';
export type { CustomFieldResolution, SupportedCustomFieldType } from './attributes/custom-fields.js';
export {
  isCustomFieldName,
  resolveCustomField,
  SUPPORTED_CUSTOM_FIELD_TYPES,
} from './attributes/custom-fields.js';
export type {
  AccountAttributes,
  ContactAttributes,
  CustomObject,
  CustomValues,
  DecodedAttributes,
  LinkAttributes,
  PortalAttributes,
  UserAttributes,
} from './attributes/decode.js';
export { decodeAttributes, encodeAttributes } from './attributes/decode.js';
export type { ValueKind, ValueOfKind } from './attributes/values.js';
export {
  BooleanValue,
  DateTimeValue,
  DateValue,
  DecimalValue,
  IntegerValue,
  TextValue,
  VALUE_CODECS,
} from './attributes/values.js';
export type { SsoConfig } from './config/sso-config.js';
export { decodeSsoConfig, JIT_REQUIRES_FEDERATION_ID_MESSAGE, SsoConfigJson } from './config/sso-config.js';
export type { ConfigCode, ErrorCode, StoreCode, ValidationCode } from './errors/codes.js';
export {
  ALL_ERROR_CODES,
  CONFIG_REASONS,
  REASON_OF,
  STORE_REASONS,
  VALIDATION_REASONS,
} from './errors/codes.js';
export type {
  ConfigFailure,
  ErrorDetails,
  JitFailure,
  SamlJitError,
  StoreFailure,
  ValidationFailure,
} from './errors/error.js';
export {
  configFailure,
  isSamlJitError,
  jitFailure,
  matchError,
  storeFailure,
  validationFailure,
} from './errors/error.js';
export type { JitCode, JitErrorNumber } from './errors/jit-table.js';
export { JIT_CODES, JIT_ERRORS } from './errors/jit-table.js';
export type { LoginHistoryReason } from './errors/reasons.js';
export { LOGIN_HISTORY_REASONS } from './errors/reasons.js';
export { DEFAULT_JIT_ERROR_PATH, jitErrorRedirect } from './errors/redirect.js';
export type { JitCreate, JitDecision, JitReject, JitUpdate, RecordOutcome } from './jit/decision.js';
export { diffUpdate, matchDecision, reject } from './jit/decision.js';
export {
  COMMUNITY_NICKNAME_MAX_LENGTH,
  DEFAULT_ALIAS_LENGTH,
  defaultAlias,
  defaultCommunityNickname,
  organizationDefaults,
} from './jit/defaults.js';
export type { ExternalInput } from './jit/external.js';
export { decideExternal } from './jit/external.js';
export type { ExternalRecords } from './jit/external-records.js';
export type {
  HandlerAbsence,
  HandlerAnswer,
  HandlerAttributes,
  HandlerCreateResult,
  HandlerFields,
  HandlerServices,
  HandlerUpdateResult,
  HandlerWrite,
  SamlJitHandler,
} from './jit/handler.js';
export { JitException, SFDC_SAML_ASSERTION } from './jit/handler.js';
export type { CheckedAnswer, HandlerMethod } from './jit/handler-answer.js';
export { checkAnswer, thrownFailure } from './jit/handler-answer.js';
export type { HandlerResultInput, HandlerRows } from './jit/handler-result.js';
export { handlerDecision } from './jit/handler-result.js';
export { federationIdOf } from './jit/identity.js';
export { uniqueRecord } from './jit/lookup.js';
export type { NicknameClaim } from './jit/nickname.js';
export { claimNickname, nicknameSought, suffixedCommunityNickname } from './jit/nickname.js';
export type { PortalInput, PortalTarget } from './jit/portal.js';
export { decidePortal, id18, idForms, portalTarget, sameSalesforceId } from './jit/portal.js';
export type { PortalRoleInput } from './jit/portal-role.js';
export { NO_PORTAL_ROLE, PORTAL_ROLE_PICKLIST, portalRoleFields } from './jit/portal-role.js';
export type { JitRules, ProvisionContext, RulesDeps, RulesKind, RulesRequest } from './jit/rules.js';
export type { SiteInput } from './jit/site.js';
export { decideSite, unknownSite } from './jit/site.js';
export type { StandardInput } from './jit/standard.js';
export { decideStandard, REQUIRED_ON_CREATE } from './jit/standard.js';
export type { MemoryDirectory } from './memory/directory.js';
export { DEFAULT_ORGANIZATION, memoryDirectory } from './memory/directory.js';
export type { MemoryReplayCache, MemoryRequestStore } from './memory/stores.js';
export { memoryReplayCache, memoryRequestStore, memorySessionStore } from './memory/stores.js';
export type {
  AssertionFacts,
  Attributes,
  AuthnStatement,
  Conditions,
  NameId,
  VerifiedAssertion,
} from './model/assertion.js';
export type {
  Absence,
  CustomFieldDef,
  DirectorySnapshot,
  FieldValue,
  LookupFields,
  Organization,
  SObjectRecord,
  SObjectType,
  WritableSObject,
  WriteOp,
  WritePlan,
} from './model/records.js';
export { KEY_PREFIX } from './model/records.js';
export { customFieldDef, customFieldRecord, snapshotRecords } from './model/snapshot-records.js';
export type { AuditEvent, AuditSink } from './ports/audit.js';
export { memoryAudit, noAudit } from './ports/audit.js';
export type { Clock } from './ports/clock.js';
export { fixedClock, systemClock } from './ports/clock.js';
export { absenceConflict, type Directory } from './ports/directory.js';
export type { IdGenerator } from './ports/id-generator.js';
export { randomIds, sequentialIds } from './ports/id-generator.js';
export type { ConsumeResult, ReplayCache } from './ports/replay-cache.js';
export type { NewOutstandingRequest, OutstandingRequest, RequestStore } from './ports/request-store.js';
export type { Session, SessionStore } from './ports/session-store.js';
export { DEFAULT_HANDLER_TIMEOUT_MS, handlerAttributes, handlerRules } from './program/handler-rules.js';
export { findAll, findByIdOrName, findUnique, guarded, loadCustomFields } from './program/load.js';
export { portalRules } from './program/portal-rules.js';
export type { ProvisionFailure } from './program/provision.js';
export { MAX_ATTEMPTS, provision } from './program/provision.js';
export { PORTAL_ATTRIBUTES, selectRules } from './program/select-rules.js';
export { siteRules } from './program/site-rules.js';
export { standardRules } from './program/standard-rules.js';
export type { ProvisionDeps, ProvisionOutcome } from './program/types.js';
