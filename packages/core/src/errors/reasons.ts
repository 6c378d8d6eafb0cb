/**
 * Salesforce's Login History reasons for a failed SAML login. Every failure in saml-jit maps to
 * exactly one of these (see {@link REASON_OF}), so operators see the words they already know.
 */
export const LOGIN_HISTORY_REASONS = [
  'Assertion Expired',
  'Assertion Invalid',
  'Audience Invalid',
  'Configuration Error/Perm Disabled',
  'Issuer Mismatched',
  'Recipient Mismatched',
  'Replay Detected',
  'Signature Invalid',
  'Subject Confirmation Error',
  'SAML Provision Error',
] as const;

export type LoginHistoryReason = (typeof LOGIN_HISTORY_REASONS)[number];
