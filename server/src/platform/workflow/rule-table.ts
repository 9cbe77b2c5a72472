/**
 * The shared mechanism of our workflow tables (cases, hotline orders): a row says which action
 * moves which states, for which roles, needing which inputs. Pure; each module keeps its own
 * table and its own special cases.
 */
export interface RuleRow<S extends string, A extends string, R extends string, F extends string> {
  action: A;
  from: readonly S[];
  /** Target state; `null` keeps the state. */
  to: S | null;
  roles: readonly R[];
  requires?: readonly F[];
}

export type RuleMatch<Rule, F extends string> =
  | { ok: true; rule: Rule }
  | { ok: false; reason: 'illegal' | 'role' | 'extension_pending' | 'no_extension' }
  | { ok: false; reason: 'missing'; field: F };

/**
 * Finds the row that lets `role` take `action` from `status`: `illegal` when no row moves the
 * state, `role` when rows exist but not for this role, `missing` for an absent required input,
 * and the extension rule both tables share (one request at a time; decisions need one).
 */
export function matchRule<S extends string, A extends string, R extends string, F extends string>(
  rules: readonly RuleRow<S, A, R, F>[],
  status: S,
  action: A,
  role: R,
  input: Partial<Record<F, unknown>>,
  pendingExtension: boolean,
): RuleMatch<RuleRow<S, A, R, F>, F> {
  const candidates = rules.filter((r) => r.action === action && r.from.includes(status));
  if (candidates.length === 0) return { ok: false, reason: 'illegal' };
  const rule = candidates.find((r) => r.roles.includes(role));
  if (!rule) return { ok: false, reason: 'role' };
  for (const field of rule.requires ?? []) {
    const value = input[field];
    if (value === undefined || value === '') return { ok: false, reason: 'missing', field };
  }
  const refusal = extensionRefusal(action, pendingExtension);
  if (refusal) return { ok: false, reason: refusal };
  return { ok: true, rule };
}

function extensionRefusal(
  action: string,
  pendingExtension: boolean,
): 'extension_pending' | 'no_extension' | null {
  if (action === 'request_extension' && pendingExtension) return 'extension_pending';
  if ((action === 'approve_extension' || action === 'deny_extension') && !pendingExtension)
    return 'no_extension';
  return null;
}

/** The actions a role may take now (the UI shows only these). */
export function actionsAllowed<S extends string, A extends string, R extends string, F extends string>(
  rules: readonly RuleRow<S, A, R, F>[],
  status: S,
  role: R,
  pendingExtension: boolean,
): A[] {
  const actions = new Set<A>();
  for (const rule of rules) {
    if (!rule.from.includes(status) || !rule.roles.includes(role)) continue;
    if (extensionRefusal(rule.action, pendingExtension)) continue;
    actions.add(rule.action);
  }
  return [...actions];
}
