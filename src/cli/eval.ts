/** `quipu eval …`: the scorers for each annotation stage, as tables or JSON. */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { QuipuError } from '../core/errors.ts';
import { evaluateTimexDir, evaluateTimexSpanishTsv, formatTimexReport } from '../eval/timex.ts';
import { printJson } from './output.ts';

export function evalCommand(program: Command): void {
  const evaluate = program.command('eval').description('score Quipu against annotated data');
  evaluate
    .command('timex')
    .description('TempEval-3 scores on a folder of TimeML .tml files, or a token-level Spanish TimeBank .tsv')
    .argument('<path>', 'folder of .tml files, or a .tsv file')
    .option('--split <part>', 'for a .tml folder: dev (every 5th file), rest, or all', 'all')
    .option('--json', 'print JSON', false)
    .action((path: string, options: { split: string; json: boolean }) => {
      if (!['dev', 'rest', 'all'].includes(options.split)) throw new QuipuError('E_CONFIG', `--split takes dev, rest or all, not "${options.split}"`);
      const info = statSync(path, { throwIfNoEntry: false });
      if (!info) throw new QuipuError('E_NOT_FOUND', `${path} does not exist`, path);
      const report = info.isDirectory()
        ? evaluateTimexDir(path, { split: options.split as 'dev' | 'rest' | 'all' })
        : evaluateTimexSpanishTsv(path);
      if (options.json) printJson(report);
      else process.stdout.write(`${formatTimexReport(report)}\n`);
    });
}
