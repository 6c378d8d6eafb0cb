/**
 * The dispatcher behind the `saml-jit` binary: the first argument names the command, the rest
 * belong to it. Usage errors print one line on standard error and exit with status 2.
 */
import type { Command } from './command.js';
import { COMMANDS } from './commands/index.js';
import { type CliIo, cliFailure, EXIT_OK, type ExitCode, reportFailure } from './io.js';

const usage = (commands: readonly Command[]): string => {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Usage: saml-jit <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    "Run 'saml-jit <command> --help' for a command's options.",
  ].join('\n');
};

/**
 * Runs the command named by `argv[0]`; resolves to the exit status, never rejects.
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), nodeIo());
 */
export const runCli = async (
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<ExitCode> => {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    await io.out(usage(commands));
    return EXIT_OK;
  }
  if (name === undefined) return reportFailure(io, '', cliFailure("missing command (try 'saml-jit --help')"));
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    return reportFailure(io, '', cliFailure(`unknown command '${name}' (try 'saml-jit --help')`));
  }
  return command.run(rest, io);
};
