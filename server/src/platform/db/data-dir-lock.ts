import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../http/errors.js';

const LOCK_FILE = 'cityloop.pid';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database belongs to one process: a second PGlite on the same folder would
 * corrupt it. The lock is a pid file; a stale one (its process gone) is taken over.
 */
export function acquireDataDirLock(dir: string): () => void {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder !== process.pid && processAlive(holder)) {
        throw new AppError(409, 'DATA_DIR_IN_USE', {
          zh: `数据目录 ${dir} 正被进程 ${holder} 使用（服务器运行中？），请先停止它或改用 --database-url`,
          en: `data folder ${dir} is held by process ${holder} (a running server?); stop it or use --database-url`,
        });
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}
