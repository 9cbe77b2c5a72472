import { describe, expect, it } from 'vitest';
import { contactAccess, contactView, maskPhone } from './contact-masking.js';

describe('caller contact masking', () => {
  it('masks mobile and landline numbers as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0812-3334444')).toBe('081****4444');
    expect(maskPhone('12345')).toBe('***45');
  });

  const order = { ownerId: 'agent-1', confidential: false, callerName: '张女士', callerPhone: '13812341234' };

  it('shows the number in full only to the owning agent and the command hall', () => {
    expect(contactAccess(order, { role: 'hotline_agent', userId: 'agent-1' })).toBe('full');
    expect(contactAccess(order, { role: 'hotline_agent', userId: 'agent-2' })).toBe('masked');
    for (const role of ['acceptor', 'shift_lead', 'dispatcher', 'admin'] as const) {
      expect(contactAccess(order, { role, userId: 'x' })).toBe('full');
    }
    for (const role of ['unit_staff', 'leader', 'collector'] as const) {
      expect(contactView(order, { role, userId: 'x' })).toEqual({
        callerName: '张女士',
        callerPhone: '138****1234',
        contactMasked: true,
      });
    }
  });

  it('never shows a confidential order’s contacts to units or leaders', () => {
    const secret = { ...order, confidential: true };
    for (const role of ['unit_staff', 'leader'] as const) {
      expect(contactView(secret, { role, userId: 'x' })).toEqual({
        callerName: null,
        callerPhone: null,
        contactMasked: true,
      });
    }
    expect(contactView(secret, { role: 'hotline_agent', userId: 'agent-1' }).callerPhone).toBe('13812341234');
  });

  it('keeps an anonymous caller anonymous', () => {
    const anonymous = { ...order, callerName: null, callerPhone: null };
    expect(contactView(anonymous, { role: 'unit_staff', userId: 'x' })).toEqual({
      callerName: null,
      callerPhone: null,
      contactMasked: false,
    });
  });
});
