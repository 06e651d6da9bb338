/** `quipu reanalyze`: rebuilds the stored findings from the stored articles, with a progress bar on a terminal. */
import cliProgress from 'cli-progress';
import { analysisVersion } from '../analyze/update.ts';
import { reanalyze } from '../analyze/reanalyze.ts';
import { printJson, style, withRepository } from './output.ts';

export async function reanalyzeCommand(options: { db: string; json: boolean }): Promise<void> {
  await withRepository(options.db, async (repository) => {
    const started = performance.now();
    const bar =
      process.stderr.isTTY && !options.json
        ? new cliProgress.SingleBar({ format: ' {bar} {value}/{total} articles | {stage}', hideCursor: true, clearOnComplete: true, stream: process.stderr }, cliProgress.Presets.shades_classic)
        : null;
    bar?.start(1, 0, { stage: 'facts' });
    try {
      const { articles } = await reanalyze(repository, (done, total) => {
        if (total === 'findings') bar?.update(done, { stage: 'findings' });
        else {
          bar?.setTotal(total);
          bar?.update(done, { stage: 'facts' });
        }
      });
      bar?.stop();
      const seconds = (performance.now() - started) / 1000;
      if (options.json) return printJson({ articles, version: analysisVersion, seconds });
      process.stdout.write(`${style.bold(`${articles} articles reanalyzed`)} (findings version ${analysisVersion}) in ${seconds.toFixed(1)} s\n`);
    } finally {
      bar?.stop();
    }
  });
}
