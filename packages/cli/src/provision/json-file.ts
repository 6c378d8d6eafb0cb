/** Reading a JSON configuration file with a bound, for `provision`'s options (exit 2 on failure). */
import { open } from 'node:fs/promises';
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure } from '../io.js';

/** A configuration file larger than this is refused rather than read whole (64 MiB). */
export const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

/**
 * The parsed JSON of `path`, or a one-line failure naming the option.
 * @example
 * await readJsonFile('directory', 'org.json') // Right({ User: [...] })
 */
export const readJsonFile = async (option: string, path: string): Promise<E.Either<CliFailure, unknown>> => {
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      if (!info.isFile()) return E.left(cliFailure(`--${option} '${path}' is not a regular file`));
      if (info.size > MAX_CONFIG_BYTES)
        return E.left(cliFailure(`--${option} file '${path}' is larger than 64 MiB`));
      text = (await handle.readFile()).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (cause) {
    const code = cause instanceof Error && 'code' in cause ? String(cause.code) : 'unreadable';
    return E.left(cliFailure(`cannot read --${option} file '${path}' (${code})`));
  }
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch {
    return E.left(cliFailure(`--${option} file '${path}' is not valid JSON`));
  }
};
