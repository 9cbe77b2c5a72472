import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Role } from '@cityloop/contracts/roles';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/database.js';
import type { FileStore } from '../files/file-store.js';
import { AppError, forbidden } from './errors.js';

export type App = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The logged-in user as every service sees it: who, which role, which slice of the city. */
export interface Actor {
  userId: string;
  login: string;
  role: Role;
  cityCode: string;
  unitId: string | null;
  regionId: string | null;
  ip?: string;
}

export interface AppConfig {
  /** Idle minutes before a session ends (等保: 登录连接超时自动退出). */
  sessionIdleMinutes: number;
  /** Absolute session lifetime in hours. */
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  uploadMaxBytes: number;
  /** Set in production: cookies get the Secure flag. */
  secureCookies: boolean;
  /** Folder of the built web app, served at / when present. */
  webDist?: string;
  /**
   * Hosts outbound webhooks and the exchange upload may reach although they are loopback/private
   * (SSRF guard off for exactly these names or IPs; env CITYLOOP_WEBHOOK_ALLOW_HOSTS). Empty by
   * default.
   */
  webhookAllowHosts?: readonly string[];
  /**
   * The only folder the monthly exchange writes under (env CITYLOOP_EXCHANGE_DIR, default
   * `<data dir>/exchange`): an admin's exchange folder is relative to it, so the console cannot
   * make the server write anywhere else.
   */
  exchangeDir: string;
}

export interface AppDeps {
  db: Db;
  files: FileStore;
  config: AppConfig;
  /** Injected so tests can move time (lockouts, idle timeouts, deadlines). */
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function requireActor(request: FastifyRequest, roles?: readonly Role[]): Actor {
  const actor = request.actor;
  if (!actor) {
    throw new AppError(401, 'UNAUTHENTICATED', { zh: '请先登录', en: 'please log in first' });
  }
  if (roles && !roles.includes(actor.role)) throw forbidden();
  return actor;
}
