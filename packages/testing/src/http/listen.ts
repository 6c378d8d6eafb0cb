/** Turns a Node HTTP server into a `RunningAdapter`: listen on a free port of 127.0.0.1, close it all. */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningAdapter } from './suite.js';

/**
 * Starts `server` on an ephemeral port of the loopback interface.
 * @example
 * start: (sp) => listening(http.createServer(express().use(samlRouter(sp))))
 */
export const listening = async (server: Server): Promise<RunningAdapter> => {
  if (!server.listening) {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  }
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // fetch keeps connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
        server.close((e) => (e === undefined ? resolve() : reject(e)));
      }),
  };
};
