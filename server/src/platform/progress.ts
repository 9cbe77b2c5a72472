import cliProgress from 'cli-progress';

/**
 * A progress bar on stderr for long CLI runs; silent when stderr is not a terminal (CI logs).
 * `update(done, total)` may be called as often as rows arrive.
 */
export function progressBar(label: string) {
  if (!process.stderr.isTTY) return { update: (_done: number, _total?: number) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total?: number) {
      if (!started) {
        bar.start(total ?? done, done);
        started = true;
      }
      if (total !== undefined) bar.setTotal(total);
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}
