import { describe, expect, it } from 'vitest';
import { EtaEstimator } from './eta';

/** Feeds an estimator readings every 250 ms of a simulated phase; `doneAt(t)` gives files and bytes done at second t. */
function run(
  seconds: number,
  total: { files: number; bytes: number },
  doneAt: (t: number) => { files: number; bytes: number },
): { t: number; eta: number | null }[] {
  const eta = new EtaEstimator();
  const readings: { t: number; eta: number | null }[] = [];
  for (let t = 0.25; t <= seconds + 1e-9; t += 0.25) readings.push({ t, eta: eta.update(t, doneAt(t), total) });
  return readings;
}

describe('EtaEstimator', () => {
  it('says "estimating" at first, then counts down close to the truth at a steady pace', () => {
    const readings = run(100, { files: 1000, bytes: 1e9 }, (t) => ({ files: t * 10, bytes: t * 1e7 }));
    expect(readings.filter((r) => r.t < 3).every((r) => r.eta === null)).toBe(true);
    const at = (t: number): number | null => readings.find((r) => Math.abs(r.t - t) < 1e-9)?.eta ?? null;
    for (const t of [10, 50, 90]) expect(Math.abs((at(t) ?? Infinity) - (100 - t)), `at ${t} s`).toBeLessThan(3);
    expect(at(100)).toBe(0);
  });

  it('is not misled when files and bytes go at different paces (small files first, one large file last)', () => {
    // 990 small files of 1 KB over the first 60 s, then one 1 GB file over the last 40 s.
    const readings = run(100, { files: 991, bytes: 990_000 + 1e9 }, (t) =>
      t <= 60 ? { files: (t / 60) * 990, bytes: (t / 60) * 990_000 } : { files: 990, bytes: 990_000 + ((t - 60) / 40) * 1e9 },
    );
    const late = readings.filter((r) => r.t >= 90 && r.t < 100).map((r) => r.eta ?? 0);
    // In the last ten seconds the estimate is within seconds of what remains (at second 60 a byte rate alone said 17 hours).
    expect(Math.max(...late)).toBeLessThan(20);
    const shown = readings.filter((r) => r.eta !== null);
    expect(shown.length).toBeGreaterThan(0);
    // Once shown, it stays shown.
    expect(readings.slice(readings.indexOf(shown[0]!)).every((r) => r.eta !== null)).toBe(true);
  });

  it('starts over for a new phase', () => {
    const eta = new EtaEstimator();
    for (let t = 0.25; t <= 20; t += 0.25) eta.update(t, { files: t, bytes: t }, { files: 40, bytes: 40 });
    eta.reset();
    expect(eta.update(1, { files: 1, bytes: 1 }, { files: 40, bytes: 40 })).toBeNull();
  });
});
