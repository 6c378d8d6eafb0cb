/**
 * The demo in one call: a demo IdP (login form, key generated at start) and a `saml-jit serve`
 * service provider, in this process, on localhost, over SQLite (a file, `.demo-data/demo.db` by
 * default). `startDemo` answers both URLs and a `close` that stops both servers and the store.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  decodeServeConfig,
  listen,
  openServeStores,
  type RunningService,
  startService,
} from '@saml-jit/cli/serve';
import { createTestIdp, generateKeyPair } from '@saml-jit/testing/idp';
import * as E from 'fp-ts/lib/Either.js';
import { demoIdpApp } from './idp/server.js';
import { DEMO_SEED } from './seed.js';

export interface DemoOptions {
  /** The SP's port (default 3000). */
  readonly spPort: number;
  /** The IdP's port (default 3001). */
  readonly idpPort: number;
  /** The SQLite file (default `.demo-data/demo.db`); `:memory:` keeps nothing. */
  readonly database: string;
  /** The loopback address both servers listen on (default 127.0.0.1). */
  readonly host: string;
  /** One line per ACS request. */
  readonly log?: (line: string) => void;
}

export interface RunningDemo {
  readonly spUrl: string;
  readonly idpUrl: string;
  readonly sp: RunningService;
  /** Stops both servers and closes the database. */
  close(): Promise<void>;
}

export const DEMO_CONNECTION = 'demo';
export const DEFAULT_DEMO_OPTIONS: DemoOptions = {
  spPort: 3000,
  idpPort: 3001,
  database: '.demo-data/demo.db',
  host: '127.0.0.1',
};

/**
 * Starts the demo IdP and SP. Fails (Left, one line) when a port is taken or the database
 * cannot be opened.
 * @example
 * const demo = await startDemo(DEFAULT_DEMO_OPTIONS);
 * // Right({ spUrl: 'http://127.0.0.1:3000', idpUrl: 'http://127.0.0.1:3001', close })
 */
export const startDemo = async (options: DemoOptions): Promise<E.Either<string, RunningDemo>> => {
  const spUrl = `http://${options.host}:${options.spPort}`;
  const idpUrl = `http://${options.host}:${options.idpPort}`;
  const acsUrl = `${spUrl}/saml/acs/${DEMO_CONNECTION}`;
  const idp = createTestIdp({
    entityId: `${idpUrl}/metadata`,
    keyPair: generateKeyPair({ commonName: 'saml-jit demo IdP' }),
  });
  const config = await decodeServeConfig(
    {
      connections: {
        [DEMO_CONNECTION]: {
          idpEntityId: idp.entityId,
          idpCerts: [idp.certificatePem],
          idpSsoUrl: `${idpUrl}/sso`,
          spEntityId: spUrl,
          acsUrl,
          jit: {
            identityMapping: 'FederationId',
            identityLocation: 'SubjectNameId',
            userProvisioning: true,
            errorUrl: null,
          },
        },
      },
    },
    process.cwd(),
  );
  if (E.isLeft(config)) return E.left(`the demo configuration is refused: ${config.left.message}`);
  if (options.database !== ':memory:') mkdirSync(dirname(options.database), { recursive: true });
  const stores = await openServeStores({ kind: 'sqlite', path: options.database }, null);
  if (E.isLeft(stores)) return E.left(`cannot open ${options.database}: ${stores.left.message}`);
  const seeded = await stores.right.directory.seed(DEMO_SEED)();
  if (E.isLeft(seeded)) {
    await stores.right.close();
    return E.left(`cannot seed ${options.database}: ${seeded.left.message}`);
  }
  const idpApp = demoIdpApp(idp, { spEntityId: spUrl, acsUrl, spUrl });
  const idpServer = await listen(idpApp.fetch, {
    host: options.host,
    port: options.idpPort,
    onError: () => new Response('The demo IdP failed.', { status: 503 }),
  });
  if (E.isLeft(idpServer)) {
    await stores.right.close();
    return E.left(`demo IdP: ${idpServer.left}`);
  }
  const sp = await startService({
    config: config.right,
    stores: stores.right,
    host: options.host,
    port: options.spPort,
    title: 'saml-jit demo — service provider',
    links: [{ label: 'Or start at the demo IdP (IdP-initiated login)', href: idpUrl }],
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  if (E.isLeft(sp)) {
    await idpServer.right.close();
    await stores.right.close();
    return E.left(`service provider: ${sp.left.failure.message}`);
  }
  return E.right({
    spUrl,
    idpUrl,
    sp: sp.right,
    close: async () => {
      await Promise.all([sp.right.close(), idpServer.right.close()]);
      await stores.right.close();
    },
  });
};
