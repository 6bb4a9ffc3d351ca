/** Every byte is 7-bit, so any ASCII-compatible encoding (UTF-8, Latin-1, the CJK code pages) reads the same text. */
export function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}
