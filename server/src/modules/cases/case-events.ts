import type { Db } from '../../platform/db/database.js';
import type { CaseRow } from '../../platform/db/schema.js';

/** One committed step of the case loop, as listeners see it. */
export interface CaseTransitionEvent {
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  at: Date;
  actorRole: string | null;
  unitId: string | null;
}

/**
 * Called inside the transition's transaction with the case as it is after the step, so what a
 * listener writes (an outbox row, say) commits or rolls back with the step itself.
 */
export type CaseTransitionListener = (
  trx: Db,
  caseRow: CaseRow,
  transition: CaseTransitionEvent,
) => Promise<void>;

// Keyed by name so wiring the same listener again (one app per test, say) replaces it. Lower
// modules cannot import the upper ones that react to cases; upper ones register here instead.
const transitionListeners = new Map<string, CaseTransitionListener>();

export function onCaseTransition(name: string, listener: CaseTransitionListener): void {
  transitionListeners.set(name, listener);
}

export async function emitCaseTransition(
  trx: Db,
  caseRow: CaseRow,
  transition: CaseTransitionEvent,
): Promise<void> {
  for (const listener of transitionListeners.values()) await listener(trx, caseRow, transition);
}
