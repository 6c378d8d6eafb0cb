/**
 * The HTTP adapter conformance suite: every adapter (Express, Fastify, Hono, or one you write)
 * runs it with one call, over a real listening server and `fetch`, so all of them answer the same
 * statuses, pages, redirects and headers. The cases live in four files: logins (happy path,
 * RelayState, SP-initiated, several connections), login CSRF (the login cookie binds an
 * SP-initiated login to its browser), failures (each error family, replay, size), and the other
 * routes (metadata, error page).
 */
import type { ServiceProvider } from '@saml-jit/sp';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { csrfCases } from './cases-csrf.js';
import { failureCases } from './cases-failures.js';
import { loginCases } from './cases-login.js';
import { routeCases } from './cases-routes.js';
import { createHttpWorld, type HttpWorld } from './world.js';

/** A started adapter: where it listens, and how to stop it. */
export interface RunningAdapter {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export interface HttpAdapterSuiteOptions {
  readonly name: string;
  /** Mounts the adapter's routes for `sp` at the root of a new server and starts listening. */
  readonly start: (sp: ServiceProvider) => Promise<RunningAdapter>;
}

/** What the cases see: the world and the running server, once `beforeAll` has run. */
export interface SuiteContext {
  readonly world: () => HttpWorld;
  readonly baseUrl: () => string;
}

/**
 * Registers the conformance suite for one adapter.
 * @example
 * httpAdapterSuite({
 *   name: 'express',
 *   start: async (sp) => {
 *     const app = express().use(samlRouter(sp));
 *     const server = app.listen(0, '127.0.0.1');
 *     await once(server, 'listening');
 *     return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
 *       close: () => new Promise((r) => server.close(() => r())) };
 *   },
 * });
 */
export const httpAdapterSuite = (options: HttpAdapterSuiteOptions): void => {
  describe(`HTTP adapter conformance: ${options.name}`, () => {
    let world: HttpWorld | null = null;
    let running: RunningAdapter | null = null;
    beforeAll(async () => {
      world = createHttpWorld();
      running = await options.start(world.sp);
    });
    afterAll(async () => {
      await running?.close();
    });
    afterEach(() => {
      if (world !== null) {
        world.outage.directory = false;
        world.outage.replayCache = false;
      }
    });
    const ctx: SuiteContext = {
      world: () => {
        if (world === null) throw new Error('the world is not built yet');
        return world;
      },
      baseUrl: () => {
        if (running === null) throw new Error('the adapter is not started yet');
        return running.baseUrl;
      },
    };
    describe('logins', () => loginCases(ctx));
    describe('login CSRF', () => csrfCases(ctx));
    describe('failures', () => failureCases(ctx));
    describe('metadata and pages', () => routeCases(ctx));
  });
};
