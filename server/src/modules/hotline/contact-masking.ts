import { centreRoles, type Role } from '@cityloop/contracts/roles';

/**
 * Caller contacts are personal information (SECURITY.md items 10, 27, 28): shown in full only
 * to those whose duty needs them, masked for everyone else, and never shown to units or
 * leaders on a confidential (保密) order. Pure, so the rule is tested on its own and the
 * service applies it to every response; the console is never trusted to hide anything.
 */

/** 13812341234 → 138****1234; 0812-3334444 → 081****4444; short numbers keep only their last two. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  if (digits.length >= 8) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(digits.length - 2, 2))}${digits.slice(-2)}`;
}

export interface ContactViewer {
  role: Role;
  userId: string;
}

export interface ContactSource {
  ownerId: string | null;
  confidential: boolean;
  callerName: string | null;
  callerPhone: string | null;
}

export interface ContactView {
  callerName: string | null;
  callerPhone: string | null;
  /** true when callerPhone is masked or withheld, so the console can say so. */
  contactMasked: boolean;
}

export type ContactAccess = 'full' | 'masked' | 'hidden';

/** Who sees what: the owning agent and the command hall in full; other agents masked; units and leaders masked, hidden when 保密. */
export function contactAccess(
  order: Pick<ContactSource, 'ownerId' | 'confidential'>,
  viewer: ContactViewer,
): ContactAccess {
  if (centreRoles.includes(viewer.role)) return 'full';
  if (viewer.role === 'hotline_agent') return order.ownerId === viewer.userId ? 'full' : 'masked';
  return order.confidential ? 'hidden' : 'masked';
}

export function contactView(order: ContactSource, viewer: ContactViewer): ContactView {
  const access = contactAccess(order, viewer);
  if (access === 'full') {
    return { callerName: order.callerName, callerPhone: order.callerPhone, contactMasked: false };
  }
  if (access === 'hidden') return { callerName: null, callerPhone: null, contactMasked: true };
  return {
    callerName: order.callerName,
    callerPhone: order.callerPhone === null ? null : maskPhone(order.callerPhone),
    contactMasked: order.callerPhone !== null,
  };
}
