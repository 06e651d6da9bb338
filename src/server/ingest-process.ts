/**
 * Uploads ingested in a child process (ingest-child.ts): it reads and annotates them (its models in a worker thread
 * under the item budget), then stores, links and analyses them on its own connection to the store. The server's
 * process carries neither the models nor linking's working memory, which grows with the pile (regrouping a measure
 * reads every stored figure of it), and its event loop never waits on a linking transaction (2 s at 2,000 articles).
 * The child is started by the first job and stopped once jobs have left it idle for a while; a child that dies fails
 * the job it held, and the next job starts a new one.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { QuipuError } from '../core/errors.ts';
import type { IngestEvent } from '../jobs/ingest-job.ts';

export interface IngestRequest {
  id: number;
  inputs: string[];
  allowPrivate: boolean;
  maxBytes: number;
}

export type IngestReply =
  | { kind: 'ready' }
  | { kind: 'event'; id: number; event: IngestEvent }
  | { kind: 'done'; id: number }
  | { kind: 'failed'; id: number; error: { code: string; message: string } };

/** Where the server's ingest jobs run. */
export interface IngestProcess {
  /** Runs one ingest job; `onEvent` gets each item's outcome once the child has committed it. */
  run(inputs: readonly string[], options: { allowPrivate: boolean; maxBytes: number }, onEvent: (event: IngestEvent) => void): Promise<void>;
  /** Stops the child (after the job it runs, if any); the process may not be used afterwards. */
  close(): Promise<void>;
}

export interface IngestProcessOptions {
  /** The store the server serves: a SQLite file or a postgres:// URL, opened again by the child. */
  store: string;
  /** Time budget per item, in ms. */
  timeoutMs: number;
  /** How long the child stays after its last job (default `QUIPU_ANNOTATION_IDLE` or 60 s). */
  idleMs?: number;
  /** Its startup, models included, in ms (default 180 s). */
  startupMs?: number;
}

/** How long the ingest process stays after its last job, or `QUIPU_ANNOTATION_IDLE` seconds (0: stopped at once). */
export function defaultIngestIdleMs(): number {
  const raw = process.env.QUIPU_ANNOTATION_IDLE;
  if (raw === undefined || raw === '') return 60_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new QuipuError('E_CONFIG', `QUIPU_ANNOTATION_IDLE takes a number of seconds, 0 or more, not ${JSON.stringify(raw)}`);
  return Math.round(seconds * 1000);
}

/** The child's module: the bundle's sibling file, or the TypeScript source through tsx. */
function childEntry(): { path: string; execArgv: string[] } {
  if (import.meta.url.endsWith('.mjs')) return { path: fileURLToPath(new URL('./ingest-child.mjs', import.meta.url)), execArgv: [] };
  return { path: fileURLToPath(new URL('./ingest-child.ts', import.meta.url)), execArgv: ['--import', 'tsx'] };
}

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
  onEvent: (event: IngestEvent) => void;
}

export function processIngest(options: IngestProcessOptions): IngestProcess {
  const idleMs = options.idleMs ?? defaultIngestIdleMs();
  let child: ChildProcess | null = null;
  let ready: Promise<void> | null = null;
  let closed = false;
  let nextId = 1;
  let timer: NodeJS.Timeout | null = null;
  const pending = new Map<number, Pending>();

  const start = (): Promise<void> => {
    const { path, execArgv } = childEntry();
    const created = fork(path, [], {
      execArgv,
      serialization: 'advanced',
      // A stray log in the child goes to the server's stderr, never into its stdout.
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, QUIPU_INGEST_STORE: options.store, QUIPU_CHILD_ITEM_TIMEOUT_MS: String(options.timeoutMs) },
    });
    child = created;
    const startupMs = options.startupMs ?? 180_000;
    return new Promise<void>((resolve, reject) => {
      const startup = setTimeout(() => {
        created.kill();
        reject(new QuipuError('E_PIPELINE', `The ingest process did not start within ${startupMs / 1000} s`));
      }, startupMs);
      created.on('message', (reply: IngestReply) => {
        if (reply.kind === 'ready') {
          clearTimeout(startup);
          resolve();
          return;
        }
        const waiting = pending.get(reply.id);
        if (!waiting) return;
        if (reply.kind === 'event') {
          waiting.onEvent(reply.event);
          return;
        }
        pending.delete(reply.id);
        if (reply.kind === 'done') waiting.resolve();
        else waiting.reject(new QuipuError(reply.error.code as QuipuError['code'], reply.error.message));
      });
      created.on('exit', (code, signal) => {
        clearTimeout(startup);
        if (child === created) {
          child = null;
          ready = null;
        }
        const why = `the ingest process exited (${signal ?? `code ${code}`})`;
        reject(new QuipuError('E_PIPELINE', why));
        for (const [id, waiting] of pending) {
          pending.delete(id);
          waiting.reject(new QuipuError('E_PIPELINE', why));
        }
      });
    });
  };

  /** Disconnecting lets the child finish and exit; it is killed if it has not within a few seconds. */
  const stop = async (): Promise<void> => {
    const last = child;
    child = null;
    ready = null;
    if (!last || last.exitCode !== null || last.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => last.kill('SIGKILL'), 5000);
      last.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      if (last.connected) last.disconnect();
      else last.kill();
    });
  };
  const stopTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const armTimer = () => {
    stopTimer();
    if (pending.size > 0 || closed) return;
    timer = setTimeout(() => {
      if (pending.size === 0) void stop();
    }, idleMs);
    timer.unref();
  };

  return {
    async run(inputs, jobOptions, onEvent) {
      if (closed) throw new QuipuError('E_CONFIG', 'The ingest process is closed');
      stopTimer();
      try {
        ready ??= start();
        await ready;
        const current = child!;
        await new Promise<void>((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject, onEvent });
          current.send({ id, inputs: [...inputs], allowPrivate: jobOptions.allowPrivate, maxBytes: jobOptions.maxBytes } satisfies IngestRequest);
        });
      } finally {
        armTimer();
      }
    },
    async close() {
      closed = true;
      stopTimer();
      await stop();
    },
  };
}
