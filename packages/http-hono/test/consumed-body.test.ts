/**
 * A middleware that reads the body before the SAML routes leaves nothing to read: the login is
 * refused as unreadable (400), not answered with a crash or a 500.
 */
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import {
  createHttpWorld,
  expectFailurePage,
  listening,
  postAcs,
  type RunningAdapter,
  samlResponse,
} from '@saml-jit/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, it } from 'vitest';
import { samlApp } from '../src/index.js';

const world = createHttpWorld();
let server: RunningAdapter;

beforeAll(async () => {
  const app = new Hono();
  app.use(async (c, next) => {
    await c.req.text();
    await next();
  });
  app.route('/', samlApp(world.sp));
  server = await listening(createAdaptorServer({ fetch: app.fetch }) as Server);
});
afterAll(() => server.close());

it('a body already consumed by a middleware answers 400 INPUT_UNREADABLE', async () => {
  const res = await postAcs(server.baseUrl, 'main', {
    SAMLResponse: samlResponse(world.idp, 'main', 'consumed@example.test'),
  });
  await expectFailurePage(res, 400, 'Assertion Invalid', 'INPUT_UNREADABLE');
});
