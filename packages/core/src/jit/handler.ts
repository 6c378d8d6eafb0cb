/**
 * The custom handler port: Salesforce's `Auth.SamlJitHandler` (spec §6.1, §9.9), used instead of
 * the standard rules when the connection's `provisioningType` is `custom`. The platform still
 * looks the user up by federation ID and calls `updateUser` when one matched, else `createUser`.
 *
 * The methods take Salesforce's arguments in Salesforce's order (an Apex handler ports line by
 * line), plus a last `services` argument for what Apex gets from the platform (queries, new IDs).
 * A handler does not write: it *answers* the user to create or the changes to make, with any
 * Contact and Account writes, and the program commits them in one unit of work after checking
 * them as a database would (`jit/handler-result.ts`). To refuse a login, throw a `JitException`
 * (or return a `JitFailure`); anything else thrown becomes error 5 without leaking its message.
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { JitFailure } from '../errors/error.js';
import type { JitCode } from '../errors/jit-table.js';
import type {
  Absence,
  FieldValue,
  LookupFields,
  Organization,
  SObjectRecord,
  SObjectType,
  WritableSObject,
} from '../model/records.js';

/**
 * The assertion's attributes, as Apex's `Map<String,String>`: `get` answers one value per name
 * (the first, in document order); `getAll` every value (group lists). Case-sensitive, and a
 * `Map`, so any name (`__proto__`) is an ordinary key. When the assertion arrived encrypted,
 * `Sfdc.SamlAssertion` holds the decrypted assertion XML; an attribute of that name sent by the
 * IdP is never passed on.
 */
export interface HandlerAttributes extends ReadonlyMap<string, string> {
  /** Every value of `name` in document order; empty when it was not sent. */
  getAll(name: string): readonly string[];
}

/** The name under which a handler finds the decrypted assertion (spec §6.1). */
export const SFDC_SAML_ASSERTION = 'Sfdc.SamlAssertion';

/** A record's fields by Salesforce API name. */
export type HandlerFields = Readonly<Record<string, FieldValue>>;

/** A Contact or Account write the handler wants committed with the user. */
export type HandlerWrite =
  | {
      readonly op: 'insert';
      readonly sobject: 'Contact' | 'Account';
      /** The new record; give it an `Id` from `services.newId` to reference it (`User.ContactId`). */
      readonly record: HandlerFields;
    }
  | {
      readonly op: 'update';
      readonly sobject: 'Contact' | 'Account';
      readonly id: string;
      readonly fields: HandlerFields;
    };

/**
 * saml-jit's addition: a key the handler found unused and relies on, checked at commit (as the
 * standard rules' own, `WritePlan.absent`). If a record that existed before the commit has it by
 * then (a concurrent login of another identity created it), nothing is written and the login is
 * decided again from fresh reads: the handler is called again and finds that record.
 */
export type HandlerAbsence = Absence;

/** `createUser`'s answer: the new user (no `Id`: the platform assigns it) and its related writes. */
export interface HandlerCreateResult {
  readonly user: HandlerFields;
  /** Applied before the user, in order, in the same unit of work. */
  readonly writes?: readonly HandlerWrite[];
  /**
   * Keys the writes rely on being unused (e.g. the `AccountNumber` of an account inserted because
   * `services.find` found none), checked atomically with them.
   */
  readonly absent?: readonly HandlerAbsence[];
}

/** `updateUser`'s answer: the user fields to change (none: `{}` or nothing) and related writes. */
export interface HandlerUpdateResult {
  readonly user?: HandlerFields;
  readonly writes?: readonly HandlerWrite[];
  readonly absent?: readonly HandlerAbsence[];
}

/** What the platform gives a handler besides Salesforce's arguments. */
export interface HandlerServices {
  /** Rows of `sobject` whose `field` equals `value` exactly. Rejects when the store fails: let it. */
  find<T extends SObjectType>(
    sobject: T,
    field: LookupFields[T],
    value: string,
  ): Promise<readonly SObjectRecord[]>;
  /** A new record ID with the sObject's key prefix, for a record the handler inserts. */
  newId(sobject: WritableSObject): string;
  /** The organization's defaults (locale, time zone…). */
  readonly organization: Organization;
  /** The login's instant (the injected clock). */
  readonly now: Date;
}

/**
 * What a handler method may return: the result, or a `JitFailure` to refuse, directly, as a
 * Promise (an `async` method) or as an fp-ts `TaskEither`.
 */
export type HandlerAnswer<A> = A | JitFailure | Promise<A | JitFailure> | TaskEither<JitFailure, A>;

/**
 * Salesforce's `Auth.SamlJitHandler`.
 * @example
 * const handler: SamlJitHandler = {
 *   createUser: (_sso, _community, _portal, federationId, attributes) => ({
 *     user: { Username: federationId, Email: attributes.get('mail') ?? null, LastName: attributes.get('sn') ?? null,
 *             ProfileId: '00e000000000001AAA' },
 *   }),
 *   updateUser: (_userId, _sso, _community, _portal, _fed, attributes) => ({ user: { Title: attributes.get('title') ?? null } }),
 * };
 */
export interface SamlJitHandler {
  createUser(
    samlSsoProviderId: string,
    communityId: string | null,
    portalId: string | null,
    federationId: string,
    attributes: HandlerAttributes,
    assertion: string,
    services: HandlerServices,
  ): HandlerAnswer<HandlerCreateResult>;
  updateUser(
    userId: string,
    samlSsoProviderId: string,
    communityId: string | null,
    portalId: string | null,
    federationId: string,
    attributes: HandlerAttributes,
    assertion: string,
    services: HandlerServices,
  ): HandlerAnswer<HandlerUpdateResult | undefined>;
  /** How long one call may take before the login is refused (default 10 000 ms). */
  readonly timeoutMs?: number;
}

/**
 * Apex's `JitException`: throw it to refuse a login with a JIT error redirect. Without a `code`
 * it is 5 `USER_CREATION_API_ERROR` with the message as `ErrorDetails` (so write messages that
 * can be shown to the user: no personal data); with a `code`, `ErrorDetails` is that code's token
 * unless `errorDetails` says otherwise.
 * @example
 * throw new JitException('Could not find account', { code: 'INVALID_ACCOUNT_ID' });
 */
export class JitException extends Error {
  readonly code: JitCode;
  readonly errorDetails: string;
  constructor(message: string, opts: { readonly code?: JitCode; readonly errorDetails?: string } = {}) {
    super(message);
    this.name = 'JitException';
    this.code = opts.code ?? 'USER_CREATION_API_ERROR';
    this.errorDetails = opts.errorDetails ?? (opts.code === undefined ? message : opts.code);
  }
}
