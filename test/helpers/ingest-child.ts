/**
 * A second process for concurrency tests: ingests one folder into one store with an empty pipeline (no models to
 * load, so the test spends its time writing) and prints the summary as JSON. Usage: ingest-child.ts STORE FOLDER
 */
import { buildPipeline } from '../../src/core/pipeline.ts';
import { ingest } from '../../src/jobs/ingest-job.ts';
import { SqliteRepository } from '../../src/store/sqlite/sqlite-repository.ts';

const [store, folder] = process.argv.slice(2);
if (!store || !folder) throw new Error('usage: ingest-child.ts STORE FOLDER');
const repository = new SqliteRepository(store);
await repository.migrate();
// For tests that kill this process mid-ingest: from here on, it is writing.
process.stderr.write('ingesting\n');
const summary = await ingest([folder], repository, { pipeline: buildPipeline([]) });
await repository.close();
process.stdout.write(JSON.stringify({ ingested: summary.ingested, duplicates: summary.duplicates, failed: summary.failed }));
