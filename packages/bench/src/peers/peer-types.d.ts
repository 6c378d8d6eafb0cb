// saml2-js ships no types: the two classes the benchmark uses, loosely.
declare module 'saml2-js' {
  type Callback = (err: unknown, result: never) => void;
  interface Saml2 {
    ServiceProvider: new (
      options: Record<string, unknown>,
    ) => {
      post_assert(idp: unknown, options: Record<string, unknown>, cb: Callback): void;
    };
    IdentityProvider: new (options: Record<string, unknown>) => unknown;
  }
  const saml2: Saml2;
  export default saml2;
}

// The samlify XSD validator ships no types.
declare module '@authenio/samlify-xmllint-wasm' {
  export const validate: (xml: string) => Promise<unknown>;
}
