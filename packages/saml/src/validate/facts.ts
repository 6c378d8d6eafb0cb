/**
 * The facts a successful validation hands to `markVerified`. `assertionXml` and `responseBase64`
 * stay lazy (most logins never read them), as getters on this class's prototype.
 *
 * Why a class (a performance change): written as getters in an object literal, they were two new
 * closures per validation, and V8 then kept each validation's whole DOM reachable from the old
 * generation until the next full GC — every scavenge copied megabytes of dead trees, and
 * validation cost ~1.5× the floor instead of ~1.2× (packages/bench, docs/performance.md).
 */
import type { AssertionFacts, Attributes, AuthnStatement, Conditions, NameId } from '@saml-jit/core';
import type { Element } from '@xmldom/xmldom';

/** Every fact but the two computed on demand. */
export type EagerFacts = Omit<AssertionFacts, 'assertionXml' | 'responseBase64'>;

export class ValidatedFacts implements AssertionFacts {
  readonly issuer: string;
  readonly assertionId: string;
  readonly issueInstant: Date;
  readonly nameId: NameId | null;
  readonly conditions: Conditions;
  readonly authn: AuthnStatement;
  readonly attributes: Attributes;
  readonly inResponseTo: string | null;
  readonly encrypted: boolean;
  readonly #assertion: Element;
  readonly #base64: () => string;
  #xml: string | undefined;

  /**
   * @example
   * new ValidatedFacts(eager, assertionElement, () => receivedBase64).assertionXml // '<saml:Assertion …'
   */
  constructor(facts: EagerFacts, assertion: Element, base64: () => string) {
    this.issuer = facts.issuer;
    this.assertionId = facts.assertionId;
    this.issueInstant = facts.issueInstant;
    this.nameId = facts.nameId;
    this.conditions = facts.conditions;
    this.authn = facts.authn;
    this.attributes = facts.attributes;
    this.inResponseTo = facts.inResponseTo;
    this.encrypted = facts.encrypted;
    this.#assertion = assertion;
    this.#base64 = base64;
  }

  /** Serialised on first use only. */
  get assertionXml(): string {
    this.#xml ??= this.#assertion.toString();
    return this.#xml;
  }

  get responseBase64(): string {
    return this.#base64();
  }
}
