/**
 * The synchronous part of validation, in the order of docs/validation.md: decode under the size
 * bound → parse once → index once → root, Status, the one assertion → signatures bound to their
 * parents and verified (the Response's before any decryption) → decryption, re-parse and the
 * inner signature → signature policy → Issuer, Destination, Subject, bearer confirmation,
 * Conditions, Audience, AuthnStatement, attributes (EncryptedAttributes decrypted) → InResponseTo
 * resolution. The side effects (replay cache, request store) come after, in validate-response.ts.
 */
import type { AssertionFacts } from '@saml-jit/core';
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { rsaKeyBitsOf, rsaKeyShorterThan } from '../crypto/certificate.js';
import { DECRYPTION_FAILED_MESSAGE } from '../crypto/decrypt.js';
import { attr } from '../xml/dom.js';
import { parseXml } from '../xml/parse.js';
import { indexTree } from '../xml/tree-index.js';
import { decodeInput } from './decode-input.js';
import { decryptAssertion, isCbcEncrypted, readAttributes, readSubject } from './encrypted.js';
import { readAuthn, readConditions, requiredInstant } from './extract.js';
import { ValidatedFacts } from './facts.js';
import { type Fault, fault } from './fault.js';
import { checkRoot, checkStatus, locateAssertion } from './locate.js';
import { checkPolicy } from './policy.js';
import {
  type Clocked,
  checkAudience,
  checkBearer,
  checkConditionsTime,
  checkDestination,
  checkIssuer,
  checkSessionEnd,
} from './protocol.js';
import type { ReportBuilder } from './report.js';
import { checkSignature, placeSignatures, type SignatureContext } from './signatures.js';
import {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_BYTES,
  DEFAULT_MIN_RSA_KEY_BITS,
  LOWEST_MIN_RSA_KEY_BITS,
  type ValidationOptions,
} from './types.js';

/** Everything checked; what remains are the replay cache and the request store. */
export interface Prepared {
  readonly facts: AssertionFacts;
  readonly replayExpiresAt: Date;
}

/** Runs `step`; on failure records `name` as failed (unless the step already did) and stops. */
const step = <A>(
  report: ReportBuilder,
  name: string,
  r: E.Either<Fault, A>,
  inputs = {},
): E.Either<Fault, A> => {
  if (E.isLeft(r)) {
    if (!report.checks.some((c) => c.name === name && c.verdict === 'fail'))
      report.fail(name, r.left.code, r.left.details);
  } else if (Object.keys(inputs).length > 0 || !report.checks.some((c) => c.name === name))
    report.pass(name, inputs);
  return r;
};

/**
 * Validates everything that needs no port. Never throws for any input (the caller still guards).
 */
