import { roleSchema } from '@cityloop/contracts/roles';
import { Command, Option } from 'commander';
import {
  apiKeyCreateCommand,
  bulletinCommand,
  exportCasesCommand,
  hotlineStatsCommand,
  importCasesCommand,
  migrateCommand,
  seedCommand,
  usersAddCommand,
} from './cli-commands.js';
import { loadConfig } from './config.js';
import { startServer } from './main.js';
import { AppError } from './platform/http/errors.js';

const program = new Command();
program
  .name('cityloop')
  .description('CityLoop 城市综合管理指挥平台 command line')
  .option(
    '--database-url <url>',
    'PostgreSQL connection string (default: DATABASE_URL, else the embedded database)',
  )
  .option('--data-dir <dir>', 'folder of the embedded database and uploads (default ./data)');

const configOf = () => {
  const globals = program.opts<{ databaseUrl?: string; dataDir?: string }>();
  return loadConfig(process.env, { databaseUrl: globals.databaseUrl, dataDir: globals.dataDir });
};

program
  .command('serve')
  .description('启动服务 / start the HTTP server (migrates first)')
  .option('--demo', 'load the demo city 攀枝花 and one demo login per role')
  .action(async (opts: { demo?: boolean }) => {
    const server = await startServer(configOf(), { demo: Boolean(opts.demo) });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        server.stop().then(() => process.exit(0));
      });
    }
  });

program
  .command('migrate')
  .description('升级数据库结构 / bring the schema up to date')
  .action(async () => migrateCommand(configOf()));

program
  .command('seed')
  .description('载入字典（日历、区划网格、处置单位、类别）/ load the dictionaries')
  .option(
    '--demo',
    'also the demo logins and the June–July 2019 history (CITYLOOP_DEMO_HISTORY=0: no history)',
  )
  .action(async (opts: { demo?: boolean }) => seedCommand(configOf(), Boolean(opts.demo)));

const users = program.command('users').description('用户管理 / users');
users
  .command('add')
  .description('新增用户 / add a user')
  .requiredOption('--login <login>')
  .requiredOption('--name <name>', 'display name')
  .addOption(new Option('--role <role>').choices(roleSchema.options).makeOptionMandatory())
  .option('--password <password>', 'password (else read from CITYLOOP_PASSWORD)')
  .option('--unit <unit>', 'handling unit name (required for unit_staff)')
  .option('--district <district>', "district name (a leader's data scope)")
  .action(async (opts) => usersAddCommand(configOf(), opts));

program
  .command('import')
  .description('导入案件台账 CSV / import cases from the exchange CSV')
  .argument('<file>')
  .action(async (file: string) => importCasesCommand(configOf(), file));

program
  .command('export')
  .description('导出案件台账 CSV / export cases to the exchange CSV')
  .argument('<file>')
  .option('--from <date>', 'reported on or after YYYY-MM-DD (Asia/Shanghai)')
  .option('--to <date>', 'reported on or before YYYY-MM-DD (Asia/Shanghai)')
  .action(async (file: string, opts: { from?: string; to?: string }) =>
    exportCasesCommand(configOf(), file, opts),
  );

program
  .command('bulletin')
  .description('月度简报 / the monthly figures and bulletin of a month')
  .requiredOption('--month <YYYY-MM>', 'the month (Asia/Shanghai calendar month)')
  .option('--json <file>', 'monthly figures as JSON')
  .option('--docx <file>', 'the bulletin as Word')
  .option('--xlsx <file>', 'the bulletin as Excel (one sheet per table)')
  .option('--html <file>', 'the bulletin as a web page')
  .option('--as-of <instant>', 'figures as of this ISO 8601 instant (default: the month end)')
  .action(async (opts) => bulletinCommand(configOf(), opts));

const apikey = program.command('apikey').description('Open311 API 密钥 / Open311 API keys');
apikey
  .command('create')
  .description('发放密钥（只输出密钥本身）/ issue a key; prints only the key')
  .requiredOption('--name <name>', 'who the key is for')
  .option('--per-minute <n>', 'requests per minute (default 60)')
  .action(async (opts: { name: string; perMinute?: string }) => apiKeyCreateCommand(configOf(), opts));

const hotline = program.command('hotline').description('12345 热线 / the citizen hotline');
hotline
  .command('stats')
  .description('热线月度统计 / a month’s hotline figures (受理, 直接答复, 转办, 办结率, 满意率, 单位表)')
  .requiredOption('--month <month>', 'YYYY-MM')
  .option('--json', 'print the figures as JSON')
  .action(async (opts: { month: string; json?: boolean }) => hotlineStatsCommand(configOf(), opts));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof AppError) {
    console.error(`错误 error [${error.code}]: ${error.messages.zh}\n  ${error.messages.en}`);
    process.exit(error.status === 409 ? 3 : 2);
  }
  throw error;
}
