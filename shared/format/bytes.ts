const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Binary units (1 KiB = 1024 B), one decimal below 100 of a unit: `1536` → `1.5 KiB`; unknown sizes → `—`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 0) return `-${formatBytes(-bytes)}`;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${value} B`;
  const rounded = value >= 100 ? value.toFixed(0) : value.toFixed(1);
  // 1023.96 KiB rounds to "1024.0"; carry into the next unit instead.
  if (Number(rounded) >= 1024 && unit < UNITS.length - 1) return `1.0 ${UNITS[unit + 1]}`;
  return `${rounded} ${UNITS[unit]}`;
}

/** A throughput in the same units: `10.4 MiB/s`. */
export function formatByteRate(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond === null || bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond)) return '—';
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}
