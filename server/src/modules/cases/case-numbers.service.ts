import type { Db } from '../../platform/db/database.js';
import { takeDailySequences } from './cases.repository.js';

// The day's case numbers come from one counter row per city and day. Taking a number per
// report in the report's own transaction made that row the queue every report of the day
// waited in; one statement per report still cost a round trip and a disk flush each. Here the
// reports of this process that ask while a take is in flight wait for the next take, which
// raises the counter by their count in one statement and hands the numbers out in arrival
// order. A lone report takes exactly one number, as before; numbers are still unique across
// processes (the counter is raised atomically), and a report that fails after taking its
// number leaves a gap in the day's numbers (no case carries it).

interface Waiter {
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

interface DayQueue {
  waiting: Waiter[];
}

// Per database: tests and tools open several databases in one process, each with its own
// counters for the same city and day.
const queuesByDb = new WeakMap<Db, Map<string, DayQueue>>();

/** The next number of the city's day (Asia/Shanghai date), shared with concurrent callers. */
export function nextDailySequence(db: Db, cityCode: string, day: string): Promise<number> {
  let queues = queuesByDb.get(db);
  if (!queues) {
    queues = new Map();
    queuesByDb.set(db, queues);
  }
  const byDay = queues;
  const key = `${cityCode}|${day}`;
  return new Promise((resolve, reject) => {
    const running = byDay.get(key);
    if (running) {
      running.waiting.push({ resolve, reject });
      return;
    }
    const queue: DayQueue = { waiting: [{ resolve, reject }] };
    byDay.set(key, queue);
    void drain(db, cityCode, day, queue, () => byDay.delete(key));
  });
}

async function drain(
  db: Db,
  cityCode: string,
  day: string,
  queue: DayQueue,
  done: () => void,
): Promise<void> {
  while (queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0);
    try {
      const first = await takeDailySequences(db, cityCode, day, batch.length);
      batch.forEach((waiter, i) => {
        waiter.resolve(first + i);
      });
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  }
  // In the same synchronous step as the last check of `waiting`: a caller arriving later
  // starts a queue of its own instead of joining one nobody drains.
  done();
}