export const prepare = (
  input: string | Uint8Array,
  options: ValidationOptions,
  now: Date,
  report: ReportBuilder,
): E.Either<Fault, Prepared> => {
  const skewMs = (options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000;
  const t: Clocked = { now, skewMs };
  if (options.idpCertificates.length === 0) {
    return step(
      report,
      'configuration',
      fault('NO_TRUSTED_CERTIFICATE', 'No certificate is trusted for this IdP.'),
    );
  }
  // Never below 1024 bits whatever is configured; a value that is not a number trusts no RSA key.
  const minRsaKeyBits = Math.max(LOWEST_MIN_RSA_KEY_BITS, options.minRsaKeyBits ?? DEFAULT_MIN_RSA_KEY_BITS);
  const certificates = options.idpCertificates.filter((c) => !rsaKeyShorterThan(c, minRsaKeyBits));
  if (certificates.length === 0) {
    return step(
      report,
      'configuration',
      fault(
        'NO_TRUSTED_CERTIFICATE',
        'No trusted certificate has an RSA key long enough for this connection.',
        {
          minRsaKeyBits,
          shortestRsaKeyBits: Math.min(...options.idpCertificates.map((c) => rsaKeyBitsOf(c) ?? 0)),
        },
      ),
    );
  }
  // Tell the operator why a configured certificate was not tried (a rollover from a short key).
  if (certificates.length < options.idpCertificates.length) {
    report.pass('configuration', {
      minRsaKeyBits,
      ignoredShortRsaKeys: options.idpCertificates.length - certificates.length,
    });
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const decoded = step(report, 'input', decodeInput(input, maxBytes));
  if (E.isLeft(decoded)) return decoded;
  report.encoding = decoded.right.encoding;
  report.bytes = decoded.right.bytes;
  const parsed = parseXml(decoded.right.text);
  if (E.isLeft(parsed)) {
    const f = parsed.left;
    return step(
      report,
      'parse',
      fault(f.code, 'The XML is malformed or not allowed.', { problem: f.detail }),
    );
  }
  const root = parsed.right.documentElement as Element;
  const index = indexTree(root);
  if (index.duplicateId !== null) {
    return step(
      report,
      'parse',
      fault('DUPLICATE_ID', 'An ID value appears more than once in the document.', { id: index.duplicateId }),
    );
  }
  report.pass('parse', { encoding: decoded.right.encoding, bytes: decoded.right.bytes });
  const response = step(report, 'structure.root', checkRoot(root, index));
  if (E.isLeft(response)) return response;
  const status = step(report, 'status', checkStatus(root));
  if (E.isLeft(status)) return status;
  const located = step(report, 'structure.assertion', locateAssertion(root, index));
  if (E.isLeft(located)) return located;
  const encrypted = located.right.localName === 'EncryptedAssertion';
  report.encrypted = encrypted;

  // --- signatures: the Response's is verified before anything is decrypted
  const placed = step(
    report,
    'signature.placement',
    placeSignatures(index.signatures, root, encrypted ? null : located.right),
  );
  if (E.isLeft(placed)) return placed;
  const sigCtx: SignatureContext = {
    certificates,
    allowSha1: options.allowSha1 ?? false,
    enforceCertificateValidity: options.enforceCertificateValidity ?? false,
    now,
  };
  if (placed.right.response !== null) {
    const v = checkSignature(placed.right.response, root, 'Response', false, sigCtx, report);
    if (E.isLeft(v)) return v;
  }
  const responseSigned = placed.right.response !== null;
  let assertion = located.right;
  let assertionSig = placed.right.assertion;
  // CBC content in an unsigned Response is unauthenticated until the inner signature verifies:
  // any distinct outcome before that is a decryption oracle (docs/security.md, review findings).
  const opaque = encrypted && !responseSigned && isCbcEncrypted(located.right);
  const hide = <A>(r: E.Either<Fault, A>): E.Either<Fault, A> =>
    opaque &&
    E.isLeft(r) &&
    r.left.code !== 'DECRYPTION_KEY_MISSING' &&
    r.left.code !== 'ENCRYPTION_ALGORITHM_DISALLOWED'
      ? fault('DECRYPTION_FAILED', DECRYPTION_FAILED_MESSAGE)
      : r;
  if (encrypted) {
    const policy = options.signaturePolicy ?? 'any';
    if ((policy === 'response' || policy === 'both') && !responseSigned) {
      const inputs = { policy, responseSigned, assertionSigned: null };
      report.fail('signature.policy', 'SIGNATURE_MISSING', inputs);
      return fault('SIGNATURE_MISSING', 'The connection requires a signed Response.', inputs);
    }
    const d = step(report, 'decryption', decryptAssertion(located.right, options, index.ids));
    if (E.isLeft(d)) return hide(d);
    assertion = d.right.assertion;
    assertionSig = d.right.signature;
  }
  if (assertionSig !== null) {
    const v = checkSignature(assertionSig, assertion, 'Assertion', encrypted, sigCtx, report);
    if (E.isLeft(v)) return hide(v);
  }
  const policy = checkPolicy(options, responseSigned, assertionSig !== null, report);
  if (E.isLeft(policy)) return hide(policy);

  // --- protocol checks, on the verified elements only
  const respIssuer = checkIssuer(root, options.idpEntityId, false, 'issuer.response', report);
  if (E.isLeft(respIssuer)) return respIssuer;
  const dest = checkDestination(root, options.acsUrl, report);
  if (E.isLeft(dest)) return dest;
  if (attr(assertion, 'Version') !== '2.0') {
    return step(
      report,
      'structure.assertion',
      fault('ASSERTION_STRUCTURE_INVALID', 'The Assertion is not SAML 2.0.'),
    );
  }
  const assertionId = attr(assertion, 'ID');
  if (assertionId === null || assertionId === '') {
    return step(
      report,
      'structure.assertion',
      fault('ASSERTION_STRUCTURE_INVALID', 'The Assertion has no ID.'),
    );
  }
  const issueInstant = step(report, 'structure.assertion', requiredInstant(assertion, 'IssueInstant'));
  if (E.isLeft(issueInstant)) return issueInstant;
  const issuer = checkIssuer(assertion, options.idpEntityId, true, 'issuer.assertion', report);
  if (E.isLeft(issuer)) return issuer;
  if (issueInstant.right.getTime() > now.getTime() + skewMs) {
    const inputs = { issueInstant: issueInstant.right.toISOString(), now: now.toISOString() };
    return step(
      report,
      'issueInstant',
      fault('ASSERTION_NOT_YET_VALID', 'The assertion was issued in the future.', inputs),
    );
  }
  const subject = step(report, 'subject', readSubject(assertion, options));
  if (E.isLeft(subject)) return subject;
  const bearer = checkBearer(subject.right.subject, options.acsUrl, t, report);
  if (E.isLeft(bearer)) return bearer;
  const conditions = step(report, 'conditions', readConditions(assertion));
  if (E.isLeft(conditions)) return conditions;
  const c = conditions.right;
  const time = checkConditionsTime(c?.notBefore ?? null, c?.notOnOrAfter ?? null, t, report);
  if (E.isLeft(time)) return time;
  const audience = checkAudience(assertion, options.spEntityId, report);
  if (E.isLeft(audience)) return audience;
  const authn = step(report, 'authnStatement', readAuthn(assertion));
  if (E.isLeft(authn)) return authn;
  if (authn.right === null) {
    return step(
      report,
      'authnStatement',
      fault('AUTHN_STATEMENT_MISSING', 'The Assertion has no AuthnStatement.'),
    );
  }
  const session = checkSessionEnd(authn.right.sessionNotOnOrAfter, t, report);
  if (E.isLeft(session)) return session;
  // EncryptedAttributes are decrypted here, on an authenticated assertion only: every signature
  // present has verified and the policy (above) required at least one. A Response signature covers
  // the whole Response (an EncryptedAssertion's ciphertext included), an Assertion signature (inside
  // the encryption for an encrypted one) covers every AttributeStatement: either way an altered
  // EncryptedAttribute fails a signature before it is decrypted, so its failures are no padding
  // or decryption oracle and need no `hide`.
  const read = readAttributes(assertion, options);
  const attributes = step(report, 'attributes', read, E.isRight(read) ? read.right.read : {});
  if (E.isLeft(attributes)) return attributes;

  // --- InResponseTo: the bearer's (signed) value, or the Response's when the Response is signed
  const respIrt = attr(root, 'InResponseTo');
  const scdIrt = bearer.right.inResponseTo;
  const irtInputs = { subjectConfirmation: scdIrt, response: respIrt, responseSigned };
  if (scdIrt !== null && respIrt !== null && scdIrt !== respIrt) {
    return step(
      report,
      'inResponseTo',
      fault(
        'IN_RESPONSE_TO_MISMATCH',
        'The Response and its Assertion answer different requests.',
        irtInputs,
      ),
    );
  }
  const inResponseTo = scdIrt ?? (responseSigned ? respIrt : null);
  if (inResponseTo === null && options.rejectUnsolicited === true) {
    return step(
      report,
      'inResponseTo',
      fault(
        'UNSOLICITED_RESPONSE_REFUSED',
        'IdP-initiated responses are refused for this connection.',
        irtInputs,
      ),
    );
  }
  const expiry = Math.max(bearer.right.notOnOrAfter.getTime(), c?.notOnOrAfter?.getTime() ?? 0) + skewMs;
  const facts = new ValidatedFacts(
    {
      issuer: issuer.right ?? options.idpEntityId,
      assertionId,
      issueInstant: issueInstant.right,
      nameId: subject.right.nameId,
      conditions: c ?? { notBefore: null, notOnOrAfter: null, audiences: [] },
      authn: authn.right,
      attributes: attributes.right.attributes,
      inResponseTo,
      encrypted,
    },
    assertion,
    decoded.right.base64,
  );
  return E.right({ facts, replayExpiresAt: new Date(expiry) });
};
