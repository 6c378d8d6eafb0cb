import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { expectExampleLogsIn, expectGuideShowsExample, listening } from '@saml-jit/testing';
import { it } from 'vitest';
import { createApp } from './example.js';

it('docs/guides/hono.md shows the complete example verbatim', () => {
  expectGuideShowsExample(
    new URL('../../../docs/guides/hono.md', import.meta.url),
    new URL('./example.ts', import.meta.url),
  );
});

it('the complete example logs a new user in and knows them at /', async () => {
  await expectExampleLogsIn(async (metadata) =>
    listening(createAdaptorServer({ fetch: createApp(metadata).fetch }) as Server),
  );
});
