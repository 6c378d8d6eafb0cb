/**
 * Raw xml-crypto 6 `SignedXml.checkSignature`, used the way its README shows: decode, parse, find
 * the Signature, `loadSignature`, `checkSignature(xml)` — which parses the document again. The
 * certificate is given as PEM, as users pass it. Signature only: no SAML checks at all.
 */
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { type Contender, expectNameId } from '../contender.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

export const xmlCrypto: Contender = {
  id: 'xml-crypto',
  label: 'xml-crypto 6.3.2 checkSignature',
  kind: 'peer',
  prepare: async (input, { world }) => {
    if (input.protection.startsWith('encrypted')) {
      return { unsupported: 'xml-crypto verifies signatures only; it does not decrypt' };
    }
    const once = async () => {
      const xml = Buffer.from(input.base64, 'base64').toString('utf8');
      const doc = new DOMParser().parseFromString(xml, 'text/xml');
      const signature = doc.getElementsByTagNameNS(DSIG, 'Signature')[0];
      if (signature === undefined) throw new Error('xml-crypto: no Signature');
      const sig = new SignedXml({ publicCert: world.idp.certificatePem });
      sig.loadSignature(signature as never);
      if (!sig.checkSignature(xml)) throw new Error('xml-crypto: signature invalid');
      return expectNameId('xml-crypto', input, doc.getElementsByTagNameNS(SAML, 'NameID')[0]?.textContent);
    };
    return { run: once, check: once };
  },
};
