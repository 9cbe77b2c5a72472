import pg from 'pg';

/**
 * Benchmark databases live beside the URL's: created fresh for a run (cityloop_bench_<run>_<name>)
 * and dropped at its end, so a run never touches anyone's data and leaves no disk behind.
 */
export class BenchDatabases {
  private readonly admin: pg.Pool;
  private readonly created: string[] = [];

  constructor(
    private readonly baseUrl: string,
    private readonly runId: string,
  ) {
    const url = new URL(baseUrl);
    url.pathname = '/postgres';
    this.admin = new pg.Pool({ connectionString: url.toString(), max: 1 });
  }

  /** A new empty database; returns its URL. */
  async create(name: string): Promise<string> {
    const db = `cityloop_bench_${this.runId}_${name}`.toLowerCase();
    if (!/^[a-z0-9_]+$/.test(db)) throw new Error(`bad database name ${db}`);
    await this.admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await this.admin.query(`CREATE DATABASE ${db}`);
    this.created.push(db);
    return this.urlOf(db);
  }

  urlOf(db: string): string {
    const url = new URL(this.baseUrl);
    url.pathname = `/${db}`;
    return url.toString();
  }

  async serverFacts(): Promise<{ version: string; settings: Record<string, string> }> {
    const version = (await this.admin.query('show server_version')).rows[0].server_version as string;
    const settings: Record<string, string> = {};
    for (const name of ['shared_buffers', 'work_mem', 'max_connections', 'synchronous_commit']) {
      settings[name] = (await this.admin.query(`show ${name}`)).rows[0][name] as string;
    }
    return { version, settings };
  }

  async dropAll(): Promise<void> {
    for (const db of this.created.splice(0))
      await this.admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }

  async close(): Promise<void> {
    await this.admin.end();
  }
}
