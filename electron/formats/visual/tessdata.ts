import { copyFile, lstat, mkdir, readlink, rename, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import type { OcrLanguage } from '../../../shared/domain/visual';
import { packageFile } from './package-file';

/**
 * The LSTM-only integer models: the smallest data (1.6 to 3 MB per language) and, measured on Korean, more accurate
 * than the larger legacy+LSTM `4.0.0` set (TOOLCHAIN §9).
 */
const MODEL_DIR = '4.0.0_best_int';

/** Where the npm package `@tesseract.js-data/<lang>` keeps the gzipped model; never fetched at run time. */
export const tessdataSource = (lang: OcrLanguage): string =>
  packageFile(`@tesseract.js-data/${lang}`, path.join(MODEL_DIR, `${lang}.traineddata.gz`));

async function isLinkTo(entry: string, target: string): Promise<boolean> {
  const info = await lstat(entry).catch(() => null);
  if (!info) return false;
  if (info.isSymbolicLink()) return (await readlink(entry)) === target;
  const [copy, original] = await Promise.all([stat(entry), stat(target)]);
  return copy.size === original.size && copy.mtimeMs >= original.mtimeMs;
}

/**
 * Gathers the models of `langs` into `dir`, because tesseract.js takes one `langPath` for every language while each
 * model sits in its own package. Entries are symlinks (a copy where links are not allowed, as for unprivileged
 * Windows users), made under a temporary name and renamed into place so that two workers preparing the same folder
 * never see a half-written file. Returns `dir`.
 */
export async function prepareTessdata(dir: string, langs: readonly OcrLanguage[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const lang of langs) {
    const source = tessdataSource(lang);
    const entry = path.join(dir, `${lang}.traineddata.gz`);
    if (await isLinkTo(entry, source)) continue;
    const partial = `${entry}.${process.pid}.${Date.now()}.tmp`;
    try {
      await symlink(source, partial);
    } catch {
      await copyFile(source, partial);
    }
    try {
      await rename(partial, entry);
    } finally {
      await rm(partial, { force: true });
    }
  }
  return dir;
}
