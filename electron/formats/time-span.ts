/**
 * ExifTool's ConvertTimeSpan: a duration in seconds (`value` × `mult`) as `45 seconds`, `4.4 minutes`, `2.1 hours`
 * or `3.0 days`. Minutes are whole when the value was counted in minutes or coarser; zero stays as it is.
 */
export function convertTimeSpan(value: number, mult?: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  const seconds = mult ? value * mult : value;
  if (seconds < 60) return `${seconds} seconds`;
  if (seconds < 3600) {
    const minutes = seconds / 60;
    const shown = mult && mult >= 60 ? String(Math.trunc(minutes)) : minutes.toFixed(1);
    return `${shown} minute${seconds === 60 && mult ? '' : 's'}`;
  }
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} hours`;
  return `${(seconds / 86400).toFixed(1)} days`;
}
