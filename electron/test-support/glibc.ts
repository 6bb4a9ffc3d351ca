import { execFileSync } from 'node:child_process';

/** Whether the system `iconv` (glibc) converts to/from this encoding: the reference for codecs Node lacks. */
export function glibcHas(encoding: string): boolean {
  try {
    return execFileSync('iconv', ['-l'], { encoding: 'utf8' })
      .split(/[\s,]+/)
      .includes(`${encoding}//`);
  } catch {
    return false;
  }
}

/** Encodes UTF-8 text with glibc's converter. */
export function glibcEncode(text: string, encoding: string): Uint8Array {
  return new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', encoding], { input: text, maxBuffer: 1 << 20 }));
}
