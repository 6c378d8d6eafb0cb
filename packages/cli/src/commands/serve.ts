/**
 * `saml-jit serve --config FILE [--seed FILE] [--port N] [--store sqlite:PATH|postgres://…|memory]
 * [--state redis://…]`: a ready-to-run SAML service provider with JIT provisioning. Checks the
 * configuration (exit 2, one line on standard error), opens and migrates the stores, seeds the
 * directory, listens and prints one line with its URL, then serves until SIGINT or SIGTERM, when
 * it finishes the requests in flight, closes the stores and exits 0. A store or port it cannot
 * use at start is exit status 1, one line on standard error.
 */
import * as E from 'fp-ts/lib/Either.js';
import { formatOptions, parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { type CliIo, cliFailure, EXIT_OK, EXIT_REJECTED, type ExitCode, reportFailure } from '../io.js';
import { loadServeConfig } from '../serve/config.js';
import { DEFAULT_HOST, DEFAULT_PORT, parsePort, SERVE_OPTIONS } from '../serve/options.js';
import { loadSnapshot } from '../serve/seed.js';
import { startService } from '../serve/service.js';
import { DEFAULT_STORE, parseState, parseStore } from '../serve/store-url.js';
import { openServeStores } from '../serve/stores.js';

export const SERVE_USAGE = `Usage: saml-jit serve --config FILE [--seed FILE] [--port N] [--store URL] [--state URL]

Serves POST /saml/acs/:connection, GET /saml/metadata/:connection, GET /saml/login/:connection,
GET /saml/error, GET /me and GET / until SIGINT or SIGTERM. Prints one line with its URL.
Exit status: 0 after a graceful shutdown, 1 when a store or the port cannot be used at start,
2 for a usage or configuration error.

Options:
${formatOptions(SERVE_OPTIONS)}`;

/** Resolves on the first SIGINT or SIGTERM. */
const termination = (): Promise<string> =>
  new Promise((resolve) => {
    const stop = (signal: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = stop('SIGINT');
    const onTerm = stop('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });

const fail = (io: CliIo, message: string): ExitCode => {
  io.err(`saml-jit serve: ${message.replace(/[\r\n]+/g, ' ')}`);
  return EXIT_REJECTED;
};

/**
 * Runs `serve` over `argv` (the arguments after `serve`); resolves after shutdown.
 * @example
 * process.exitCode = await runServe(['--config', 'saml-jit.json', '--store', 'memory'], nodeIo());
 */
export const runServe = async (
  argv: readonly string[],
  io: CliIo,
  until: () => Promise<unknown> = termination,
): Promise<ExitCode> => {
  const parsed = parseArgs(SERVE_OPTIONS, argv);
  if (E.isLeft(parsed)) return reportFailure(io, 'serve', parsed.left);
  const args = parsed.right;
  if (args.flags.has('help')) {
    await io.out(SERVE_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length > 0) {
    return reportFailure(io, 'serve', cliFailure(`unexpected operand '${args.positionals[0]}'`));
  }
  const configPath = args.values.get('config');
  if (configPath === undefined) return reportFailure(io, 'serve', cliFailure('missing --config FILE'));
  const portText = args.values.get('port');
  const port = portText === undefined ? E.right(DEFAULT_PORT) : parsePort(portText);
  if (E.isLeft(port)) return reportFailure(io, 'serve', port.left);
  const host = args.values.get('host') ?? DEFAULT_HOST;
  const store = parseStore(args.values.get('store') ?? DEFAULT_STORE);
  if (E.isLeft(store)) return reportFailure(io, 'serve', store.left);
  const stateText = args.values.get('state');
  const state = stateText === undefined ? E.right(null) : parseState(stateText);
  if (E.isLeft(state)) return reportFailure(io, 'serve', state.left);
  const config = await loadServeConfig(configPath);
  if (E.isLeft(config)) return reportFailure(io, 'serve', config.left);
  const seedPath = args.values.get('seed');
  const snapshot = seedPath === undefined ? E.right(null) : await loadSnapshot(seedPath);
  if (E.isLeft(snapshot)) return reportFailure(io, 'serve', snapshot.left);

  const stores = await openServeStores(store.right, state.right);
  if (E.isLeft(stores)) {
    const e = stores.left;
    return e.kind === 'config'
      ? reportFailure(io, 'serve', cliFailure(e.message))
      : fail(io, `cannot open the stores: ${e.code}: ${e.message}`);
  }
  const close = stores.right.close;
  // Which instance of a fleet migrated: the others find the schema current and print nothing.
  if (stores.right.migrated.length > 0)
    io.err(`saml-jit serve: applied migrations ${stores.right.migrated.join(', ')}`);
  if (snapshot.right !== null) {
    const seeded = await stores.right.directory.seed(snapshot.right)();
    if (E.isLeft(seeded)) {
      await close();
      return fail(io, `cannot seed the directory: ${seeded.left.code}: ${seeded.left.message}`);
    }
  }
  const running = await startService({
    config: config.right,
    stores: stores.right,
    host,
    port: port.right,
    log: io.err,
  });
  if (E.isLeft(running)) {
    await close();
    return running.left.exit === EXIT_REJECTED
      ? fail(io, running.left.failure.message)
      : reportFailure(io, 'serve', running.left.failure);
  }
  await io.out(`saml-jit serve: listening on ${running.right.url}`);
  await until();
  await running.right.close();
  await close();
  return EXIT_OK;
};

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run a SAML service provider with JIT provisioning (ACS, metadata, login, /me)',
  run: (argv, io) => runServe(argv, io),
};
