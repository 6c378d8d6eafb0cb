/** The HTTP adapter conformance suite and what it is built from. */
export {
  expectFailurePage,
  expectSecurityHeaders,
  get,
  locationOf,
  postAcs,
  type StartedLogin,
  samlResponse,
  startLogin,
  userAttributes,
  withCookie,
} from './client.js';
export { EXAMPLE_BASE_URL, expectExampleLogsIn, expectGuideShowsExample } from './examples.js';
export { listening } from './listen.js';
export type { HttpAdapterSuiteOptions, RunningAdapter, SuiteContext } from './suite.js';
export { httpAdapterSuite } from './suite.js';
export type { HttpWorld, Outage } from './world.js';
export { acsUrlOf, CALLBACK_THROWS, createHttpWorld, NOW as HTTP_SUITE_NOW, SP_ENTITY_ID } from './world.js';
