import type { SuiteResult } from '../suites/types.js';

export interface RunFacts {
  date: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    loadAverage: number[];
    node: string;
    os: string;
  };
  postgres: { version: string; settings: Record<string, string> } | null;
  options: Record<string, unknown>;
  generation: Record<string, unknown>[];
}

const fmt = (v: number | undefined) => (v === undefined ? '' : v.toLocaleString('en'));
const headline = (r: SuiteResult) =>
  Object.entries(r.ours)
    .filter(([k]) => k !== 'n')
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');
const floorLine = (r: SuiteResult) =>
  Object.entries(r.floor)
    .filter(([k]) => k !== 'n')
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');
const verdict = (r: SuiteResult) => (r.met === null ? '—' : r.met ? 'met' : 'MISSED');

export function consoleTable(results: readonly SuiteResult[]): string {
  const rows = results.map((r) => [
    `${r.suite} [${r.engine}]`,
    headline(r),
    floorLine(r),
    r.ratio === null ? '' : String(r.ratio),
    r.target,
    verdict(r),
  ]);
  const header = ['suite', 'ours', 'floor', 'ratio', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join(' │ ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}

/** docs/performance.md: the measured part, then the hand-written analysis (bench/analysis.md). */
export function markdown(facts: RunFacts, results: readonly SuiteResult[], analysis: string): string {
  const m = facts.machine;
  const out: string[] = [
    '# Performance',
    '',
    `Measured ${facts.date} by \`npm run bench\` (figures below are rewritten by each full run; the`,
    'analysis after them is `bench/analysis.md`). Every suite measures its **floor** — the least the',
    'database can do for the same result — in the same run, so the ratios survive a noisy machine.',
    '',
    '## Machine',
    '',
    `- ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB memory, ${m.os}; load average at start ${m.loadAverage.join(' / ')}`,
    `- Node ${m.node}; ${
      facts.postgres
        ? `PostgreSQL ${facts.postgres.version} (${Object.entries(facts.postgres.settings)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')})`
        : 'PostgreSQL: not used'
    }`,
    `- options: \`${JSON.stringify(facts.options)}\``,
    '',
    '## Generated data',
    '',
    '| dataset | cases | months | log rows | seconds | cases/s | database size |',
    '|---|---|---|---|---|---|---|',
    ...facts.generation.map(
      (g) =>
        `| ${g.name} | ${fmt(g.cases as number)} | ${g.months} | ${fmt(g.transitions as number)} | ${fmt(g.seconds as number)} | ${fmt(g.casesPerSecond as number)} | ${fmt(g.databaseMB as number)} MB |`,
    ),
    '',
    '## Results',
    '',
    '| suite | engine | measure | ours | floor | ratio | target | |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.suite} | ${r.engine} | ${r.measure} | ${headline(r)} | ${floorLine(r)} | ${r.ratio ?? ''} | ${r.target} | ${verdict(r)}${r.notes.length ? `: ${r.notes.join('; ')}` : ''} |`,
    ),
    '',
    'Ratio: ours ÷ floor for throughput, floor ÷ ours for latency (1 = as fast as the floor).',
    '',
  ];
  const plans = results.filter((r) => r.explain);
  if (plans.length > 0) {
    out.push('## Query plans (this run)', '');
    for (const r of plans) {
      for (const [name, plan] of Object.entries(r.explain ?? {})) {
        out.push(`### ${r.suite}: ${name}`, '', '```', plan, '```', '');
      }
    }
  }
  out.push(analysis.trim(), '');
  return out.join('\n');
}
