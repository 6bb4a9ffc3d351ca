import type { BigIntStats } from 'node:fs';

const NS_PER_SECOND = 1_000_000_000n;

/**
 * ISO 8601 UTC with all nine fractional digits from nanoseconds since the epoch (what `lstat(p, { bigint: true })`
 * gives), e.g. `2024-03-15T05:22:05.123456789Z`. Null when the instant is outside what a Date can show.
 */
export function isoFromNs(ns: bigint): string | null {
  let seconds = ns / NS_PER_SECOND;
  let fraction = ns % NS_PER_SECOND;
  if (fraction < 0n) {
    fraction += NS_PER_SECOND;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  if (Number.isNaN(date.getTime())) return null;
  const whole = date.toISOString(); // always ends in `.000Z`: the seconds were whole
  return `${whole.slice(0, -5)}.${fraction.toString().padStart(9, '0')}Z`;
}

export interface StatRecord {
  size: number;
  mtime: string | null;
  ctime: string | null;
  atime: string | null;
  /** Null when the OS or file system does not record creation time (it reports 0). */
  birthtime: string | null;
  mode: number;
}

export function statRecord(st: BigIntStats): StatRecord {
  return {
    size: Number(st.size),
    mtime: isoFromNs(st.mtimeNs),
    ctime: isoFromNs(st.ctimeNs),
    atime: isoFromNs(st.atimeNs),
    birthtime: st.birthtimeNs === 0n ? null : isoFromNs(st.birthtimeNs),
    mode: Number(st.mode),
  };
}
