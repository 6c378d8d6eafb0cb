/**
 * The unsigned SAML 2.0 Response: element order and content as SAML core §2–3 requires.
 *
 * The Assertion declares every namespace it uses (saml, xs, xsi) itself, as Okta and ADFS do,
 * so it stays well-formed when serialized on its own for encryption.
 */
import { NS } from './algorithms.js';
import {
  addSeconds,
  DEFAULT_IDP_ENTITY_ID,
  instant,
  NAMEID_FORMAT,
  randomId,
  STATUS,
  type StatusOption,
  TEST_SP,
  type TestResponseOptions,
} from './options.js';
import { el, serialize, type XmlElement } from './xml-tree.js';

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const PASSWORD_PROTECTED = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
const ATTRNAME_UNSPECIFIED = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';

/** The IDs a built response carries, so the caller can sign or look them up. */
export interface BuiltResponse {
  readonly xml: string;
  readonly responseId: string;
  /** `null` when the assertion was omitted. */
  readonly assertionId: string | null;
}

/**
 * Builds the unsigned Response XML from the options and their defaults.
 * Lower-level than `idp.response()`: nothing is signed or encrypted.
 *
 * @example
 * const { xml, assertionId } = buildResponseXml({ now: new Date('2030-01-01T00:00:00Z'), nameId: 'bob@example.test' });
 * const signed = signXml(xml, { reference: assertionId ?? '', privateKeyPem, certificatePem });
 */
export const buildResponseXml = (options: TestResponseOptions = {}): BuiltResponse => {
  const responseId = options.responseId ?? randomId();
  const assertion = options.assertion === 'omit' ? null : buildAssertion(options);
  const tree = el(
    'samlp:Response',
    {
      'xmlns:samlp': NS.samlp,
      'xmlns:saml': NS.saml,
      ID: responseId,
      Version: '2.0',
      IssueInstant: instant(options.issueInstant ?? now(options)),
      Destination: options.destination === null ? undefined : (options.destination ?? TEST_SP.acsUrl),
      InResponseTo: options.inResponseTo,
    },
    [
      el('saml:Issuer', {}, [issuer(options)]),
      status(options.status ?? STATUS.success),
      ...(assertion === null ? [] : [assertion.tree]),
    ],
  );
  return { xml: serialize(tree, indentOf(options.pretty)), responseId, assertionId: assertion?.id ?? null };
};

/** The indent string for the `pretty` option. */
export const indentOf = (pretty: boolean | string | undefined): string =>
  pretty === true ? '  ' : typeof pretty === 'string' ? pretty : '';

const now = (o: TestResponseOptions): Date => o.now ?? new Date();
const issuer = (o: TestResponseOptions): string => o.issuer ?? DEFAULT_IDP_ENTITY_ID;

const status = (s: string | StatusOption): XmlElement => {
  const { code, subCode, message } = typeof s === 'string' ? { code: s } : s;
  const sub = subCode === undefined ? [] : [el('samlp:StatusCode', { Value: subCode })];
  return el('samlp:Status', {}, [
    el('samlp:StatusCode', { Value: code }, sub),
    ...(message === undefined ? [] : [el('samlp:StatusMessage', {}, [message])]),
  ]);
};

const buildAssertion = (o: TestResponseOptions): { id: string; tree: XmlElement } => {
  const at = now(o);
  const id = o.assertionId ?? randomId();
  const expiry = addSeconds(at, o.validitySeconds ?? 300);
  const notOnOrAfter = o.notOnOrAfter === null ? undefined : instant(o.notOnOrAfter ?? expiry);
  const subjectExpiry =
    o.subjectNotOnOrAfter === null ? undefined : instant(o.subjectNotOnOrAfter ?? o.notOnOrAfter ?? expiry);
  const recipient = o.recipient === null ? undefined : (o.recipient ?? o.destination ?? TEST_SP.acsUrl);
  const audiences = o.audience === null ? [] : [o.audience ?? TEST_SP.entityId].flat();
  const format = o.nameIdFormat === undefined ? NAMEID_FORMAT.emailAddress : (o.nameIdFormat ?? undefined);
  const attributes = Object.entries(o.attributes ?? {});
  const tree = el(
    'saml:Assertion',
    {
      'xmlns:saml': NS.saml,
      'xmlns:xs': NS.xs,
      'xmlns:xsi': NS.xsi,
      ID: id,
      Version: '2.0',
      IssueInstant: instant(o.issueInstant ?? at),
    },
    [
      el('saml:Issuer', {}, [issuer(o)]),
      el('saml:Subject', {}, [
        el('saml:NameID', { Format: format }, [o.nameId ?? 'alice@example.test']),
        el('saml:SubjectConfirmation', { Method: BEARER }, [
          el('saml:SubjectConfirmationData', {
            InResponseTo: o.inResponseTo,
            NotOnOrAfter: subjectExpiry,
            Recipient: recipient,
          }),
        ]),
      ]),
      el(
        'saml:Conditions',
        {
          NotBefore: o.notBefore === null ? undefined : instant(o.notBefore ?? at),
          NotOnOrAfter: notOnOrAfter,
        },
        audiences.length === 0
          ? []
          : [
              el(
                'saml:AudienceRestriction',
                {},
                audiences.map((a) => el('saml:Audience', {}, [a])),
              ),
            ],
      ),
      ...(o.authnStatement === 'omit'
        ? []
        : [
            el(
              'saml:AuthnStatement',
              {
                AuthnInstant: instant(o.authnInstant ?? at),
                SessionIndex: o.sessionIndex === null ? undefined : (o.sessionIndex ?? randomId()),
                SessionNotOnOrAfter:
                  o.sessionNotOnOrAfter === undefined ? undefined : instant(o.sessionNotOnOrAfter),
              },
              [
                el('saml:AuthnContext', {}, [
                  el('saml:AuthnContextClassRef', {}, [o.authnContextClassRef ?? PASSWORD_PROTECTED]),
                ]),
              ],
            ),
          ]),
      ...(attributes.length === 0
        ? []
        : [
            el(
              'saml:AttributeStatement',
              {},
              attributes.map(([name, values]) =>
                el(
                  'saml:Attribute',
                  { Name: name, NameFormat: o.attributeNameFormat ?? ATTRNAME_UNSPECIFIED },
                  values.map((v) => el('saml:AttributeValue', { 'xsi:type': 'xs:string' }, [v])),
                ),
              ),
            ),
          ]),
    ],
  );
  return { id, tree };
};
