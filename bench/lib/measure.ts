import { readFileSync } from 'node:fs';

/** Latency figures of a sample, in milliseconds. */
export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencyOf(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted.at(-1) ?? 0) };
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Runs `call` for each input in turn after a warm-up, timing each call (one client: the latency
 * of a page or a figure, not a throughput).
 */
export async function timeEach<T>(
  inputs: readonly T[],
  call: (input: T) => Promise<unknown>,
  warmup = Math.min(20, inputs.length),
): Promise<Latency> {
  for (const input of inputs.slice(0, warmup)) await call(input);
  const samples: number[] = [];
  for (const input of inputs) {
    const t = performance.now();
    await call(input);
    samples.push(performance.now() - t);
  }
  return latencyOf(samples);
}

/** Resident memory of a process in MB (Linux /proc), or of this one. */
export function rssMb(pid?: number): number {
  if (pid === undefined) return round(process.memoryUsage().rss / 1024 / 1024, 1);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return round(kb / 1024, 1);
}

/** Samples a process's RSS every `ms` until stopped; returns the samples. */
export function sampleRss(pid: number | undefined, ms = 250): { stop(): number[] } {
  const samples: number[] = [];
  const timer = setInterval(() => {
    try {
      samples.push(rssMb(pid));
    } catch {
      // the process ended between two samples
    }
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

/** A small deterministic generator for picking inputs (the same picks on every run). */
export function picker(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
}
