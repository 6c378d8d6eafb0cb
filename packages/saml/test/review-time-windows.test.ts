/**
 * Security review: time windows and instants. SAML Core 2.5.1.2 and 2.4.1.2 require NotBefore to
 * be earlier than NotOnOrAfter; an inverted window is never valid, yet the skew on both ends let
 * it pass. Instants beyond the range of a JavaScript Date made the validator throw (its replay
 * expiry could not be written), and the catch-all reported that defect under a structure code,
 * which also hid it from the "never throws" property test. Defects now carry
 * VALIDATION_INTERNAL_ERROR, as documented.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { validateResponse } from '../src/index.js';
import { at, baseOptions, codeOf, first, freshPorts, idp, NOW, NS, validate } from './support/world.js';

describe('time windows (review)', () => {
  it('Conditions NotBefore after NotOnOrAfter, both within the skew → ASSERTION_STRUCTURE_INVALID', async () => {
    const xml = idp.response({
      now: NOW,
      sign: 'assertion',
      notBefore: at(NOW, 100),
      notOnOrAfter: at(NOW, -100),
      subjectNotOnOrAfter: at(NOW, 300),
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_STRUCTURE_INVALID');
  });
  it('SubjectConfirmationData NotBefore after NotOnOrAfter, both within the skew → ASSERTION_STRUCTURE_INVALID', async () => {
    const xml = idp.response({
      now: NOW,
      sign: 'assertion',
      subjectNotOnOrAfter: at(NOW, -100),
      beforeSign: (doc) =>
        first(doc, NS.saml, 'SubjectConfirmationData').setAttribute('NotBefore', at(NOW, 100).toISOString()),
    });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_STRUCTURE_INVALID');
  });
  it('NotOnOrAfter beyond the Date range (year 275760) is refused as a bad instant, not a validator defect', async () => {
    for (const late of ['275760-09-13T00:00:00Z', '+275760-09-13T00:00:00Z', '10000-01-01T00:00:00Z']) {
      const xml = idp.response({
        now: NOW,
        sign: 'assertion',
        notOnOrAfter: late,
        subjectNotOnOrAfter: late,
      });
      const o = await validate(xml);
      expect(codeOf(o)).toBe('ASSERTION_STRUCTURE_INVALID');
      if (E.isRight(o)) throw new Error('accepted');
      expect(o.left.report.checks.map((c) => c.name)).not.toContain('internal');
    }
  });
  it('a defect inside the validator answers VALIDATION_INTERNAL_ERROR (fail closed, as documented)', async () => {
    const options = Object.defineProperty({ ...baseOptions() }, 'spEntityId', {
      get: () => {
        throw new Error('defect');
      },
    });
    const o = await validateResponse(idp.response({ now: NOW, sign: 'assertion' }), options, freshPorts())();
    expect(codeOf(o)).toBe('VALIDATION_INTERNAL_ERROR');
  });
});
