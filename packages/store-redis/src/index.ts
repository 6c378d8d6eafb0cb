/**
 * @saml-jit/store-redis: saml-jit's replay cache, request store and session store on Redis
 * (ioredis), for fleets that share one Redis.
 */
export type { RedisStoreOptions, RedisStores } from './open.js';
export { redisStores } from './open.js';
