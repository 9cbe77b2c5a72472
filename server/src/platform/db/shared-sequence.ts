import type { Db } from './database.js';

// Day numbers (案卷号, 工单号) come from one counter row per city and day. Taking a number per
// request inside the request's transaction made that row the queue every request of the day
// waited in; one statement per request still cost a round trip and a disk flush each. Here
// the requests of this process that ask while a take is in flight wait for the next take, which
// raises the counter by their count in one statement and hands the numbers out in arrival
// order. A lone request takes exactly one number, as before; numbers stay unique across
// processes (the counter is raised atomically), and a request that fails after taking its
// number leaves a gap in the day's numbers (nothing carries it).

/** Raises a counter by `count` in one statement of its own; returns the first number taken. */
export type TakeNumbers = (db: Db, count: number) => Promise<number>;

interface Waiter {
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

// Per database: tests and tools open several databases in one process, each with its own
// counters under the same keys.
const queuesByDb = new WeakMap<Db, Map<string, Waiter[]>>();

/** The next number of the counter `key`, taken together with concurrent callers of that key. */
export function nextSharedNumber(db: Db, key: string, take: TakeNumbers): Promise<number> {
  let queues = queuesByDb.get(db);
  if (!queues) {
    queues = new Map();
    queuesByDb.set(db, queues);
  }
  const byKey = queues;
  return new Promise((resolve, reject) => {
    const waiting = byKey.get(key);
    if (waiting) {
      waiting.push({ resolve, reject });
      return;
    }
    const queue: Waiter[] = [{ resolve, reject }];
    byKey.set(key, queue);
    void drain(db, queue, take, () => byKey.delete(key));
  });
}

async function drain(db: Db, queue: Waiter[], take: TakeNumbers, done: () => void): Promise<void> {
  while (queue.length > 0) {
    const batch = queue.splice(0);
    try {
      const first = await take(db, batch.length);
      batch.forEach((waiter, i) => {
        waiter.resolve(first + i);
      });
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  }
  // In the same synchronous step as the last check of the queue: a caller arriving later
  // starts a queue of its own instead of joining one nobody drains.
  done();
}
