/**
 * The custom handler port: Salesforce's `Auth.SamlJitHandler` (spec §6.1, §9.9), used instead of
 * the standard rules when the connection's `provisioningType` is `custom`. Its behaviour (how its
 * answers become a `JitDecision`) belongs to the custom-handler rules; this is only the shape.
 * The platform still does the federation-ID lookup and calls `updateUser` when a user matched,
 * else `createUser`.
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { JitFailure } from '../errors/error.js';
import type { FieldValue } from '../model/records.js';

/** The arguments Salesforce passes to both handler methods. */
export interface SamlJitHandlerInput {
  readonly samlSsoProviderId: string;
  readonly communityId: string | null;
  readonly portalId: string | null;
  readonly federationId: string;
  /**
   * One value per attribute name (case-sensitive), plus the decrypted assertion under
   * `Sfdc.SamlAssertion` when it arrived encrypted. A null-prototype object.
   */
  readonly attributes: Readonly<Record<string, string>>;
  /** The SAMLResponse as received, base64 (still encrypted when it was). */
  readonly assertion: string;
}

export interface SamlJitHandler {
  /** The user to create (its fields; an `Id` is assigned when it has none). */
  createUser(input: SamlJitHandlerInput): TaskEither<JitFailure, Readonly<Record<string, FieldValue>>>;
  /** The changes to apply to the existing user `userId`. */
  updateUser(
    userId: string,
    input: SamlJitHandlerInput,
  ): TaskEither<JitFailure, Readonly<Record<string, FieldValue>>>;
}
