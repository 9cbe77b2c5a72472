import { centreRoles } from '@cityloop/contracts/roles';
import type { Actor } from '../../platform/http/server-types.js';
import type { CaseScope } from './cases.repository.js';

/**
 * The slice of the city an actor sees: the command hall sees all; a unit only the cases
 * dispatched to it; a district leader the district; a collector what they reported or were sent to.
 */
export function scopeOf(actor: Actor): CaseScope {
  const scope: CaseScope = { cityCode: actor.cityCode };
  if (centreRoles.includes(actor.role) || actor.role === 'hotline_agent') return scope;
  if (actor.role === 'unit_staff')
    return { ...scope, unitId: actor.unitId ?? '00000000-0000-0000-0000-000000000000' };
  if (actor.role === 'collector') return { ...scope, collectorId: actor.userId };
  if (actor.role === 'leader' && actor.regionId) return { ...scope, districtId: actor.regionId };
  return scope;
}
