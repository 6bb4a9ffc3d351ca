/** Internal failures go to stderr with their stack; users only ever see the one-line message. */
export function logError(context: string, e: unknown): void {
  const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.stderr.write(`[workbench] ${context}: ${detail}\n`);
}
