import { constants } from 'node:fs';
import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Bilingual } from '../../platform/http/errors.js';

// The exchange folder is confined to the server's exchange root (AppConfig.exchangeDir): what an
// admin types in the console is a folder *inside* it, never a server path of their choosing.

export const folderRefusalMessage: Bilingual = {
  zh: '交换目录须为服务器交换根目录下的相对路径（不能以 / 开头，不能包含 ..、反斜杠或空字符）',
  en: 'the exchange folder must be a relative path inside the server exchange root (no leading /, no .., backslash or NUL)',
};

/**
 * Whether a folder typed by an admin is a relative path that stays inside the root. Absolute
 * paths are refused even when they name a place inside (the root is the server's business), `..`
 * even where it would resolve back inside, and backslashes (a separator on Windows, a file name
 * character here): such spellings only make sense as escape attempts. The last line is the
 * invariant itself, whatever the platform's path rules.
 */
export function isConfinedFolder(root: string, folder: string): boolean {
  if (folder.includes('\0') || folder.includes('\\') || isAbsolute(folder)) return false;
  if (folder.split('/').includes('..')) return false;
  const inside = relative(resolve(root), resolve(root, folder));
  return inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside);
}

/**
 * Writes the files into root/folder/…subfolders, creating each level, and returns where they
 * went. The folder is checked again (a row may predate the rule), and no level may be a symbolic
 * link: the exchange share is also written by whoever collects from it, and a planted link must
 * not redirect the server's writes elsewhere (hence also no following links for the files).
 */
export async function writeExchangeFiles(
  root: string,
  folder: string,
  subfolders: string[],
  files: { name: string; bytes: Buffer }[],
): Promise<string> {
  if (!isConfinedFolder(root, folder))
    throw new Error(`${folderRefusalMessage.zh} / ${folderRefusalMessage.en}`);
  const base = resolve(root);
  await mkdir(base, { recursive: true });
  const levels = [...relative(base, resolve(base, folder)).split(sep).filter(Boolean), ...subfolders];
  let dir = base;
  for (const level of levels) {
    dir = join(dir, level);
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    if (!(await lstat(dir)).isDirectory())
      throw new Error(
        `交换目录中的 ${relative(base, dir)} 不是普通文件夹（可能是符号链接），已拒绝写入 / ${relative(base, dir)} in the exchange folder is not a plain directory (a symbolic link?), refused to write`,
      );
  }
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
  for (const file of files) await writeFile(join(dir, file.name), file.bytes, { flag: flags });
  return dir;
}
