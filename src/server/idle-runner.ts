/**
 * The server's annotation runner: a child process (annotation-process.ts) started by the first upload and stopped once
 * uploads have left it idle for a while, so its models (about 170 MB) and the HTML reader are held only around an
 * upload, and in another process than the server's. The next upload starts a fresh one and waits for its models.
 */
import { QuipuError } from '../core/errors.ts';
import { defaultItemTimeoutMs, type ItemRunner } from '../jobs/item-runner.ts';
import { processRunner } from './annotation-process.ts';

/** How long the annotation worker stays after its last item, or `QUIPU_ANNOTATION_IDLE` seconds (0: stopped at once). */
export function defaultAnnotationIdleMs(): number {
  const raw = process.env.QUIPU_ANNOTATION_IDLE;
  if (raw === undefined || raw === '') return 60_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0) throw new QuipuError('E_CONFIG', `QUIPU_ANNOTATION_IDLE takes a number of seconds, 0 or more, not ${JSON.stringify(raw)}`);
  return Math.round(seconds * 1000);
}

/**
 * A runner made by `create` when an item comes, closed when no item has been running for `idleMs`. `depth` is the
 * depth of the runners `create` makes (read before any exists).
 */
export function idleClosingRunner(create: () => ItemRunner, idleMs: number, depth = 1): ItemRunner {
  let current: ItemRunner | null = null;
  let running = 0;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const stopTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const retire = () => {
    stopTimer();
    if (running > 0 || !current) return;
    const idle = current;
    current = null;
    void idle.close();
  };
  const armTimer = () => {
    stopTimer();
    if (running > 0 || closed) return;
    timer = setTimeout(retire, idleMs);
    timer.unref();
  };
  const open = (): ItemRunner => {
    stopTimer();
    current ??= create();
    return current;
  };

  return {
    depth,
    async run(item) {
      if (closed) throw new QuipuError('E_CONFIG', 'The item runner is closed');
      const runner = open();
      running++;
      try {
        return await runner.run(item);
      } finally {
        running--;
        armTimer();
      }
    },
    async warm() {
      await open().warm();
      armTimer();
    },
    async close() {
      closed = true;
      stopTimer();
      const last = current;
      current = null;
      await last?.close();
    },
  };
}

/** The annotation runner `quipu serve` uses: a child process (annotation-process.ts) under the item budget, stopped when idle. */
export function serverItemRunner(options: { timeoutMs?: number; idleMs?: number } = {}): ItemRunner {
  const timeoutMs = options.timeoutMs ?? defaultItemTimeoutMs();
  return idleClosingRunner(() => processRunner({ timeoutMs }), options.idleMs ?? defaultAnnotationIdleMs(), 2);
}
