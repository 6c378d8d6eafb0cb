/**
 * Type-level test of the agreed provisioning API (/tmp/api.md): `provision`'s signature, the
 * outcome's shape and the failure union, checked by the compiler through vitest's expectTypeOf.
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ConfigFailure,
  JitFailure,
  ProvisionContext,
  ProvisionDeps,
  ProvisionOutcome,
  RecordOutcome,
  SObjectRecord,
  StoreFailure,
  VerifiedAssertion,
} from '../src/index.js';
import { provision } from '../src/index.js';

describe('the provisioning API', () => {
  it('provision: (assertion, ctx, deps) => TaskEither<JitFailure | StoreFailure | ConfigFailure, ProvisionOutcome>', () => {
    expectTypeOf(provision).parameters.toEqualTypeOf<[VerifiedAssertion, ProvisionContext, ProvisionDeps]>();
    expectTypeOf(provision).returns.toEqualTypeOf<
      TaskEither<JitFailure | StoreFailure | ConfigFailure, ProvisionOutcome>
    >();
  });

  it('ProvisionOutcome has the agreed fields', () => {
    expectTypeOf<ProvisionOutcome['action']>().toEqualTypeOf<'create' | 'update' | 'login'>();
    expectTypeOf<ProvisionOutcome['user']>().toEqualTypeOf<SObjectRecord>();
    expectTypeOf<ProvisionOutcome['contact']>().toEqualTypeOf<RecordOutcome | null>();
    expectTypeOf<RecordOutcome['action']>().toEqualTypeOf<'create' | 'update' | 'none'>();
  });

  it('a plain object is not a VerifiedAssertion', () => {
    expectTypeOf<{ issuer: string }>().not.toMatchTypeOf<VerifiedAssertion>();
  });
});
