/** `quipu eval …`: the scorers for each annotation stage, as tables or JSON. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { QuipuError } from '../core/errors.ts';
import { evaluateAttributionDir, formatAttributionReport } from '../eval/attribution.ts';
import { evaluateNer, formatNerReport } from '../eval/ner.ts';
import { evaluateTimexDir, evaluateTimexSpanishTsv, formatTimexReport } from '../eval/timex.ts';
import { type FindingsReport, findingsOfFolder, parseFindingsGold, scoreFindings } from '../eval/findings.ts';
import { ingestItems } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { openRepository } from '../store/open.ts';
import { printJson, printTable, style } from './output.ts';

export function evalCommand(program: Command): void {
  const evaluate = program.command('eval').description('score Quipu against annotated data');
  evaluate
    .command('ner')
    .description('conlleval scores (exact spans) on a CoNLL file: IOB1 or IOB2, 2 or 4 columns; the tagger sees only the tokens')
    .argument('<file>', 'CoNLL-format file')
    .requiredOption('--lang <code>', 'en or es')
    .option('--json', 'print JSON', false)
    .action((file: string, options: { lang: string; json: boolean }) => {
      if (options.lang !== 'en' && options.lang !== 'es') throw new QuipuError('E_CONFIG', `--lang takes en or es, not "${options.lang}"`);
      const report = evaluateNer(readText(file), options.lang);
      if (options.json) printJson(report);
      else process.stdout.write(`${formatNerReport(report)}\n`);
    });

  evaluate
    .command('attribution')
    .description('source, cue and content P/R/F1 (exact and token overlap) on a folder in PolNeAR layout (text/, attributions/)')
    .argument('<dir>', 'folder with text/*.txt and attributions/*.ann')
    .option('--limit <n>', 'score only the first n articles', (v) => Number(v))
    .option('--lang <code>', 'language of the articles: en (PolNeAR) or es', 'en')
    .option('--json', 'print JSON', false)
    .action((dir: string, options: { limit?: number; lang: string; json: boolean }) => {
      if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new QuipuError('E_NOT_FOUND', `${dir} is not a folder`, dir);
      if (options.lang !== 'en' && options.lang !== 'es') throw new QuipuError('E_CONFIG', `--lang takes en or es, not "${options.lang}"`);
      const report = evaluateAttributionDir(dir, { language: options.lang, ...(options.limit ? { limit: options.limit } : {}) });
      if (options.json) printJson(report);
      else process.stdout.write(`${formatAttributionReport(report)}\n`);
    });

  evaluate
    .command('timex')
    .description('TempEval-3 scores on a folder of TimeML .tml files, or a token-level Spanish TimeBank .tsv')
    .argument('<path>', 'folder of .tml files, or a .tsv file')
    .option('--split <part>', 'dev (every 5th file of a .tml folder, every 5th document of a .tsv file), rest, or all', 'all')
    .option('--lang <code>', 'en for TimeML folders, es for token files (TempEval-3 Spanish, MEANTIME-es); read from the path when absent')
    .option('--json', 'print JSON', false)
    .action((path: string, options: { split: string; lang?: string; json: boolean }) => {
      if (!['dev', 'rest', 'all'].includes(options.split)) throw new QuipuError('E_CONFIG', `--split takes dev, rest or all, not "${options.split}"`);
      if (options.lang && !['en', 'es'].includes(options.lang)) throw new QuipuError('E_CONFIG', `--lang takes en or es, not "${options.lang}"`);
      const info = statSync(path, { throwIfNoEntry: false });
      if (!info) throw new QuipuError('E_NOT_FOUND', `${path} does not exist`, path);
      // TimeML folders are read as English and token files as Spanish: the two formats the shared data comes in.
      if (options.lang === 'es' && info.isDirectory()) throw new QuipuError('E_CONFIG', 'Spanish is scored from a token file (token, BIO tag, value), not a TimeML folder');
      if (options.lang === 'en' && !info.isDirectory()) throw new QuipuError('E_CONFIG', 'English is scored from a folder of TimeML .tml files');
      const report = info.isDirectory()
        ? evaluateTimexDir(path, { split: options.split as 'dev' | 'rest' | 'all' })
        : evaluateTimexSpanishTsv(path, { split: options.split as 'dev' | 'rest' | 'all' });
      if (options.json) printJson(report);
      else process.stdout.write(`${formatTimexReport(report)}\n`);
    });

  evaluate
    .command('findings')
    .description(
      'ingest a folder of pages (header url/outlet/date/lang, a --- line, the text) into a temporary store and score figures, groups, verdicts, people, copies and entity types against a gold file',
    )
    .argument('<folder>', 'folder of NNN.txt pages')
    .argument('<gold>', 'gold.json (docs/findings-eval.md)')
    .option('--json', 'print JSON', false)
    .option('--keep <file>', 'store the pages in this new SQLite file, to look into with the other commands')
    .action(async (folder: string, goldFile: string, options: { json: boolean; keep?: string }) => {
      if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new QuipuError('E_NOT_FOUND', `${folder} is not a folder`, folder);
      // Never into a store that holds someone's material: the pages would join it.
      if (options.keep && existsSync(options.keep)) throw new QuipuError('E_CONFIG', `${options.keep} already exists; --keep makes a new store`, options.keep);
      const report = await evaluateFindingsFolder(folder, goldFile, options.keep);
      if (options.json) printJson(report);
      else printFindingsReport(report);
    });
}

/** Runs the findings evaluation the way `quipu eval findings` does: the ordinary ingest job into an in-memory store. */
export async function evaluateFindingsFolder(folder: string, goldFile: string, keep?: string): Promise<FindingsReport> {
  let gold;
  try {
    gold = parseFindingsGold(JSON.parse(readText(goldFile)));
  } catch (error) {
    if (error instanceof QuipuError) throw error;
    throw new QuipuError('E_CONFIG', `${goldFile}: ${(error as Error).message}`, goldFile);
  }
  const repository = openRepository(keep ?? ':memory:');
  try {
    await repository.migrate();
    const pipeline = await defaultPipeline();
    const run = await findingsOfFolder(folder, repository, (events, store) => ingestItems(events, store, { pipeline }));
    return scoreFindings(gold, run.findings, run);
  } finally {
    await repository.close();
  }
}

