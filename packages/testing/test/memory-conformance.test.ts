/**
 * The in-memory reference adapters of @saml-jit/core run every conformance suite. What cannot
 * apply to a store that lives in one process's memory is skipped, with the reason.
 */
import {
  memoryDirectory,
  memoryReplayCache,
  memoryRequestStore,
  memorySessionStore,
  type WritableSObject,
} from '@saml-jit/core';
import { directorySuite, replayCacheSuite, requestStoreSuite, sessionStoreSuite } from '../src/index.js';

const IN_PROCESS =
  'the memory store lives in one process: a second instance would be a second, separate store';
const NEVER_UNREACHABLE = 'an in-process Map cannot become unreachable';
const closeNothing = async (): Promise<void> => {};

directorySuite({
  name: 'memory',
  make: async () => {
    const directory = memoryDirectory();
    const records = async (s: WritableSObject) => directory.snapshot()[s];
    return { directory, backdoor: { records }, close: closeNothing };
  },
  skips: {
    'concurrent-first-logins-two-instances': IN_PROCESS,
    'concurrent-provision-two-instances': IN_PROCESS,
    'concurrent-users-one-contact-two-instances': IN_PROCESS,
    'concurrent-site-logins-one-contact-two-instances': IN_PROCESS,
    'concurrent-users-one-nickname-two-instances': IN_PROCESS,
    'concurrent-first-logins-one-nickname-two-instances': IN_PROCESS,
    'concurrent-site-logins-one-account-number-two-instances': IN_PROCESS,
    'concurrent-site-logins-one-email-two-instances': IN_PROCESS,
    'connection-lost-midway': 'no connection: a commit is applied to a copy that replaces the state at once',
    'unreachable-fails-closed': NEVER_UNREACHABLE,
  },
});

replayCacheSuite({
  name: 'memory',
  make: async () => {
    const replayCache = memoryReplayCache();
    return { replayCache, backdoor: { count: async () => replayCache.size() }, close: closeNothing };
  },
  skips: { 'concurrent-consume-two-instances': IN_PROCESS, 'unreachable-fails-closed': NEVER_UNREACHABLE },
});

requestStoreSuite({
  name: 'memory',
  make: async () => {
    const requestStore = memoryRequestStore();
    return { requestStore, backdoor: { count: async () => requestStore.size() }, close: closeNothing };
  },
  skips: { 'concurrent-take-two-instances': IN_PROCESS, 'unreachable-fails-closed': NEVER_UNREACHABLE },
});

sessionStoreSuite({
  name: 'memory',
  make: async () => {
    const sessionStore = memorySessionStore();
    return { sessionStore, backdoor: { count: async () => sessionStore.size() }, close: closeNothing };
  },
  skips: { 'shared-across-instances': IN_PROCESS, 'unreachable-fails-closed': NEVER_UNREACHABLE },
});
