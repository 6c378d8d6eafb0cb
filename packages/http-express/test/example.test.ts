import { createServer } from 'node:http';
import { expectExampleLogsIn, expectGuideShowsExample, listening } from '@saml-jit/testing';
import { it } from 'vitest';
import { createApp } from './example.js';

it('docs/guides/express.md shows the complete example verbatim', () => {
  expectGuideShowsExample(
    new URL('../../../docs/guides/express.md', import.meta.url),
    new URL('./example.ts', import.meta.url),
  );
});

it('the complete example logs a new user in and knows them at /', async () => {
  await expectExampleLogsIn(async (metadata) => listening(createServer(createApp(metadata))));
});
