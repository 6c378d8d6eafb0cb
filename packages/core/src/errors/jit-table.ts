/**
 * Salesforce's Just-in-Time provisioning error table (help: "Just-in-Time Provisioning Errors").
 * Codes 7, 10, 21 and 29 are absent from Salesforce's table and stay unused here. The fine-grained
 * code of a JIT failure is its Error Details token, so `switch (e.code)` narrows on it.
 */
export const JIT_ERRORS = {
  MISSING_FEDERATION_ID: { errorCode: 1, description: 'Missing Federation Identifier' },
  MISMATCH_FEDERATION_ID: { errorCode: 2, description: 'Mis-matched Federation Identifier' },
  INVALID_ORG_ID: { errorCode: 3, description: 'Invalid organization ID' },
  USER_CREATION_FAILED_ON_UROG: { errorCode: 4, description: 'Unable to acquire lock' },
  USER_CREATION_API_ERROR: { errorCode: 5, description: 'Unable to create user' },
  ADMIN_CONTEXT_NOT_ESTABLISHED: { errorCode: 6, description: 'Unable to establish admin context' },
  UNRECOGNIZED_CUSTOM_FIELD: { errorCode: 8, description: 'Unrecognized custom field' },
  UNRECOGNIZED_STANDARD_FIELD: { errorCode: 9, description: 'Unrecognized standard field' },
  LICENSE_LIMIT_EXCEEDED: { errorCode: 11, description: 'License limit exceeded' },
  MISMATCH_FEDERATION_ID_AND_USERNAME_ATTRS: {
    errorCode: 12,
    description: 'Federation ID and username do not match',
  },
  UNSUPPORTED_VERSION: { errorCode: 13, description: 'Unsupported provision API version' },
  USER_NAME_CHANGE_NOT_ALLOWED: { errorCode: 14, description: "Username change isn't allowed" },
  UNSUPPORTED_CUSTOM_FIELD_TYPE: { errorCode: 15, description: "Custom field type isn't supported" },
  PROFILE_NAME_LOOKUP_ERROR: {
    errorCode: 16,
    description: 'Unable to map a unique profile ID for the given profile name',
  },
  ROLE_NAME_LOOKUP_ERROR: {
    errorCode: 17,
    description: 'Unable to map a unique role ID for the given role name',
  },
  INVALID_ACCOUNT_ID: { errorCode: 18, description: 'Invalid account' },
  MISSING_ACCOUNT_NAME: { errorCode: 19, description: 'Missing account name' },
  MISSING_ACCOUNT_NUMBER: { errorCode: 20, description: 'Missing account number' },
  ACCOUNT_CREATION_API_ERROR: { errorCode: 22, description: 'Unable to create account' },
  INVALID_CONTACT: { errorCode: 23, description: 'Invalid contact' },
  MISSING_CONTACT_EMAIL: { errorCode: 24, description: 'Missing contact email' },
  MISSING_CONTACT_LAST_NAME: { errorCode: 25, description: 'Missing contact last name' },
  CONTACT_CREATION_API_ERROR: { errorCode: 26, description: 'Unable to create contact' },
  MULTIPLE_CONTACTS_FOUND: { errorCode: 27, description: 'Multiple matching contacts found' },
  MULTIPLE_ACCOUNTS_FOUND: { errorCode: 28, description: 'Multiple matching accounts found' },
  INVALID_ACCOUNT_OWNER: { errorCode: 30, description: 'Invalid account owner' },
} as const satisfies Record<string, { readonly errorCode: number; readonly description: string }>;

/** A JIT failure's fine-grained code: the Error Details token of Salesforce's table. */
export type JitCode = keyof typeof JIT_ERRORS;
/** The numeric `ErrorCode` URL parameter. */
export type JitErrorNumber = (typeof JIT_ERRORS)[JitCode]['errorCode'];

export const JIT_CODES = Object.keys(JIT_ERRORS) as readonly JitCode[];
