#!/usr/bin/env node
/**
 * `pnpm demo`: starts the demo IdP and service provider, prints where to go, and runs until
 * Ctrl-C. Ports and the database file come from the environment: SAML_JIT_DEMO_SP_PORT (3000),
 * SAML_JIT_DEMO_IDP_PORT (3001), SAML_JIT_DEMO_DB (.demo-data/demo.db).
 */
import * as E from 'fp-ts/lib/Either.js';
import { DEFAULT_DEMO_OPTIONS, startDemo } from './demo.js';

const port = (name: string, fallback: number): number => {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65_535) {
    process.stderr.write(`saml-jit demo: ${name}='${text}' is not a port number\n`);
    process.exit(2);
  }
  return Number(text);
};

const demo = await startDemo({
  ...DEFAULT_DEMO_OPTIONS,
  spPort: port('SAML_JIT_DEMO_SP_PORT', DEFAULT_DEMO_OPTIONS.spPort),
  idpPort: port('SAML_JIT_DEMO_IDP_PORT', DEFAULT_DEMO_OPTIONS.idpPort),
  database: process.env.SAML_JIT_DEMO_DB || DEFAULT_DEMO_OPTIONS.database,
  log: (line) => process.stderr.write(`saml-jit demo: ${line}\n`),
});
if (E.isLeft(demo)) {
  process.stderr.write(`saml-jit demo: ${demo.left}\n`);
  process.exit(1);
}
process.stdout.write(
  [
    '',
    '  saml-jit demo is running.',
    '',
    `  Open the service provider:  ${demo.right.spUrl}   (click "Log in with demo")`,
    `  The demo IdP:               ${demo.right.idpUrl}   (IdP-initiated login)`,
    '',
    '  Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);
const stop = async (): Promise<void> => {
  process.stdout.write('\nsaml-jit demo: stopping…\n');
  await demo.right.close();
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
