/**
 * The ingest process behind `processIngest` (ingest-process.ts): a child of the server that runs its ingest jobs one
 * at a time on its own connection to the store, items read and annotated in a worker thread under the item budget
 * (`workerRunner`), so the models and linking's working memory live in this process and go with it when it exits.
 * Says `ready` once its worker is warm; reports each item as the job does; exits when the server disconnects.
 */
import { getPriority, setPriority } from 'node:os';
import { asQuipuError } from '../core/errors.ts';
import { ingest } from '../jobs/ingest-job.ts';
import { workerRunner } from '../jobs/item-runner.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { openRepository } from '../store/open.ts';
import type { IngestReply, IngestRequest } from './ingest-process.ts';

const send = (reply: IngestReply) => process.send?.(reply);
if (!process.send) throw new Error('ingest-child runs as a child process with an IPC channel only');
const store = process.env.QUIPU_INGEST_STORE;
if (!store) throw new Error('ingest-child needs QUIPU_INGEST_STORE');

// Ingest yields the CPU to the server's requests: a lower priority for this thread (where linking runs), set before the
// worker thread is made so that it inherits it (on Linux a priority is a thread's). Where it cannot be lowered, it runs as it is.
try {
  setPriority(Math.min(19, getPriority() + 10));
} catch {}
const repository = openRepository(store);
const runner = workerRunner({ timeoutMs: Number(process.env.QUIPU_CHILD_ITEM_TIMEOUT_MS) || 60_000 });
const pipeline = await defaultPipeline();
let jobs: Promise<void> = Promise.resolve();

process.on('disconnect', () => {
  void jobs
    .then(() => runner.close())
    .then(() => repository.close())
    .finally(() => process.exit(0));
});
process.on('message', (request: IngestRequest) => {
  jobs = jobs.then(async () => {
    try {
      await ingest(request.inputs, repository, {
        pipeline,
        runner,
        allowPrivate: request.allowPrivate,
        maxBytes: request.maxBytes,
        onEvent: (event) => send({ kind: 'event', id: request.id, event }),
      });
      send({ kind: 'done', id: request.id });
    } catch (error) {
      const failure = asQuipuError(error);
      send({ kind: 'failed', id: request.id, error: { code: failure.code, message: failure.message } });
    }
  });
});
await runner.warm();
send({ kind: 'ready' });
