import { expectExampleLogsIn, expectGuideShowsExample, listening } from '@saml-jit/testing';
import { it } from 'vitest';
import { createApp } from './example.js';

it('docs/guides/fastify.md shows the complete example verbatim', () => {
  expectGuideShowsExample(
    new URL('../../../docs/guides/fastify.md', import.meta.url),
    new URL('./example.ts', import.meta.url),
  );
});

it('the complete example logs a new user in and knows them at /', async () => {
  await expectExampleLogsIn(async (metadata) => {
    const app = await createApp(metadata);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return listening(app.server);
  });
});
