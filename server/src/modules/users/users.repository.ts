import type { Db } from '../../platform/db/database.js';
import type { UserRow } from '../../platform/db/schema.js';

export function selectUserByLogin(db: Db, login: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
}

export function selectUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  user: Pick<
    UserRow,
    'id' | 'cityCode' | 'login' | 'displayName' | 'role' | 'unitId' | 'regionId' | 'passwordHash'
  >,
): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function updateUserFields(
  db: Db,
  id: string,
  patch: Partial<
    Pick<
      UserRow,
      | 'displayName'
      | 'role'
      | 'unitId'
      | 'regionId'
      | 'passwordHash'
      | 'active'
      | 'failedLogins'
      | 'lockedUntil'
    >
  >,
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** Counts a failure atomically and returns the new count. */
export async function incrementFailedLogins(db: Db, id: string): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failedLogins: eb('failedLogins', '+', 1) }))
    .where('id', '=', id)
    .returning('failedLogins')
    .executeTakeFirstOrThrow();
  return row.failedLogins;
}

export async function selectUsers(
  db: Db,
  cityCode: string,
  filter: { role?: string; unitId?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('users').where('cityCode', '=', cityCode);
  if (filter.role) q = q.where('role', '=', filter.role);
  if (filter.unitId) q = q.where('unitId', '=', filter.unitId);
  const [rows, total] = await Promise.all([
    q
      .select([
        'id',
        'login',
        'displayName',
        'role',
        'unitId',
        'regionId',
        'active',
        'lockedUntil',
        'createdAt',
      ])
      .orderBy('login')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function insertSession(
  db: Db,
  session: {
    tokenHash: string;
    userId: string;
    cityCode: string;
    createdAt: Date;
    lastSeenAt: Date;
    ip: string | null;
  },
): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export function selectSessionWithUser(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.tokenHash',
      'sessions.createdAt',
      'sessions.lastSeenAt',
      'users.id as userId',
      'users.login',
      'users.role',
      'users.cityCode',
      'users.unitId',
      'users.regionId',
      'users.active',
    ])
    .where('sessions.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: at }).where('tokenHash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

// bulk accounts (users-bulk.service.ts)

/** Inserts many users in one statement; logins that already exist are left as they are. */
export async function insertUsersIgnoringExisting(
  db: Db,
  users: readonly Pick<
    UserRow,
    'id' | 'cityCode' | 'login' | 'displayName' | 'role' | 'unitId' | 'regionId' | 'passwordHash'
  >[],
): Promise<number> {
  if (users.length === 0) return 0;
  const inserted = await db
    .insertInto('users')
    .values([...users])
    .onConflict((oc) => oc.column('login').doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

export function selectUserIdsByLogins(db: Db, cityCode: string, logins: readonly string[]) {
  if (logins.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'login', 'role'])
    .where('cityCode', '=', cityCode)
    .where('login', 'in', logins)
    .execute();
}
