/**
 * Gating tests on a real service (PostgreSQL, Redis): when the service answers, the suites run;
 * when it does not, the tests are skipped with the reason printed — except under `CI=true`, where
 * a missing service is a failing test, never a skip.
 */
import { it } from 'vitest';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });

/**
 * Probes `service` and says whether its tests should run. When it is unreachable, registers a
 * failing test if `CI=true`, else a skipped test whose title carries the reason, and prints it.
 * Call it at the top of a test file (top-level await).
 * @example
 * if (await requireService('PostgreSQL at 127.0.0.1:5432', () => ping())) {
 *   directorySuite({ name: 'postgres', make });
 * }
 */
export const requireService = async (
  service: string,
  probe: () => Promise<unknown>,
  options: { readonly timeoutMs?: number } = {},
): Promise<boolean> => {
  try {
    await withTimeout(probe(), options.timeoutMs ?? 5_000);
    return true;
  } catch (e) {
    const reason = `${service} is unreachable (${e instanceof Error ? e.message : String(e)})`;
    if (process.env.CI === 'true') {
      it(`${service} is reachable (required when CI=true)`, () => {
        throw new Error(reason);
      });
    } else {
      console.warn(`[saml-jit] SKIPPED: ${reason}; set CI=true to make this a failure.`);
      it.skip(`${service} tests (skipped: ${reason})`, () => {});
    }
    return false;
  }
};
