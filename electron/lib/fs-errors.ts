const messages: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a path component is not a folder',
  EISDIR: 'is a folder',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'name too long',
  EBUSY: 'resource busy',
  EMFILE: 'too many open files',
};

export const errnoCode = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;

/** One readable line for a Node file-system error, without a stack. */
export function describeFsError(e: unknown, subject: string): string {
  const known = messages[errnoCode(e) ?? ''];
  return `${subject}: ${known ?? (e instanceof Error ? e.message : String(e))}`;
}
