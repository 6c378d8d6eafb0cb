/**
 * Serving a fetch handler on a Node HTTP server, and stopping it gracefully: `close` stops
 * accepting, lets requests in flight finish (up to a grace period), then drops what is left. A
 * failure to listen (port taken, address not available) is a `Left`, not an exception.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import * as E from 'fp-ts/lib/Either.js';

export interface Listening {
  /** `http://host:port`, with the port actually bound (useful with port 0). */
  readonly url: string;
  readonly port: number;
  /** Stops the server; resolves once every connection is closed. Idempotent. */
  close(): Promise<void>;
}

/** How long requests in flight may take to finish once shutdown starts. */
export const SHUTDOWN_GRACE_MS = 5_000;

const urlOf = (host: string, port: number): string =>
  `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

/**
 * Listens on `host:port` (port 0: a free one).
 * @example
 * const server = await listen(app.fetch, { host: '127.0.0.1', port: 3000 });
 * // Right({ url: 'http://127.0.0.1:3000', … })
 */
export const listen = async (
  fetch: (request: Request) => Response | Promise<Response>,
  at: { readonly host: string; readonly port: number; readonly onError: (cause: unknown) => Response },
): Promise<E.Either<string, Listening>> => {
  const server: Server = createServer(getRequestListener(fetch, { errorHandler: at.onError }));
  // A slow client must not hold a connection (and the shutdown) forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  try {
    server.listen(at.port, at.host);
    await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e))]);
  } catch (cause) {
    const code = cause instanceof Error && 'code' in cause ? String(cause.code) : 'error';
    return E.left(`cannot listen on ${urlOf(at.host, at.port)} (${code})`);
  }
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return E.right({
    url: urlOf(at.host, port),
    port,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  });
};
