/**
 * Locates the shared real-IdP corpus: `<repo root>/../shared/fixtures/interop`, or the directory
 * named by `SAML_JIT_FIXTURES`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export const interopDir = (): string =>
  process.env.SAML_JIT_FIXTURES ?? resolve(repoRoot, '..', 'shared', 'fixtures', 'interop');

export const interopAvailable = (): boolean => existsSync(resolve(interopDir(), 'manifest.json'));
