/**
 * The `quipu` command line: ingest, list, show, search, stats, demo, eval.
 * Every command prints a readable table, or JSON with `--json` for scripts.
 */
import { Command, CommanderError, Option } from 'commander';
import { entitiesCommand, entityCommand } from './entities.ts';
import { exportCommand } from './export.ts';
import { hedges } from '../core/doc.ts';
import { QuipuError } from '../core/errors.ts';
import { conflictsCommand, copiesCommand, figuresCommand, sourcesCommand } from './across.ts';
import { claimsCommand } from './claims.ts';
import { demoCommand } from './demo.ts';
import { reanalyzeCommand } from './reanalyze.ts';
import { evalCommand } from './eval.ts';
import { ingestCommand } from './ingest.ts';
import { serveCommand } from './serve.ts';
import { enqueueCommand, jobsCommand, workerCommand } from './queue.ts';
import { dateFlag, languageFlag, textFlag } from './params.ts';
import { listCommand, searchCommand, showCommand, statsCommand } from './read.ts';

// `quipu list | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const program = new Command();
program
  .name('quipu')
  .description('Local-first news-evidence workbench: who, when, who said what, and what holds up.')
  .version('0.1.0')
  .showHelpAfterError()
  // Commander exits 1 on a usage error; the README promises 2 (1 means an item failed). Inherited by every command below.
  .exitOverride();

const dbOption = () => new Option('--db <file|url>', 'SQLite store file or postgres:// URL (or set QUIPU_DB)').env('QUIPU_DB').default('quipu.db');

const queueOptions = (command: Command) =>
  command
    .option('--job-timeout <s>', 'seconds before an active job of a dead worker is taken back', (v) => parsePositive(v, '--job-timeout'))
    .option('--retries <n>', 'retries for network failures before an item becomes a dead letter', (v) => parseCount(v, '--retries'))
    .option('--maintenance-seconds <s>', 'seconds between queue maintenance passes', (v) => parsePositive(v, '--maintenance-seconds'));

queueOptions(
  program
    .command('ingest')
    .description('ingest files, folders, URLs and feeds')
    .argument('<inputs...>', 'paths, folders, http(s) URLs or feed URLs')
    .addOption(dbOption())
    .option('--include <glob...>', 'only files in folders matching these globs')
    .option('--exclude <glob...>', 'skip files in folders matching these globs')
    .option('--allow-private', 'allow fetching from private and loopback addresses', false)
    .option('--max-bytes <n>', 'largest item read, in bytes', (v) => parsePositive(v, '--max-bytes'))
    .option('--timeout <ms>', 'time limit per fetch, in milliseconds', (v) => parsePositive(v, '--timeout'))
    .option('--item-timeout <s>', 'time limit to read and annotate one item, in seconds (default 60, or QUIPU_ITEM_TIMEOUT)', (v) => parsePositive(v, '--item-timeout'))
    .option('--json', 'print the summary as JSON', false)
    .option('--queue', 'enqueue the items for workers instead of ingesting here (needs a postgres:// store)', false),
).action((inputs, options) => (options.queue ? enqueueCommand(inputs, options) : ingestCommand(inputs, options)));

queueOptions(
  program
    .command('worker')
    .description('pull ingest jobs from the PostgreSQL queue, annotate and store them')
    .addOption(dbOption())
    .option('--concurrency <n>', 'jobs processed at once by this process (default: two per annotation thread; threads: one per core but one, or QUIPU_THREADS)', (v) =>
      parsePositive(v, '--concurrency'),
    )
    .option('--item-timeout <s>', 'time limit to read and annotate one item, in seconds (default 60, or QUIPU_ITEM_TIMEOUT)', (v) => parsePositive(v, '--item-timeout'))
    .option('--exit-when-idle', 'stop when the queue is empty', false)
    .option('--json', 'print a JSON summary at the end', false),
).action(workerCommand);

queueOptions(
  program
    .command('jobs')
    .description('show the ingest queue: queued, active, failed, and dead letters with their errors')
    .addOption(dbOption())
    .option('--limit <n>', 'dead letters shown', (v) => parsePositive(v, '--limit'), 50)
    .option('--json', 'print JSON', false),
).action(jobsCommand);

program
  .command('list')
  .description('list stored articles')
  .addOption(dbOption())
  .option('--outlet <name>', 'articles of this outlet', textFlag('--outlet', 200))
  .option('--language <code>', 'two- or three-letter code: en, es, und', languageFlag('--language'))
  .option('--from <date>', 'published on or after (ISO prefix)', dateFlag('--from'))
  .option('--to <date>', 'published on or before (ISO prefix)', dateFlag('--to'))
  .option('--limit <n>', 'rows per page', (v) => parsePositive(v, '--limit'), 50)
  .option('--offset <n>', 'rows to skip', (v) => parseCount(v, '--offset'), 0)
  .option('--json', 'print JSON', false)
  .action(listCommand);

program
  .command('show')
  .description('show one article: metadata and text')
  .argument('<id>', 'article id (a unique prefix is enough)')
  .addOption(dbOption())
  .option('--json', 'print JSON with every layer', false)
  .action(showCommand);

