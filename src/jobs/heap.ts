/**
 * A full garbage collection when a long ingest's heap has grown well past what it holds. V8 times its full
 * collections by how large the heap has become, not by how much the process should take: over a 2,000-item feed the
 * main thread held 45 MB of live data and let up to 200 MB of garbage pile up between two collections (RSS 690 MB);
 * collected when it has grown by `marginMb` since the last collection, it stays within that margin of its live data,
 * for a few tens of milliseconds of CPU every few hundred items.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;
let liveAfterLast = 0;

/**
 * V8's `gc()`: the one `--expose-gc` gives, or one made for this purpose without leaving the flag set; null when it
 * could not be made. The flag is the process's, shared by every thread: another annotation thread may turn it off
 * between the two calls here, and the new context then has no `gc` (a ReferenceError that stopped the thread and
 * failed its item: "gc is not defined"). A collection is never worth an item: it is tried again on the next one.
 */
function fullCollection(): (() => void) | null {
  const given = (globalThis as { gc?: () => void }).gc;
  if (typeof given === 'function') return given;
  try {
    setFlagsFromString('--expose-gc');
    // A new context gets the function while the flag is set; contexts made later (jsdom's windows) do not.
    const made: unknown = runInNewContext('typeof gc === "function" ? gc : null');
    return typeof made === 'function' ? (made as () => void) : null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}

/**
 * Collects this thread's garbage if its heap grew by `marginMb` since the last collection here; true when it did.
 * 32 MB, not 64: each of the two threads of an ingest (the one storing and linking, one annotating) then holds at most
 * 32 MB of garbage, and a feed of 1,000 items peaked lower (docs/limits.md) for a collection of a 50–60 MB heap every
 * few dozen items.
 */
export function collectWhenGrown(marginMb = 32): boolean {
  if (getHeapStatistics().used_heap_size < liveAfterLast + marginMb * 1024 * 1024) return false;
  collect ??= fullCollection() ?? undefined;
  if (!collect) return false;
  collect();
  liveAfterLast = getHeapStatistics().used_heap_size;
  return true;
}
