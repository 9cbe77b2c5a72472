import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './main.css';

/** What GET /api/health answers. */
interface Health {
  status: 'ok';
  engine?: string;
  city?: string | { code?: string; name?: string };
}

type HealthState = { kind: 'loading' } | { kind: 'ok'; health: Health } | { kind: 'failed'; reason: string };

const ENGINE_LABELS: Record<string, string> = {
  pglite: 'PGlite（内嵌数据库 / embedded）',
  postgres: 'PostgreSQL',
  postgresql: 'PostgreSQL',
};

function cityLabel(city: Health['city']): string | undefined {
  if (!city) return undefined;
  if (typeof city === 'string') return city;
  return [city.name, city.code].filter(Boolean).join(' ') || undefined;
}

function useHealth(): HealthState {
  const [state, setState] = useState<HealthState>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), 5000);
    fetch('/api/health', { signal: controller.signal, headers: { accept: 'application/json' } })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = (await res.json()) as Health;
        if (body?.status !== 'ok') throw new Error('unexpected answer');
        if (!cancelled) setState({ kind: 'ok', health: body });
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        setState({ kind: 'failed', reason: err instanceof Error ? err.message : String(err) });
      })
      .finally(() => clearTimeout(timer));
    return () => {
      cancelled = true;
      clearTimeout(timer);
      controller.abort();
    };
  }, []);
  return state;
}

function ServerStatus() {
  const state = useHealth();
  if (state.kind === 'loading') {
    return <p className="status">正在连接服务器… / Connecting to the server…</p>;
  }
  if (state.kind === 'failed') {
    return (
      <p className="status status-bad" role="alert">
        暂时无法连接服务器（{state.reason}）。/ The server cannot be reached right now.
      </p>
    );
  }
  const { engine, city } = state.health;
  const cityText = cityLabel(city);
  return (
    <dl className="status status-ok">
      <dt>服务状态 / Status</dt>
      <dd>运行中 / running</dd>
      {engine ? (
        <>
          <dt>数据库 / Database</dt>
          <dd>{ENGINE_LABELS[engine.toLowerCase()] ?? engine}</dd>
        </>
      ) : null}
      {cityText ? (
        <>
          <dt>城市 / City</dt>
          <dd>{cityText}</dd>
        </>
      ) : null}
    </dl>
  );
}

function Landing() {
  return (
    <main className="landing">
      <header>
        <h1>
          城市综合管理指挥平台 <span className="brand">CityLoop</span>
        </h1>
        <p className="lead">
          数字城管与 12345 热线一体化平台：问题上报、核实、立案、派遣、处置、核查、结案全流程闭环，
          按月考核评价并生成通报。
        </p>
        <p className="lead-en">
          A digital urban-management command centre joined with the 12345 citizen hotline: every reported
          problem is verified, filed, dispatched, fixed, checked and closed, and every month the units are
          scored in a published bulletin.
        </p>
      </header>
      <section>
        <ServerStatus />
      </section>
      <nav>
        <a href="/docs">API 文档 / API documentation</a>
      </nav>
      <p className="note">指挥中心控制台即将上线。/ The command-centre console is coming soon.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Landing />
    </StrictMode>,
  );
}
