/**
 * Type-level test of the agreed cross-package API (/tmp/api.md as recorded in the issue): the
 * names and shapes other packages build against must not drift.
 */
import type { KeyObject } from 'node:crypto';
import type {
  Clock,
  ConfigFailure,
  OutstandingRequest,
  ReplayCache,
  RequestStore,
  StoreFailure,
  ValidationFailure,
  VerifiedAssertion,
} from '@saml-jit/core';
import type { Either } from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type DecryptionKey,
  type IdpMetadata,
  parseCertificate,
  parseIdpMetadata,
  parsePrivateKey,
  type TrustedCertificate,
  type ValidatedResponse,
  type ValidationDeps,
  type ValidationOptions,
  type ValidationRejection,
  validateResponse,
} from '../src/index.js';

describe('the agreed @saml-jit/saml API', () => {
  it('has the agreed shapes', () => {
    expectTypeOf<TrustedCertificate>().toEqualTypeOf<{
      readonly pem: string;
      readonly key: KeyObject;
      readonly sha1Fingerprint: string;
      readonly sha256Fingerprint: string;
      readonly notBefore: Date;
      readonly notAfter: Date;
    }>();
    expectTypeOf<DecryptionKey>().toEqualTypeOf<{ readonly key: KeyObject }>();
    expectTypeOf<IdpMetadata>().toEqualTypeOf<{
      readonly entityId: string;
      readonly signingCertificates: readonly TrustedCertificate[];
      readonly ssoServices: readonly { readonly binding: string; readonly location: string }[];
    }>();
    expectTypeOf(parseCertificate).toEqualTypeOf<
      (input: string | Uint8Array) => Either<ConfigFailure, TrustedCertificate>
    >();
    expectTypeOf(parsePrivateKey).toEqualTypeOf<(pem: string) => Either<ConfigFailure, DecryptionKey>>();
    expectTypeOf(parseIdpMetadata).toBeCallableWith('<xml/>');
    expectTypeOf(parseIdpMetadata).returns.toEqualTypeOf<Either<ConfigFailure, IdpMetadata>>();
    expectTypeOf<ValidationDeps>().toEqualTypeOf<{
      readonly clock: Clock;
      readonly replayCache: ReplayCache;
      readonly requestStore: RequestStore;
    }>();
    expectTypeOf<ValidatedResponse['assertion']>().toEqualTypeOf<VerifiedAssertion>();
    expectTypeOf<ValidatedResponse['request']>().toEqualTypeOf<OutstandingRequest | null>();
    expectTypeOf<ValidationRejection['error']>().toEqualTypeOf<
      ValidationFailure | StoreFailure | ConfigFailure
    >();
    expectTypeOf(validateResponse).toEqualTypeOf<
      (
        input: string | Uint8Array,
        options: ValidationOptions,
        deps: ValidationDeps,
      ) => TaskEither<ValidationRejection, ValidatedResponse>
    >();
  });
  it('has the agreed options (and only optional additions)', () => {
    expectTypeOf<Pick<ValidationOptions, 'connection' | 'idpEntityId' | 'spEntityId'>>().toEqualTypeOf<{
      readonly connection: string;
      readonly idpEntityId: string;
      readonly spEntityId: string;
    }>();
    expectTypeOf<ValidationOptions['acsUrl']>().toEqualTypeOf<string | null>();
    expectTypeOf<ValidationOptions['idpCertificates']>().toEqualTypeOf<readonly TrustedCertificate[]>();
    expectTypeOf<ValidationOptions['signaturePolicy']>().toEqualTypeOf<
      'any' | 'assertion' | 'response' | 'both' | undefined
    >();
    expectTypeOf<ValidationOptions['maxBytes']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ValidationOptions['decryptionKeys']>().toEqualTypeOf<readonly DecryptionKey[] | undefined>();
  });
});
