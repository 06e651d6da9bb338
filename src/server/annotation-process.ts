/**
 * Uploads read and annotated in a child process (annotation-child.ts), which holds the models and exits when the
 * server stops it: the server's own memory never carries them. The child runs the same worker thread and item budget
 * as `workerRunner`; a child that dies fails the items it held, and the next item starts a new one.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { QuipuError } from '../core/errors.ts';
import type { ItemRunner, ProcessedItem, WorkerReply, WorkerRequest } from '../jobs/item-runner.ts';
import type { RawItem } from '../ingest/extract.ts';

/** The child's module: the bundle's sibling file, or the TypeScript source through tsx. */
function childEntry(): { path: string; execArgv: string[] } {
  if (import.meta.url.endsWith('.mjs')) return { path: fileURLToPath(new URL('./annotation-child.mjs', import.meta.url)), execArgv: [] };
  return { path: fileURLToPath(new URL('./annotation-child.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

/** A child process annotating items under `timeoutMs` each (its startup, models included, under `startupMs`). */
export function processRunner(options: { timeoutMs: number; startupMs?: number }): ItemRunner {
  let child: ChildProcess | null = null;
  let ready: Promise<void> | null = null;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, { item: RawItem; resolve: (result: ProcessedItem) => void; reject: (error: QuipuError) => void }>();

  const start = (): Promise<void> => {
    const { path, execArgv } = childEntry();
    const created = fork(path, [], {
      execArgv,
      serialization: 'advanced',
      // A stray log in the child goes to the server's stderr, never into its stdout.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, QUIPU_CHILD_ITEM_TIMEOUT_MS: String(options.timeoutMs) },
    });
    child = created;
    const startupMs = options.startupMs ?? 180_000;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        created.kill();
        reject(new QuipuError('E_PIPELINE', `The annotation process did not start within ${startupMs / 1000} s`));
      }, startupMs);
      created.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'ready') {
          clearTimeout(timer);
          resolve();
          return;
        }
        const waiting = pending.get(reply.id);
        if (!waiting) return;
        pending.delete(reply.id);
        if (reply.kind === 'done') waiting.resolve(reply.result);
        else waiting.reject(new QuipuError(reply.error.code, reply.error.message, reply.error.item));
      });
      created.on('exit', (code, signal) => {
        clearTimeout(timer);
        if (child === created) {
          child = null;
          ready = null;
        }
        const why = `the annotation process exited (${signal ?? `code ${code}`})`;
        reject(new QuipuError('E_PIPELINE', why));
        for (const [id, waiting] of pending) {
          pending.delete(id);
          waiting.reject(new QuipuError('E_UNREADABLE', `${waiting.item.locator}: ${why}`, waiting.item.locator));
        }
      });
    });
  };

  return {
    depth: 2,
    async run(item) {
      if (closed) throw new QuipuError('E_CONFIG', 'The item runner is closed');
      ready ??= start();
      try {
        await ready;
      } catch (error) {
        throw new QuipuError('E_PIPELINE', `${item.locator}: ${error instanceof Error ? error.message : String(error)}`, item.locator, { cause: error });
      }
      const current = child!;
      return new Promise<ProcessedItem>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { item, resolve, reject });
        current.send({ id, item } satisfies WorkerRequest);
      });
    },
    async warm() {
      ready ??= start();
      await ready;
    },
    async close() {
      closed = true;
      const last = child;
      child = null;
      ready = null;
      if (!last || last.exitCode !== null) return;
      // Disconnecting lets the child stop its worker and exit; it is killed if it has not within a few seconds.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => last.kill('SIGKILL'), 5000);
        last.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        last.disconnect();
      });
    },
  };
}
