import { randomBytes } from 'node:crypto';
import type { Role } from '@cityloop/contracts/roles';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { recordAudit } from '../audit/index.js';
import { insertUsersIgnoringExisting, selectUserIdsByLogins } from './users.repository.js';
import { hashPassword } from './users.service.js';

export interface StaffAccount {
  login: string;
  displayName: string;
  role: Role;
  unitId?: string | null;
  regionId?: string | null;
}

/**
 * Makes sure these accounts exist (people who appear in loaded history: collectors, unit
 * staff) and returns login → id for all of them. New accounts get one random password that
 * is hashed once and never shown, so nobody can sign in with them until an administrator
 * sets a password; existing logins are left untouched. One transaction, one audit row.
 */
export async function ensureStaffAccounts(
  db: Db,
  cityCode: string,
  accounts: readonly StaffAccount[],
): Promise<Map<string, { id: string; role: Role }>> {
  const logins = accounts.map((a) => a.login);
  const known = new Set((await selectUserIdsByLogins(db, cityCode, logins)).map((u) => u.login));
  const missing = accounts.filter((a) => !known.has(a.login));
  if (missing.length > 0) {
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    await db.transaction().execute(async (trx) => {
      const created = await insertUsersIgnoringExisting(
        trx,
        missing.map((a) => ({
          id: uuidv7(),
          cityCode,
          login: a.login,
          displayName: a.displayName,
          role: a.role,
          unitId: a.unitId ?? null,
          regionId: a.regionId ?? null,
          passwordHash,
        })),
      );
      await recordAudit(trx, {
        cityCode,
        action: 'user.bulk_create',
        objectType: 'user',
        objectId: null,
        success: true,
        detail: { count: created, logins: missing.map((a) => a.login) },
      });
    });
  }
  const rows = await selectUserIdsByLogins(db, cityCode, logins);
  return new Map(rows.map((u) => [u.login, { id: u.id, role: u.role as Role }]));
}
