/**
 * Deterministic, realistic attribute sets for size-sensitive tests and benchmarks: a dozen
 * directory attributes (the common case) or a hundred with group lists (a large enterprise
 * response, about 60 KB once signed).
 */

/** Options of {@link sampleAttributes}. */
export interface SampleAttributesOptions {
  /** Number of attributes; the first twelve are profile attributes. Default 12. */
  readonly count?: number;
  /** Values per attribute beyond the profile ones (group-like lists). Default 4. */
  readonly valuesPerAttribute?: number;
  /** Seed word mixed into the values, so two users differ. Default `alice`. */
  readonly user?: string;
}

/**
 * Returns `count` attributes. The first twelve look like a user profile
 * (`User.Email`, `User.FirstName`, …, one value each); the rest are multi-valued
 * `urn:example:claims:attribute-N` lists of group DNs.
 *
 * @example
 * idp.response({ attributes: sampleAttributes() });                 // ≈ 6–7 KB signed
 * idp.response({ attributes: sampleAttributes({ count: 100 }) });   // ≈ 60 KB signed
 */
export const sampleAttributes = (options: SampleAttributesOptions = {}): Record<string, string[]> => {
  const count = options.count ?? 12;
  const perAttribute = options.valuesPerAttribute ?? 4;
  const user = options.user ?? 'alice';
  const profile: [string, string][] = [
    ['User.Email', `${user}@example.test`],
    ['User.Username', `${user}@example.test`],
    ['User.FirstName', capitalise(user)],
    ['User.LastName', 'Example'],
    ['User.FederationIdentifier', `${user}@example.test`],
    ['User.Title', 'Senior Engineer'],
    ['User.Department', 'Platform Engineering'],
    ['User.CompanyName', 'Example Corporation'],
    ['User.Phone', '+1 555 0100'],
    ['User.LocaleSidKey', 'en_US'],
    ['User.TimeZoneSidKey', 'America/Los_Angeles'],
    ['User.ProfileId', 'Standard User'],
  ];
  const attributes: Record<string, string[]> = {};
  for (const [name, value] of profile.slice(0, count)) attributes[name] = [value];
  for (let i = profile.length; i < count; i++) {
    attributes[`urn:example:claims:attribute-${i}`] = Array.from(
      { length: perAttribute },
      (_, j) => `CN=group-${i}-${j},OU=Groups,OU=${user},DC=corp,DC=example,DC=test`,
    );
  }
  return attributes;
};

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
