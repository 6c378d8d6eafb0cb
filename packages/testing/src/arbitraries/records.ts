/**
 * fast-check arbitraries for directory records: field values of every kind a `SObjectRecord`
 * holds, custom fields, and User, Contact and Account records with Salesforce's field names.
 */
import type { FieldValue, Organization, SObjectRecord, WritableSObject } from '@saml-jit/core';
import fc from 'fast-check';
import { recordIdArb, xmlTextArb } from './text.js';

/**
 * A field value: text, a finite number (never `-0` or NaN, which JSON cannot carry), a boolean
 * or null.
 */
export const fieldValueArb: fc.Arbitrary<FieldValue> = fc.oneof(
  { weight: 4, arbitrary: xmlTextArb() },
  { weight: 1, arbitrary: fc.integer() },
  {
    weight: 1,
    arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** A custom field API name: `Badge__c`, `Cost_Center__c`… */
export const customFieldNameArb: fc.Arbitrary<string> = fc
  .stringMatching(/^[A-Z][A-Za-z0-9]{0,10}(_[A-Za-z0-9]{1,6})?$/)
  .map((s) => `${s}__c`);

const customFieldsArb = fc.dictionary(customFieldNameArb, fieldValueArb, { maxKeys: 3 });

const emailArb = fc
  .tuple(xmlTextArb({ minLength: 1, maxLength: 12 }), fc.constantFrom('example.com', 'acme.test'))
  .map(([local, domain]) => `${local}@${domain}`);

/** A User record as JIT writes it (plus custom fields). FederationIdentifier and Username set. */
export const userRecordArb: fc.Arbitrary<SObjectRecord> = fc
  .tuple(
    fc.record({
      Id: recordIdArb('User'),
      FederationIdentifier: xmlTextArb({ minLength: 1 }),
      Username: emailArb,
      Email: emailArb,
      LastName: xmlTextArb({ minLength: 1 }),
      FirstName: fc.option(xmlTextArb(), { nil: null }),
      IsActive: fc.boolean(),
      ProfileId: fc.constant('00e000000000001AAA'),
    }),
    customFieldsArb,
  )
  .map(([std, custom]) => ({ ...custom, ...std }));

/** A Contact record (plus custom fields). */
export const contactRecordArb: fc.Arbitrary<SObjectRecord> = fc
  .tuple(
    fc.record({
      Id: recordIdArb('Contact'),
      Email: emailArb,
      LastName: xmlTextArb({ minLength: 1 }),
      AccountId: fc.option(recordIdArb('Account'), { nil: null }),
    }),
    customFieldsArb,
  )
  .map(([std, custom]) => ({ ...custom, ...std }));

/** An Account record (plus custom fields). */
export const accountRecordArb: fc.Arbitrary<SObjectRecord> = fc
  .tuple(
    fc.record({
      Id: recordIdArb('Account'),
      Name: xmlTextArb({ minLength: 1 }),
      AccountNumber: fc.option(xmlTextArb({ minLength: 1 }), { nil: null }),
    }),
    customFieldsArb,
  )
  .map(([std, custom]) => ({ ...custom, ...std }));

/**
 * A record of one of the sObjects provisioning writes.
 * @example
 * fc.assert(fc.asyncProperty(recordArb('User'), async (user) => { … }));
 */
export const recordArb = (sobject: WritableSObject): fc.Arbitrary<SObjectRecord> =>
  sobject === 'User' ? userRecordArb : sobject === 'Contact' ? contactRecordArb : accountRecordArb;

/** An organization's defaults. */
export const organizationArb: fc.Arbitrary<Organization> = fc.record({
  Id: fc.constantFrom('00D000000000001AAA', '00D5g000004ZbCdEAK'),
  DefaultLocaleSidKey: fc.constantFrom('en_US', 'de_DE', 'fr_FR', 'ja_JP'),
  TimeZoneSidKey: fc.constantFrom('America/Los_Angeles', 'Europe/Paris', 'Asia/Tokyo', 'GMT'),
  LanguageLocaleKey: fc.constantFrom('en_US', 'de', 'fr', 'ja'),
  DefaultCurrencyIsoCode: fc.constantFrom('USD', 'EUR', 'JPY'),
  EmailEncodingKey: fc.constantFrom('UTF-8', 'ISO-8859-1'),
});
