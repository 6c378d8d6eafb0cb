import { createServer } from 'node:http';
import { httpAdapterSuite, listening } from '@saml-jit/testing';
import express from 'express';
import { samlRouter } from '../src/index.js';

httpAdapterSuite({
  name: 'express',
  start: async (sp) => listening(createServer(express().use(samlRouter(sp)))),
});
