import type { ReadStage, ReadTimings } from '@passport-reader/contract';
import { round } from './result-parts.js';

/** Adds the time since `since` to a stage and hands `value` through (so a call can wrap an expression). */
export type Lap = <T>(stage: ReadStage, value: T, since: number) => T;

/**
 * The time a reading spends in each stage. The search interleaves the stages (every pass and every
 * group of lines is located, rectified, recognised and corrected in turn), so each stage's time
 * adds up over its runs.
 */
export class StageClock {
  private readonly started = performance.now();
  private readonly spent: Record<ReadStage, number> = {
    decode: 0,
    locate: 0,
    rectify: 0,
    recognise: 0,
    correct: 0,
    trust: 0,
  };

  readonly lap: Lap = (stage, value, since) => {
    this.spent[stage] += performance.now() - since;
    return value;
  };

  /** Runs one step of a stage and counts its time. */
  async time<T>(stage: ReadStage, step: () => T | Promise<T>): Promise<T> {
    const since = performance.now();
    return this.lap(stage, await step(), since);
  }

  /** Each stage's milliseconds and the total so far, to 0.1 ms. */
  timings(): ReadTimings {
    const timings: ReadTimings = { total: performance.now() - this.started, ...this.spent };
    for (const key of Object.keys(timings) as Array<keyof ReadTimings>)
      timings[key] = round(timings[key]!, 1);
    return timings;
  }
}
