/** The `--jit-config` of the `provision` tests: standard JIT, Federation ID in the subject. */
export const JIT = {
  identityMapping: 'FederationId',
  identityLocation: 'SubjectNameId',
  attributeName: null,
  userProvisioning: true,
  errorUrl: null,
};

/** The org directory the `provision` tests provision against (the `--directory` format). */
export const ORG = {
  Organization: {
    Id: '00D000000000001',
    DefaultLocaleSidKey: 'en_US',
    TimeZoneSidKey: 'America/Los_Angeles',
    LanguageLocaleKey: 'en_US',
    DefaultCurrencyIsoCode: 'USD',
    EmailEncodingKey: 'UTF-8',
  },
  Profile: [{ Id: '00e000000000001', Name: 'Standard User' }],
  UserRole: [{ Id: '00E000000000001', Name: 'CEO' }],
  User: [
    {
      Id: '005000000000901',
      Username: 'owner@acme.test',
      FederationIdentifier: null,
      Email: 'owner@acme.test',
      LastName: 'Owner',
      ProfileId: '00e000000000001',
      UserRoleId: '00E000000000001',
      IsActive: true,
    },
    {
      Id: '005000000000902',
      Username: 'sleeper@acme.test',
      FederationIdentifier: 'sleeper',
      Email: 'sleeper@acme.test',
      LastName: 'Sleeper',
      ProfileId: '00e000000000001',
      UserRoleId: null,
      IsActive: false,
    },
  ],
  Account: [{ Id: '001000000000901', Name: 'Acme', AccountNumber: 'ACME-1', OwnerId: '005000000000901' }],
  Network: [{ Id: '0DB000000000001' }],
  CustomField: [
    { Object: 'User', Name: 'Badge__c', Type: 'Text' },
    { Object: 'User', Name: 'Tags__c', Type: 'MultiselectPicklist' },
  ],
};
