/** `quipu eval …`: the scorers for each annotation stage, as tables or JSON. */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { QuipuError } from '../core/errors.ts';
import { readFileSync } from 'node:fs';
import { evaluateAttributionDir, formatAttributionReport } from '../eval/attribution.ts';
import { evaluateNer, formatNerReport } from '../eval/ner.ts';
import { evaluateTimexDir, evaluateTimexSpanishTsv, formatTimexReport } from '../eval/timex.ts';
import { printJson } from './output.ts';

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
    .option('--split <part>', 'for a .tml folder: dev (every 5th file), rest, or all', 'all')
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
        : evaluateTimexSpanishTsv(path);
      if (options.json) printJson(report);
      else process.stdout.write(`${formatTimexReport(report)}\n`);
    });
}

function readText(file: string): string {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info?.isFile()) throw new QuipuError('E_NOT_FOUND', `${file} does not exist or is not a file`, file);
  return readFileSync(file, 'utf8');
}
