/** `quipu export --format json [--out FILE]`: the whole pile as one JSON document (docs/export.md). */
import { QuipuError } from '../core/errors.ts';
import { writeFileSync, renameSync } from 'node:fs';
import { exportJson } from '../export/json.ts';
import { withRepository } from './output.ts';

export async function exportCommand(options: { db: string; format: string; out?: string }): Promise<void> {
  if (options.format !== 'json') throw new QuipuError('E_CONFIG', `--format must be json, not "${options.format}"`);
  await withRepository(options.db, async (repository) => {
    const document = await exportJson(repository);
    const text = `${JSON.stringify(document, null, 1)}\n`;
    if (!options.out) {
      process.stdout.write(text);
      return;
    }
    // Written beside the target and renamed, so an interrupted export never leaves half a file.
    const partial = `${options.out}.partial`;
    writeFileSync(partial, text);
    renameSync(partial, options.out);
    process.stderr.write(
      `${document.articles.length} articles, ${document.entities.length} entities, ${document.events.length} events, ${document.claims.length} claims, ${document.figures.length} figures, ${document.conflicts.length} conflicts → ${options.out}\n`,
    );
  });
}
