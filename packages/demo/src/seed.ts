/**
 * What the demo's directory starts with: an organization, the "Standard User" profile the IdP
 * form names, and a role. Seeding upserts by Id, so restarting the demo keeps the users it made.
 */
import type { DirectorySnapshot } from '@saml-jit/core';

export const DEMO_SEED: DirectorySnapshot = {
  Organization: {
    Id: '00D5g000000DEMOAAA',
    DefaultLocaleSidKey: 'en_US',
    TimeZoneSidKey: 'Europe/London',
    LanguageLocaleKey: 'en_US',
    DefaultCurrencyIsoCode: 'GBP',
    EmailEncodingKey: 'UTF-8',
  },
  Profile: [
    { Id: '00e5g000000STDUAAA', Name: 'Standard User' },
    { Id: '00e5g000000ADMNAAA', Name: 'System Administrator' },
  ],
  UserRole: [{ Id: '00E5g000000ENGRAAA', Name: 'Engineer' }],
  User: [],
  Contact: [],
  Account: [],
  Network: [],
  Portal: [],
  CustomField: [],
};
