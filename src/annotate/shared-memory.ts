/**
 * Typed arrays on shared memory. A model's weight tables are decoded once, on memory of this kind, by the thread that
 * starts the annotation threads; each thread is handed them when it starts (a SharedArrayBuffer is shared, not copied,
 * when posted to a worker), so a process holds them once however many threads annotate. Within one thread a shared
 * array reads like any other.
 */
type TypedArrayConstructor<T> = { new (buffer: SharedArrayBuffer): T; readonly BYTES_PER_ELEMENT: number };

/** A zero-filled typed array of `length` elements on a new SharedArrayBuffer. */
export function sharedArray<T>(kind: TypedArrayConstructor<T>, length: number): T {
  return new kind(new SharedArrayBuffer(length * kind.BYTES_PER_ELEMENT));
}
