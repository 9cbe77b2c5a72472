import { createHash, randomBytes } from 'node:crypto';
import { type Role, roleSchema } from '@cityloop/contracts/roles';
import { hash, verify } from '@node-rs/argon2';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { AppError, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor, AppConfig } from '../../platform/http/server-types.js';
import { recordActorAudit, recordAudit } from '../audit/index.js';
import { passwordProblems } from './password-policy.js';
import {
  deleteSession,
  deleteUserSessions,
  incrementFailedLogins,
  insertSession,
  insertUser,
  selectSessionWithUser,
  selectUserById,
  selectUserByLogin,
  selectUsers,
  touchSession,
  updateUserFields,
} from './users.repository.js';

// Argon2id (algorithm 2) with OWASP's minimum memory setting.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
// Verified against when the login is unknown, so unknown and known logins cost the same time.
const DECOY_HASH = await hash('decoy-password-never-used', ARGON2);
const UNKNOWN_CITY = '000000';

export const hashPassword = (password: string) => hash(password, ARGON2);
const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

const badCredentials = () =>
  new AppError(401, 'INVALID_CREDENTIALS', { zh: '用户名或密码错误', en: 'wrong login or password' });

export interface LoginResult {
  token: string;
  user: {
    id: string;
    login: string;
    displayName: string;
    role: Role;
    cityCode: string;
    unitId: string | null;
    regionId: string | null;
  };
}

export async function login(
  db: Db,
  config: AppConfig,
  now: Date,
  input: { login: string; password: string; ip: string | null },
): Promise<LoginResult> {
  const user = await selectUserByLogin(db, input.login);
  const matches = await verify(user?.passwordHash ?? DECOY_HASH, input.password);
  if (!user?.active) {
    await recordAudit(db, {
      cityCode: user?.cityCode ?? UNKNOWN_CITY,
      login: input.login,
      action: 'login',
      objectType: 'session',
      success: false,
      ip: input.ip,
      detail: { reason: user ? 'disabled' : 'unknown_login' },
    });
    throw badCredentials();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await recordAudit(db, {
      cityCode: user.cityCode,
      userId: user.id,
      login: user.login,
      role: user.role,
      action: 'login',
      objectType: 'session',
      success: false,
      ip: input.ip,
      detail: { reason: 'locked', lockedUntil: user.lockedUntil.toISOString() },
    });
    const minutes = Math.max(1, Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60000));
    throw new AppError(423, 'ACCOUNT_LOCKED', {
      zh: `登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试`,
      en: `too many failed logins: the account is locked, try again in ${minutes} min`,
    });
  }
  if (!matches) {
    // Committed on its own: the failure must count even though the request fails.
    await db.transaction().execute(async (trx) => {
      const failures = await incrementFailedLogins(trx, user.id);
      const lock = failures >= config.loginMaxFailures;
      if (lock) {
        const until = new Date(now.getTime() + config.loginLockMinutes * 60000);
        await updateUserFields(trx, user.id, { lockedUntil: until, failedLogins: 0 });
      }
      await recordAudit(trx, {
        cityCode: user.cityCode,
        userId: user.id,
        login: user.login,
        role: user.role,
        action: lock ? 'lockout' : 'login',
        objectType: 'session',
        success: false,
        ip: input.ip,
        detail: { reason: 'wrong_password', failures },
      });
    });
    throw badCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await updateUserFields(trx, user.id, { failedLogins: 0, lockedUntil: null });
    await insertSession(trx, {
      tokenHash: tokenHashOf(token),
      userId: user.id,
      cityCode: user.cityCode,
      createdAt: now,
      lastSeenAt: now,
      ip: input.ip,
    });
    await recordAudit(trx, {
      cityCode: user.cityCode,
      userId: user.id,
      login: user.login,
      role: user.role,
      action: 'login',
      objectType: 'session',
      success: true,
      ip: input.ip,
    });
  });
  return {
    token,
    user: {
      id: user.id,
      login: user.login,
      displayName: user.displayName,
      role: roleSchema.parse(user.role),
      cityCode: user.cityCode,
      unitId: user.unitId,
      regionId: user.regionId,
    },
  };
}

