/**
 * Every contender, in table order: the floor, ours, the full logins, the refusal, then the peers.
 * The parent process (timing) and the child (allocation) look contenders up here by ID.
 */
import type { Contender } from './contender.js';
import { floor } from './contenders/floor.js';
import { loginMemory } from './contenders/login.js';
import { loginSqlite, loginSqliteNormal } from './contenders/login-sqlite.js';
import { ours, refusal, refusalEdge } from './contenders/ours.js';
import { boxyhq } from './peers/boxyhq.js';
import { nodeSaml } from './peers/node-saml.js';
import { saml2js } from './peers/saml2-js.js';
import { samlifyPeer, samlifyXsd } from './peers/samlify.js';
import { xmlCrypto } from './peers/xml-crypto.js';

export const CONTENDERS: readonly Contender[] = [
  floor,
  ours,
  loginMemory,
  loginSqlite,
  loginSqliteNormal,
  refusal,
  refusalEdge,
  xmlCrypto,
  nodeSaml,
  boxyhq,
  saml2js,
  samlifyPeer,
  samlifyXsd,
];

export const CONTENDER_IDS: readonly string[] = CONTENDERS.map((c) => c.id);

export const contenderById = (id: string): Contender => {
  const c = CONTENDERS.find((x) => x.id === id);
  if (c === undefined) throw new Error(`unknown contender ${id}; known: ${CONTENDER_IDS.join(', ')}`);
  return c;
};
