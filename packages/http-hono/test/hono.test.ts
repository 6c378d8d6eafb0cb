import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { httpAdapterSuite, listening } from '@saml-jit/testing';
import { samlApp } from '../src/index.js';

httpAdapterSuite({
  name: 'hono',
  start: async (sp) => listening(createAdaptorServer({ fetch: samlApp(sp).fetch }) as Server),
});
