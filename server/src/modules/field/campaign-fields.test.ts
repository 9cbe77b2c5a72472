import { zebraCrossingFields } from '@cityloop/contracts/field';
import { describe, expect, it } from 'vitest';
import { checkEntry, checkFieldDefinitions } from './campaign-fields.js';

describe('campaign entries', () => {
  it('accepts a zebra-crossing entry with a valid plate', () => {
    const result = checkEntry(zebraCrossingFields, {
      time: '2019-07-09T08:15:00+08:00',
      place: '炳草岗大街与人民街路口',
      plate: '川D12345',
    });
    expect(result).toEqual({
      ok: true,
      value: { time: '2019-07-09T00:15:00.000Z', place: '炳草岗大街与人民街路口', plate: '川D12345' },
    });
  });

  it('reports a bad plate, a missing place and unknown fields in both languages', () => {
    const result = checkEntry(zebraCrossingFields, {
      time: '2019-07-09T08:15:00+08:00',
      plate: 'ABC',
      colour: '红',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.key)).toEqual(['place', 'plate', 'colour']);
    expect(result.problems[1]).toMatchObject({ zh: '车牌格式不正确', en: 'plate has the wrong format' });
  });

  it('checks the definitions themselves', () => {
    expect(checkFieldDefinitions(zebraCrossingFields)).toEqual([]);
    const problems = checkFieldDefinitions([
      { key: 'a', label: 'A', type: 'text', required: false, pattern: '([' },
      { key: 'a', label: 'B', type: 'choice', required: false },
    ]);
    expect(problems.map((p) => p.en)).toEqual([
      'the pattern of a is not a valid regular expression',
      'field a appears twice',
      'choice field a has no options',
    ]);
  });
});
