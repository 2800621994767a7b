/** The only place patchplan reads the time; the engine receives `now` as a value. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {now: () => new Date()};
