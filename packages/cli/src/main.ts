#!/usr/bin/env node
/** The `saml-jit` binary: dispatches to a command and exits with its status. */
import { runCli } from './cli.js';
import { nodeIo } from './io.js';

const io = nodeIo();
runCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (cause: unknown) => {
    // Commands never reject; if one does, it is a bug: say so on one line, exit 2, no stack.
    io.err(
      `saml-jit: internal error: ${cause instanceof Error ? cause.message : String(cause)}`.split('\n')[0] ??
        '',
    );
    process.exitCode = 2;
  },
);
