/**
 * What the runner measures: a contender prepared for one input. `run` does one complete operation
 * and throws unless it succeeded — every timed operation is checked, so a contender that fails
 * fast can never pass for a fast one. `check` runs once before timing and says what it returned.
 */
import type { BenchInput, BenchWorld, InputFactory } from './inputs.js';

/** The row groups of the table. */
export type ContenderKind = 'floor' | 'ours' | 'login' | 'peer' | 'refusal';

export interface Prepared {
  /** One operation; rejects/throws on any failure. */
  run(): unknown;
  /** Runs once before any timing; throws unless the result is right; resolves to what it read. */
  check(): Promise<string>;
  /** Most operations per round (pools of distinct responses); unbounded when absent. */
  readonly maxOpsPerRound?: number;
  /** Called before each round, outside the timed region (e.g. a fresh replay cache). */
  beforeRound?(): Promise<void> | void;
  /** Releases resources (database handles) after the run. */
  close?(): Promise<void> | void;
}

/** A contender that cannot process this input, and why (shown in the table instead of a figure). */
export interface Unsupported {
  readonly unsupported: string;
}

export interface ContenderContext {
  readonly world: BenchWorld;
  readonly factory: InputFactory;
  /** A directory for scratch files (SQLite databases), removed after the run. */
  readonly scratch: string;
  /** Smoke run: smallest pools, so preparing is quick. */
  readonly quick: boolean;
}

export interface Contender {
  readonly id: string;
  readonly label: string;
  readonly kind: ContenderKind;
  /** Included in the quick (smoke) run. Default true. */
  readonly quick?: boolean;
  prepare(input: BenchInput, ctx: ContenderContext): Promise<Prepared | Unsupported>;
}

export const isUnsupported = (p: Prepared | Unsupported): p is Unsupported => 'unsupported' in p;

/** Throws with the contender's name when its result is not the expected NameID. */
export const expectNameId = (who: string, input: BenchInput, got: unknown): string => {
  if (got !== input.nameId) {
    throw new Error(
      `${who} returned NameID ${JSON.stringify(got)} for ${input.id}, expected ${input.nameId}`,
    );
  }
  return input.nameId;
};
