import { describe, expect, it } from 'vitest';
import { replyRates } from './verification-rates.js';

const d = (iso: string) => new Date(iso);

describe('replyRates', () => {
  it('counts replies and on-time replies per collector and Shanghai month', () => {
    const rates = replyRates(
      [
        // 23:30 UTC on 31 July is 1 August in Shanghai.
        {
          assigneeId: 'a',
          sentAt: d('2019-07-31T23:30:00Z'),
          deadlineAt: null,
          repliedAt: d('2019-08-01T00:00:00Z'),
        },
        {
          assigneeId: 'a',
          sentAt: d('2019-07-10T01:00:00Z'),
          deadlineAt: d('2019-07-10T01:30:00Z'),
          repliedAt: d('2019-07-10T01:20:00Z'),
        },
        {
          assigneeId: 'a',
          sentAt: d('2019-07-11T01:00:00Z'),
          deadlineAt: d('2019-07-11T01:30:00Z'),
          repliedAt: d('2019-07-11T02:00:00Z'),
        },
        {
          assigneeId: 'a',
          sentAt: d('2019-07-12T01:00:00Z'),
          deadlineAt: d('2019-07-12T01:30:00Z'),
          repliedAt: null,
        },
        { assigneeId: null, sentAt: d('2019-07-12T01:00:00Z'), deadlineAt: null, repliedAt: null },
      ],
      d('2019-08-31T00:00:00Z'),
    );
    expect(rates).toEqual([
      {
        assigneeId: 'a',
        month: '2019-07',
        sent: 3,
        replied: 2,
        onTime: 1,
        replyRate: 2 / 3,
        onTimeRate: 0.5,
      },
      { assigneeId: 'a', month: '2019-08', sent: 1, replied: 1, onTime: 1, replyRate: 1, onTimeRate: 1 },
    ]);
  });

  it('ignores answers given after the as-of instant', () => {
    const [rate] = replyRates(
      [
        {
          assigneeId: 'a',
          sentAt: d('2019-07-10T01:00:00Z'),
          deadlineAt: null,
          repliedAt: d('2019-07-20T00:00:00Z'),
        },
      ],
      d('2019-07-15T00:00:00Z'),
    );
    expect(rate).toMatchObject({ sent: 1, replied: 0, replyRate: 0, onTimeRate: null });
  });
});
