import { resolve } from 'node:path';
import type { AppConfig } from './platform/http/server-types.js';

export interface RuntimeConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  /** Root of local state: the embedded database in `pglite/`, uploads in `files/`, exchange files in `exchange/`. */
  dataDir: string;
  filesDir: string;
  /** `--demo` also loads the demo city's June–July 2019 history (CITYLOOP_DEMO_HISTORY=0: not). */
  demoHistory: boolean;
  app: AppConfig;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** Settings from the environment, with the command-line overrides the CLI passes in. */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  overrides: { databaseUrl?: string; dataDir?: string; webDist?: string } = {},
): RuntimeConfig {
  const dataDir = resolve(overrides.dataDir ?? env.CITYLOOP_DATA_DIR ?? './data');
  return {
    port: intFrom(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || undefined),
    dataDir,
    filesDir: resolve(env.CITYLOOP_FILES_DIR ?? `${dataDir}/files`),
    demoHistory: env.CITYLOOP_DEMO_HISTORY !== '0',
    app: {
      sessionIdleMinutes: intFrom(env, 'SESSION_IDLE_MINUTES', 30),
      sessionMaxHours: intFrom(env, 'SESSION_MAX_HOURS', 12),
      loginMaxFailures: intFrom(env, 'LOGIN_MAX_FAILURES', 5),
      loginLockMinutes: intFrom(env, 'LOGIN_LOCK_MINUTES', 15),
      uploadMaxBytes: intFrom(env, 'UPLOAD_MAX_BYTES', 10 * 1024 * 1024),
      secureCookies: env.NODE_ENV === 'production',
      webDist: overrides.webDist,
      webhookAllowHosts: (env.CITYLOOP_WEBHOOK_ALLOW_HOSTS ?? '')
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean),
      exchangeDir: resolve(env.CITYLOOP_EXCHANGE_DIR ?? `${dataDir}/exchange`),
    },
  };
}
