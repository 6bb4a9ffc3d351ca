/** No estimate before a phase has run this long: the first seconds are worker start-up, not the job's pace. */
const WARM_UP_SECONDS = 3;
/** Nor before this share of the work is done: a rate taken over a few files says little about the rest. */
const MIN_FRACTION = 0.02;
/** Weight of each new reading in the smoothed estimate (progress events come about every 250 ms). */
const SMOOTHING = 0.2;
/** The estimate is shown once this many readings in a row agree with it within STABLE_SPREAD. */
const STABLE_READINGS = 4;
const STABLE_SPREAD = 0.3;

/**
 * Time left in a phase, from how much of it is done. Files and bytes count half each: a phase of many small files
 * is paced by files, one of a few large ones by bytes, and either alone misjudges the other (the byte rate of a
 * phase's small-file start once read 16,000 s two seconds before the end). The reading is smoothed and held back
 * ("estimating", null) until it is stable, so it never jumps about while the pace settles.
 */
export class EtaEstimator {
  private smoothed: number | null = null;
  private agreeing = 0;
  /** Once shown, the estimate stays shown (smoothed) rather than flickering back to "estimating". */
  private settled = false;

  /** Forgets the previous phase. */
  reset(): void {
    this.smoothed = null;
    this.agreeing = 0;
    this.settled = false;
  }

  /** Seconds left, or null while estimating. `elapsedSeconds` counts from the start of the phase. */
  update(elapsedSeconds: number, done: { files: number; bytes: number }, total: { files: number; bytes: number }): number | null {
    const share = (d: number, t: number): number => (t > 0 ? Math.min(1, d / t) : 1);
    const fraction = (share(done.files, total.files) + share(done.bytes, total.bytes)) / 2;
    if (fraction >= 1) return 0;
    if (elapsedSeconds < WARM_UP_SECONDS || fraction < MIN_FRACTION) return null;
    const reading = (elapsedSeconds * (1 - fraction)) / fraction;
    const previous = this.smoothed;
    this.smoothed = previous === null ? reading : previous + SMOOTHING * (reading - previous);
    const agrees = Math.abs(reading - this.smoothed) <= STABLE_SPREAD * Math.max(this.smoothed, 1);
    this.agreeing = agrees ? this.agreeing + 1 : 0;
    this.settled ||= this.agreeing >= STABLE_READINGS;
    return this.settled ? Math.max(0, this.smoothed) : null;
  }
}
