import { createRequire } from 'node:module';
import path from 'node:path';

const requireHere = createRequire(import.meta.url);

/**
 * In a packaged Electron app node_modules sit inside `app.asar`, an archive that Electron's patched `fs` can read but
 * that a child process (ffmpeg), a worker's WebAssembly loader or a symlink target cannot see. Files used that way
 * are listed under `asarUnpack` in electron-builder.yml, which copies them to `app.asar.unpacked/` at the same
 * relative path; this maps a resolved path there. Outside a packaged app the path has no `app.asar` and is returned as is.
 */
export function unpackedPath(file: string): string {
  const asar = `${path.sep}app.asar${path.sep}`;
  return file.replace(asar, `${path.sep}app.asar.unpacked${path.sep}`);
}

/** Absolute path of a file inside an installed package, resolved the way Node would load the package. */
export function packageFile(pkg: string, relative: string): string {
  return unpackedPath(path.join(path.dirname(requireHere.resolve(`${pkg}/package.json`)), relative));
}

/** The `version` of an installed package, for recording which engine produced a result. */
export function packageVersion(pkg: string): string {
  const manifest: unknown = requireHere(`${pkg}/package.json`);
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  return typeof version === 'string' ? version : 'unknown';
}
