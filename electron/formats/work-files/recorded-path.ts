import type { RecordedPath } from '../../../shared/domain/extraction';
import { STRUCTURE_LIMITS } from '../../../shared/domain/extraction';

/**
 * File paths that work files record (linked footage, smart-object sources, render outputs) split into the parts
 * that identify a machine and a person. A path is only ever text here: nothing is resolved, opened or followed.
 */

/** Folders whose child is a person's home folder, by path style. */
const HOME_PARENTS = new Set(['users', 'documents and settings', 'home']);
/** Home-folder names that belong to no one in particular. */
const NOT_A_USER = new Set(['shared', 'public', 'default', 'default user', 'all users', 'guest']);
/** First folders of a POSIX tree: a volume name in front of one of these is a Mac volume (`/Macintosh HD/Users/…`). */
const POSIX_ROOTS = new Set([
  'users',
  'volumes',
  'home',
  'applications',
  'library',
  'system',
  'private',
  'var',
  'tmp',
  'opt',
  'mnt',
  'media',
  'root',
  'usr',
  'etc',
  'srv',
  'net',
]);

const WINDOWS_DRIVE = /^[A-Za-z]:(?:[\\/]|$)/;
const UNC = /^(?:\\\\|\/\/)([^\\/]+)[\\/]?/;
const FILE_URL = /^file:(?:\/\/([^/]*))?(\/.*)?$/i;
/** `Macintosh HD:Users:kim:cut012.psd`: classic Mac OS (HFS) paths, still written by some Adobe applications. */
const HFS = /^[^\\/:]{2,}:[^\\/:]+(?::[^\\/:]*)+$/;

function decodeUrl(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray `%` in a recorded name: the text as written is the evidence.
    return text;
  }
}

interface Parts {
  style: RecordedPath['style'];
  drive?: string;
  host?: string;
  segments: string[];
  isFolder: boolean;
}

function posixParts(path: string): Parts {
  const segments = path.split('/').filter(Boolean);
  const first = segments[0]?.toLowerCase() ?? '';
  if (segments.length > 1 && !POSIX_ROOTS.has(first) && POSIX_ROOTS.has(segments[1]!.toLowerCase())) {
    return { style: 'mac', drive: segments[0], segments: segments.slice(1), isFolder: path.endsWith('/') };
  }
  if (first === 'volumes' && segments.length > 1) {
    return { style: 'mac', drive: segments[1], segments: segments.slice(2), isFolder: path.endsWith('/') };
  }
  return { style: first === 'users' ? 'mac' : 'posix', segments, isFolder: path.endsWith('/') };
}

function parts(raw: string): Parts {
  const url = FILE_URL.exec(raw);
  if (url) {
    const host = url[1] && url[1].toLowerCase() !== 'localhost' ? decodeUrl(url[1]) : undefined;
    const inner = decodeUrl(url[2] ?? '');
    if (host) return { ...windowsParts(inner), style: 'unc', host };
    if (/^\/[A-Za-z]:/.test(inner)) return windowsParts(inner.slice(1));
    return posixParts(inner);
  }
  const unc = UNC.exec(raw);
  if (unc) return { ...windowsParts(raw.slice(unc[0].length)), style: 'unc', host: unc[1] };
  if (WINDOWS_DRIVE.test(raw)) return windowsParts(raw);
  if (raw.startsWith('/')) return posixParts(raw);
  if (raw.startsWith('~/')) return { ...posixParts(raw.slice(1)), style: 'posix' };
  if (HFS.test(raw)) {
    const segments = raw.split(':');
    return { style: 'mac', drive: segments[0], segments: segments.slice(1).filter(Boolean), isFolder: raw.endsWith(':') };
  }
  return { style: 'relative', segments: raw.split(/[\\/]/).filter(Boolean), isFolder: /[\\/]$/.test(raw) };
}

function windowsParts(path: string): Parts {
  const drive = WINDOWS_DRIVE.test(path) ? path.slice(0, 2).toUpperCase() : undefined;
  const rest = drive ? path.slice(2) : path;
  return { style: 'windows', ...(drive ? { drive } : {}), segments: rest.split(/[\\/]/).filter(Boolean), isFolder: /[\\/]$/.test(path) };
}

/** The person whose home folder the path is under (`C:\Users\kim`, `/Users/kim`, `/home/kim`), if any. */
function userOf(segments: readonly string[]): string | undefined {
  const [first, second] = segments;
  if (first?.toLowerCase() === 'root' && segments.length > 1) return 'root';
  if (!first || !second || !HOME_PARENTS.has(first.toLowerCase())) return undefined;
  return NOT_A_USER.has(second.toLowerCase()) ? undefined : second;
}

const cap = (s: string): string => s.slice(0, STRUCTURE_LIMITS.chars);

/** Splits one recorded path. `where` names the field of the work file it came from. Returns undefined for blank text. */
export function splitRecordedPath(recorded: string, where: string): RecordedPath | undefined {
  const raw = recorded.trim().replace(/^"(.*)"$/s, '$1');
  if (!raw) return undefined;
  const p = parts(raw);
  const dirs = p.isFolder ? p.segments : p.segments.slice(0, -1);
  const file = p.isFolder ? undefined : p.segments.at(-1);
  const user = p.style === 'relative' ? undefined : userOf(p.segments);
  return {
    path: cap(raw),
    style: p.style,
    ...(p.drive ? { drive: cap(p.drive) } : {}),
    ...(p.host ? { host: cap(p.host) } : {}),
    ...(user ? { user: cap(user) } : {}),
    folders: dirs.slice(0, 256).map(cap),
    ...(file ? { file: cap(file) } : {}),
    where: cap(where),
  };
}

/**
 * Whether free text (a name chunk, an attribute) is an absolute path on some machine: a drive letter, a network
 * share, a file URL, an HFS path or a POSIX path with at least one folder. Relative names are not guessed at.
 */
export function looksLikeAbsolutePath(text: string): boolean {
  const s = text.trim();
  if (s.length < 3 || s.length > STRUCTURE_LIMITS.chars || /[\r\n\t\0]/.test(s)) return false;
  if (/^file:\/\//i.test(s) || /^[A-Za-z]:[\\/][^\\/]/.test(s) || /^\\\\[^\\]+\\[^\\]/.test(s)) return true;
  if (/^\/[^/\s][^/]*\/[^/]/.test(s)) return true;
  return HFS.test(s) && /^[^:]+ ?HD:|^Macintosh/i.test(s);
}
