/**
 * Serving a fetch handler on a Node HTTP server, and stopping it gracefully: `close` stops
 * accepting, lets requests in flight finish (up to a grace period), then drops what is left. A
 * failure to listen (port taken, address not available) is a `Left`, not an exception.
 */
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
  const bound = await new Promise<E.Either<string, true>>((resolve) => {
    const onError = (cause: unknown): void => {
      server.off('listening', onListening);
      const code = cause instanceof Error && 'code' in cause ? String(cause.code) : 'error';
      resolve(E.left(`cannot listen on ${urlOf(at.host, at.port)} (${code})`));
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve(E.right(true));
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(at.port, at.host);
  });
  if (E.isLeft(bound)) return bound;
  // A server error after start (e.g. too many open files on accept) must not crash the process.
  server.on('error', () => undefined);
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
