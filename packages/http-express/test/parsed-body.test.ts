/**
 * An application that parses forms itself (`express.urlencoded()` before the router) still gets
 * the same answers: the router takes the parsed fields instead of the consumed stream.
 */
import { createServer } from 'node:http';
import {
  createHttpWorld,
  expectFailurePage,
  listening,
  postAcs,
  type RunningAdapter,
  samlResponse,
} from '@saml-jit/testing';
import express from 'express';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { samlRouter } from '../src/index.js';

const world = createHttpWorld();
let server: RunningAdapter;

beforeAll(async () => {
  const app = express()
    .use(express.urlencoded({ extended: false, limit: '2mb' }))
    .use(samlRouter(world.sp));
  server = await listening(createServer(app));
});
afterAll(() => server.close());

it('logs in with a body the application already parsed', async () => {
  const res = await postAcs(server.baseUrl, 'main', {
    SAMLResponse: samlResponse(world.idp, 'main', 'parsed@example.test'),
    RelayState: '/parsed',
  });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/parsed');
});

it('still applies the 1 MiB bound to parsed fields', async () => {
  const res = await postAcs(server.baseUrl, 'main', { SAMLResponse: 'A'.repeat(1_048_577) });
  await expectFailurePage(res, 413, 'Assertion Invalid', 'INPUT_TOO_LARGE');
});