program
  .command('search')
  .description('ranked full-text search ("quoted phrases", -exclude, OR, prefix*)')
  .argument('<query...>')
  .addOption(dbOption())
  .option('--limit <n>', 'results per page', (v) => parsePositive(v, '--limit'), 20)
  .option('--offset <n>', 'results to skip', (v) => parseCount(v, '--offset'), 0)
  .option('--json', 'print JSON', false)
  .action(searchCommand);

program
  .command('claims')
  .description('who said what: attributions across the store, with speaker, cue, hedge and source article')
  .addOption(dbOption())
  .option('--by <name>', 'speakers whose name contains this (accents and case ignored)')
  .option('--about <name>', 'claims whose content mentions this entity')
  .option('--hedge <level>', hedges.join(', '))
  .option('--limit <n>', 'rows shown', (v) => parsePositive(v, '--limit'), 100)
  .option('--json', 'print JSON', false)
  .action(claimsCommand);

program
  .command('conflicts')
  .description("figures reported by several articles: conflicts, running totals that evolve (and agreements with --all); dates of one person's arrest, death, swearing-in … that disagree")
  .addOption(dbOption())
  .option('--all', 'also list figures that agree', false)
  .option('--json', 'print JSON', false)
  .action(conflictsCommand);

program
  .command('copies')
  .description('articles that copy others: syndicated copies, aggregator reposts, repeated paragraphs')
  .addOption(dbOption())
  .option('--json', 'print JSON', false)
  .action(copiesCommand);

program
  .command('entities')
  .description('people, organizations and places across the pile, most mentioned first')
  .addOption(dbOption())
  .option('--type <type>', 'PER, ORG, LOC or MISC')
  .option('--query <text>', 'names containing this (accents and case ignored)')
  .option('--limit <n>', 'rows per page', (v) => parsePositive(v, '--limit'), 50)
  .option('--offset <n>', 'rows to skip', (v) => parseCount(v, '--offset'), 0)
  .option('--json', 'print JSON', false)
  .action(entitiesCommand);

program
  .command('entity')
  .description('one entity: its aliases, roles and the articles that mention it')
  .argument('<name>', 'a name, an alias or an entity id prefix')
  .addOption(dbOption())
  .option('--json', 'print JSON', false)
  .action(entityCommand);

program
  .command('export')
  .description('everything known about the pile as one JSON document (docs/export.md)')
  .addOption(dbOption())
  .option('--format <format>', 'json', 'json')
  .option('--out <file>', 'write to this file instead of standard output')
  .action(exportCommand);

program
  .command('figures')
  .description('every figure in the pile (tolls, votes, percentages, money, sentences) with place, date and outlet')
  .addOption(dbOption())
  .option('--measure <measure>', 'killed (or deaths), injured, detained, votes_for, approval, money, sentence, …')
  .option('--limit <n>', 'rows shown', (v) => parsePositive(v, '--limit'), 200)
  .option('--json', 'print JSON', false)
  .action(figuresCommand);

program
  .command('sources')
  .description('outlets: their articles, languages, dates, whom they copy and whom they cite')
  .addOption(dbOption())
  .option('--json', 'print JSON', false)
  .action(sourcesCommand);

program.command('stats').description('counts by outlet, language and date').addOption(dbOption()).option('--json', 'print JSON', false).action(statsCommand);

program
  .command('reanalyze')
  .description('rebuild the stored findings (figure groups, date conflicts, events) from the stored articles')
  .addOption(dbOption())
  .option('--json', 'print a JSON summary', false)
  .action(reanalyzeCommand);

program
  .command('serve')
  .description('serve the REST API and the web UI (loopback unless --host, which then needs --token)')
  .addOption(dbOption())
  .option('--port <n>', 'port (0 picks a free one)', (v) => parseCount(v, '--port'), 8080)
  .option('--host <address>', 'address to bind', '127.0.0.1')
  .addOption(new Option('--token <token>', 'require Authorization: Bearer <token> on every /api call').env('QUIPU_TOKEN'))
  .option('--allow-private', 'let URL ingest reach private and loopback addresses', false)
  .action(serveCommand);

program
  .command('demo')
  .description('ingest the built-in sample corpus into a fresh store, show what Quipu found, then serve the web UI')
  .option('--db <file>', 'store file for the demo', 'quipu-demo.db')
  .option('--port <n>', 'port for the web UI', (v) => parseCount(v, '--port'), 8080)
  .option('--no-serve', 'exit after the report instead of serving the web UI')
  .option('--force', 'replace --db even when it is not a store the demo created', false)
  .option('--json', 'print JSON (and do not serve)', false)
  .action((options) => demoCommand({ ...options, serve: options.serve && !options.json }));

evalCommand(program);

function parsePositive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new QuipuError('E_CONFIG', `${name} takes a positive whole number, not "${value}"`);
  return n;
}

function parseCount(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new QuipuError('E_CONFIG', `${name} takes a whole number ≥ 0, not "${value}"`);
  return n;
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has printed the message (or the help or version, which exit 0).
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof QuipuError) {
    process.stderr.write(`quipu: ${error.message} [${error.code}]\n`);
    process.exitCode = 2;
  } else {
    // Not a mistake of the user's: say so, and keep the stack for a bug report.
    process.stderr.write(`quipu: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.QUIPU_DEBUG === '1') process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    else process.stderr.write('(set QUIPU_DEBUG=1 for the stack trace)\n');
    process.exitCode = 70;
  }
}
