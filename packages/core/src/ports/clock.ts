/** Time, injected: no rule reads the system clock itself, so tests pin it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that always answers `at`. */
export const fixedClock = (at: Date): Clock => ({ now: () => new Date(at.getTime()) });
