import { httpAdapterSuite, listening } from '@saml-jit/testing';
import Fastify from 'fastify';
import { samlPlugin } from '../src/index.js';

httpAdapterSuite({
  name: 'fastify',
  start: async (sp) => {
    const app = Fastify();
    await app.register(samlPlugin, { sp });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return listening(app.server);
  },
});
