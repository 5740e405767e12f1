/**
 * What happened to one package in a transaction. The old side of a change
 * (`upgraded`, `downgraded`, `reinstalled`, `obsoleted` in dnf 4, `replaced` in
 * dnf 5) is recorded as an item of its own beside the new side.
 */
export type DnfItemAction =
  | 'install'
  | 'upgrade'
  | 'upgraded'
  | 'downgrade'
  | 'downgraded'
  | 'obsolete'
  | 'obsoleted'
  | 'remove'
  | 'reinstall'
  | 'reinstalled'
  | 'replaced'
  | 'reason_change'
  | 'enable'
  | 'disable'
  | 'reset'
  | 'switch';

// libdnf (dnf 4) libdnf/transaction/Types.hpp, enum TransactionItemAction.
const DNF4_ACTIONS: Record<number, DnfItemAction> = {
  1: 'install',
  2: 'downgrade',
  3: 'downgraded',
  4: 'obsolete',
  5: 'obsoleted',
  6: 'upgrade',
  7: 'upgraded',
  8: 'remove',
  9: 'reinstall',
  10: 'reinstalled',
  11: 'reason_change',
};

// libdnf5 include/libdnf5/transaction/transaction_item_action.hpp, and the rows of
// its trans_item_action table; 8 to 11 are for modules, which have no rpm row.
const DNF5_ACTIONS: Record<number, DnfItemAction> = {
  1: 'install',
  2: 'upgrade',
  3: 'downgrade',
  4: 'reinstall',
  5: 'remove',
  6: 'replaced',
  7: 'reason_change',
  8: 'enable',
  9: 'disable',
  10: 'reset',
  11: 'switch',
};

/** dnf 4 trans.state: libdnf TransactionState (0 unknown, 1 done, 2 error). */
export const DNF4_STATE_DONE = 1;
/** dnf 5 trans.state_id: rows of trans_state (1 Started, 2 Ok, 3 Error). */
export const DNF5_STATE_OK = 2;

export function dnfItemAction(tool: 'dnf4' | 'dnf5', code: number): string {
  const name = (tool === 'dnf4' ? DNF4_ACTIONS : DNF5_ACTIONS)[code];
  return name ?? `unknown_${code}`;
}

// The new side of each change: one per package the transaction changed.
const CHANGES: ReadonlySet<string> = new Set<DnfItemAction>([
  'install',
  'upgrade',
  'downgrade',
  'obsolete',
  'remove',
  'reinstall',
]);

/** Whether an item is a package the transaction changed (not the old side of a change, not a reason change). */
export function isPackageChange(action: string): boolean {
  return CHANGES.has(action);
}