/** The actor behind a session token, or null when it is unknown, idle too long or too old. */
export async function resolveSession(
  db: Db,
  config: AppConfig,
  now: Date,
  token: string,
): Promise<Actor | null> {
  const tokenHash = tokenHashOf(token);
  const row = await selectSessionWithUser(db, tokenHash);
  if (!row?.active) return null;
  const idleMs = now.getTime() - row.lastSeenAt.getTime();
  const ageMs = now.getTime() - row.createdAt.getTime();
  if (idleMs > config.sessionIdleMinutes * 60000 || ageMs > config.sessionMaxHours * 3600000) {
    await deleteSession(db, tokenHash);
    return null;
  }
  // Writing lastSeen on every request costs a row update; once a minute is enough for idle checks.
  if (idleMs > 60000) await touchSession(db, tokenHash, now);
  return {
    userId: row.userId,
    login: row.login,
    role: roleSchema.parse(row.role),
    cityCode: row.cityCode,
    unitId: row.unitId,
    regionId: row.regionId,
  };
}

export async function logout(db: Db, actor: Actor, token: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, tokenHashOf(token));
    await recordActorAudit(trx, actor, 'logout', 'session', null);
  });
}

export interface NewUserInput {
  login: string;
  displayName: string;
  role: Role;
  password: string;
  unitId?: string | null;
  regionId?: string | null;
}

function checkPassword(password: string, login: string) {
  const problems = passwordProblems(password, login);
  if (problems.length > 0) {
    throw invalid(
      `密码不符合要求：${problems.map((p) => p.zh).join('；')}`,
      `password rejected: ${problems.map((p) => p.en).join('; ')}`,
    );
  }
}

function checkRoleScope(role: Role, unitId: string | null | undefined) {
  if (role === 'unit_staff' && !unitId) {
    throw invalid('处置单位人员必须属于一个处置单位', 'unit staff must belong to a handling unit');
  }
}

/** Creates a user; `actor` is null when the CLI or the seed creates it. */
export async function createUser(db: Db, actor: Actor | null, cityCode: string, input: NewUserInput) {
  checkPassword(input.password, input.login);
  checkRoleScope(input.role, input.unitId);
  if (await selectUserByLogin(db, input.login)) {
    throw new AppError(409, 'LOGIN_TAKEN', {
      zh: `登录名 ${input.login} 已存在`,
      en: `login ${input.login} already exists`,
    });
  }
  const id = uuidv7();
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      cityCode,
      login: input.login,
      displayName: input.displayName,
      role: input.role,
      unitId: input.unitId ?? null,
      regionId: input.regionId ?? null,
      passwordHash,
    });
    const detail = { login: input.login, role: input.role };
    if (actor) await recordActorAudit(trx, actor, 'user.create', 'user', id, detail);
    else
      await recordAudit(trx, {
        cityCode,
        action: 'user.create',
        objectType: 'user',
        objectId: id,
        success: true,
        detail,
      });
  });
  return { id };
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  patch: {
    displayName?: string;
    role?: Role;
    unitId?: string | null;
    regionId?: string | null;
    active?: boolean;
    password?: string;
  },
) {
  const user = await selectUserById(db, id);
  if (!user || user.cityCode !== actor.cityCode) throw notFound({ zh: '用户', en: 'user' });
  const role = patch.role ?? roleSchema.parse(user.role);
  checkRoleScope(role, patch.unitId === undefined ? user.unitId : patch.unitId);
  if (patch.password) checkPassword(patch.password, user.login);
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  await db.transaction().execute(async (trx) => {
    await updateUserFields(trx, id, {
      displayName: patch.displayName,
      role: patch.role,
      unitId: patch.unitId,
      regionId: patch.regionId,
      active: patch.active,
      ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
    });
    // A new role, a new password or disabling ends the user's sessions.
    if (patch.role || passwordHash || patch.active === false) await deleteUserSessions(trx, id);
    const { password: _secret, ...visible } = patch;
    await recordActorAudit(trx, actor, 'user.update', 'user', id, {
      ...visible,
      passwordChanged: Boolean(passwordHash),
    });
  });
}

export async function listUsers(
  db: Db,
  actor: Actor,
  filter: { role?: Role; unitId?: string; page: number; pageSize: number },
) {
  const { rows, total } = await selectUsers(db, actor.cityCode, {
    role: filter.role,
    unitId: filter.unitId,
    limit: filter.pageSize,
    offset: (filter.page - 1) * filter.pageSize,
  });
  return { items: rows, total, page: filter.page, pageSize: filter.pageSize };
}

export async function getUserProfile(db: Db, actor: Actor) {
  const user = await selectUserById(db, actor.userId);
  if (!user) throw notFound({ zh: '用户', en: 'user' });
  return {
    id: user.id,
    login: user.login,
    displayName: user.displayName,
    role: roleSchema.parse(user.role),
    cityCode: user.cityCode,
    unitId: user.unitId,
    regionId: user.regionId,
  };
}

export async function findUserIdByLogin(db: Db, login: string): Promise<string | null> {
  return (await selectUserByLogin(db, login))?.id ?? null;
}
