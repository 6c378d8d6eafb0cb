/** Conformance suites, one per port, that every adapter runs with one call. */
export type { Figure, Skips, StoreSuiteOptions } from './cases.js';
export { ALICE, FIXTURE, firstLogin, idOf } from './directory-fixture.js';
export type {
  DirectoryBackdoor,
  DirectoryHarness,
  DirectoryInstance,
  DirectorySuiteOptions,
  DirectoryTest,
} from './directory-harness.js';
export { DIRECTORY_TESTS } from './directory-harness.js';
export { directorySuite } from './directory-suite.js';
export {
  CONTACT_USERS,
  contactUser,
  expectContactIdLookups,
  expectNicknameLookups,
  NICKNAMED_USERS,
  UPGRADE_CONTACT_1,
  UPGRADE_CONTACT_2,
} from './directory-upgrade.js';
export type {
  ReplayCacheBackdoor,
  ReplayCacheHarness,
  ReplayCacheInstance,
  ReplayCacheSuiteOptions,
  ReplayCacheTest,
} from './replay-cache-suite.js';
export { REPLAY_CACHE_TESTS, replayCacheSuite } from './replay-cache-suite.js';
export type {
  RequestStoreBackdoor,
  RequestStoreHarness,
  RequestStoreInstance,
  RequestStoreSuiteOptions,
  RequestStoreTest,
} from './request-store-suite.js';
export {
  expectReadsUnbound,
  REQUEST_STORE_TESTS,
  requestStoreSuite,
  SAMPLE_BINDING,
  sampleRequest,
  unboundRequest,
} from './request-store-suite.js';
export { requireService } from './service.js';
export type {
  SessionStoreBackdoor,
  SessionStoreHarness,
  SessionStoreInstance,
  SessionStoreSuiteOptions,
  SessionStoreTest,
} from './session-store-suite.js';
export { SESSION_STORE_TESTS, sessionStoreSuite } from './session-store-suite.js';