function printFindingsReport(report: FindingsReport): void {
  const percent = (value: number | null) => (value === null ? 'n/a' : `${(100 * value).toFixed(1)}%`);
  process.stdout.write(`${style.bold(`findings on ${report.pages} pages`)} (${report.seconds.toFixed(1)} s${report.failed.length > 0 ? `, ${report.failed.length} failed` : ''})\n`);
  for (const failure of report.failed) process.stdout.write(`  failed: ${failure.item}: ${failure.message}\n`);
  printTable(
    ['metric', 'value', 'of', 'target', ''],
    report.summary.map((row) => [row.metric, row.unit === 'count' ? String(row.value) : percent(row.value), row.detail, row.target, row.met === null ? '' : row.met ? 'met' : 'not met']),
  );
  process.stdout.write(`\n${style.bold('events and running totals: the best single group')}\n`);
  printTable(
    ['series', 'gold', 'recall', 'precision', 'verdict', 'expected', 'groups', 'ungrouped', 'unread', 'best group'],
    report.groups.series.map((s) => [s.id, s.gold, percent(s.recall), percent(s.precision), s.verdict ?? '—', s.expected.join(' or '), s.spread, s.ungrouped, s.unread, s.group ?? '(none)']),
    9,
  );
  process.stdout.write(`\n${style.bold('people')}\n`);
  printTable(
    ['person', 'pages', 'covered', 'entity', 'variants missing'],
    report.people.people.map((p) => [p.name, p.files, p.covered, p.entity ?? '(none)', p.variantsMissing.join(', ')]),
    4,
  );
  const { missed } = report.figures;
  if (missed.length > 0) {
    process.stdout.write(`\n${style.bold(`figures not read (${missed.length})`)}\n`);
    printTable(
      ['page', 'measure', 'value', 'read as', 'series'],
      missed.map((m) => [m.file, m.measure, m.value, m.foundAs.join(', ') || '—', m.series.join(', ')]),
      4,
    );
  }
  const durations = report.durations.items.filter((d) => !d.rightKind);
  if (durations.length > 0) {
    process.stdout.write(`\n${style.bold(`durations not read with the right kind (${durations.length})`)}\n`);
    printTable(
      ['page', 'value', 'kind', 'read', 'read kind', 'person'],
      durations.map((d) => [d.file, d.value, d.kind, d.read ? 'yes' : 'no', d.foundKind ?? '—', d.person]),
      5,
    );
  }
  const copies = [...report.copies.missed.map((c) => [c.files.join('–'), c.kind, 'not linked']), ...report.copies.notCopiesFlagged.map((c) => [c.join('–'), 'not a copy', 'linked'])];
  if (copies.length > 0) {
    process.stdout.write(`\n${style.bold('copies')}\n`);
    printTable(['pages', 'gold', 'found'], copies);
  }
}

function readText(file: string): string {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info?.isFile()) throw new QuipuError('E_NOT_FOUND', `${file} does not exist or is not a file`, file);
  return readFileSync(file, 'utf8');
}
