/**
 * The annotation process behind `processRunner` (annotation-process.ts): a child of the server that reads and annotates
 * uploads in its own worker thread under the item budget (`workerRunner`), so the models live in this process and go
 * with it when it exits. Says `ready` once its worker is warm; exits when the server disconnects.
 */
import { getPriority, setPriority } from 'node:os';
import { asQuipuError } from '../core/errors.ts';
import { type WorkerReply, type WorkerRequest, workerRunner } from '../jobs/item-runner.ts';

const send = (reply: WorkerReply) => process.send?.(reply);
if (!process.send) throw new Error('annotation-child runs as a child process with an IPC channel only');

// Annotation yields the CPU to the server's requests: a lower priority for this thread, set before the worker thread is
// made so that it inherits it (on Linux a priority is a thread's). Where it cannot be lowered, it runs as it is.
try {
  setPriority(Math.min(19, getPriority() + 10));
} catch {}
const runner = workerRunner({ timeoutMs: Number(process.env.QUIPU_CHILD_ITEM_TIMEOUT_MS) || 60_000 });
process.on('disconnect', () => {
  void runner.close().finally(() => process.exit(0));
});
process.on('message', ({ id, item }: WorkerRequest) => {
  runner.run(item).then(
    (result) => send({ kind: 'done', id, result }),
    (error: unknown) => {
      const failure = asQuipuError(error, item.locator);
      send({ kind: 'failed', id, error: { code: failure.code, message: failure.message, item: failure.item ?? item.locator } });
    },
  );
});
await runner.warm();
send({ kind: 'ready' });
