/**
 * Record IDs for the dry run: core's `sequentialIds` (`<prefix>` + a 12-digit counter + `AAA`,
 * e.g. `005000000000001AAA`), skipping any ID the `--directory` file already holds, so the same
 * files give the same output on every run and a created record never collides with a seeded one.
 */
import { type DirectorySnapshot, type IdGenerator, sequentialIds } from '@saml-jit/core';

/**
 * @example
 * dryRunIds(snapshot).recordId('User') // '005000000000001AAA' unless the snapshot holds it
 */
export const dryRunIds = (snapshot: DirectorySnapshot): IdGenerator => {
  const taken = new Set(
    [snapshot.User, snapshot.Contact, snapshot.Account].flatMap((rows) => rows.map((r) => r.Id)),
  );
  const base = sequentialIds();
  return {
    recordId: (sobject) => {
      let id = base.recordId(sobject);
      while (taken.has(id)) id = base.recordId(sobject);
      return id;
    },
    token: () => base.token(),
  };
};
