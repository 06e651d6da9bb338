/**
 * Word clusters on shared memory. As a `Map` of strings to arrays, the English and Spanish cluster files took 8.5 and
 * 15.5 MB of heap in every annotation thread (and English twice: the NER model and the attribution model each read
 * it). Here they are decoded once, by the thread that starts the annotation threads, into typed arrays on
 * SharedArrayBuffers (a hash table of the words, their UTF-16 code units and their ids), which every thread reads in
 * place.
 */
import { readFileSync } from 'node:fs';
import { adoptedModelParts, type SharedClusterParts } from './model-parts.ts';
import { sharedArray } from './shared-memory.ts';

export type { SharedClusterParts };

/** FNV-1a over UTF-16 code units. */
function hashOf(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Lays a word → ids map out on shared memory. */
export function shareClusters(map: ReadonlyMap<string, readonly number[]>): SharedClusterParts {
  let charCount = 0;
  let idCount = 0;
  for (const [word, ids] of map) {
    charCount += word.length;
    idCount += ids.length;
  }
  const chars = sharedArray(Uint16Array, charCount);
  const words = sharedArray(Int32Array, map.size * 4);
  const ids = sharedArray(Int32Array, idCount);
  let size = 1;
  while (size < map.size * 2) size *= 2;
  const slots = sharedArray(Int32Array, size);
  let c = 0;
  let d = 0;
  let w = 0;
  for (const [word, wordIds] of map) {
    words.set([c, word.length, d, wordIds.length], w * 4);
    for (let i = 0; i < word.length; i++) chars[c++] = word.charCodeAt(i);
    ids.set(wordIds, d);
    d += wordIds.length;
    let slot = hashOf(word) & (size - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot] = ++w;
  }
  return { chars, words, ids, slots };
}

/** A read-only word → ids map over shared cluster tables: what `readClusters` returns, read in place. */
export class SharedClusterMap implements ReadonlyMap<string, readonly number[]> {
  readonly #parts: SharedClusterParts;
  readonly #mask: number;

  constructor(parts: SharedClusterParts) {
    this.#parts = parts;
    this.#mask = parts.slots.length - 1;
  }

  get size(): number {
    return this.#parts.words.length / 4;
  }

  /** The index of `word`, or -1. */
  #find(word: string): number {
    const { chars, words, slots } = this.#parts;
    for (let slot = hashOf(word) & this.#mask; ; slot = (slot + 1) & this.#mask) {
      const entry = slots[slot]! - 1;
      if (entry < 0) return -1;
      const start = words[entry * 4]!;
      if (words[entry * 4 + 1] !== word.length) continue;
      let same = true;
      for (let i = 0; i < word.length && same; i++) same = chars[start + i] === word.charCodeAt(i);
      if (same) return entry;
    }
  }

  #word(entry: number): string {
    const { chars, words } = this.#parts;
    return String.fromCharCode(...chars.subarray(words[entry * 4]!, words[entry * 4]! + words[entry * 4 + 1]!));
  }

  #ids(entry: number): number[] {
    const { ids, words } = this.#parts;
    return Array.from(ids.subarray(words[entry * 4 + 2]!, words[entry * 4 + 2]! + words[entry * 4 + 3]!));
  }

  get(word: string): readonly number[] | undefined {
    const entry = this.#find(word);
    return entry < 0 ? undefined : this.#ids(entry);
  }

  has(word: string): boolean {
    return this.#find(word) >= 0;
  }

  *entries(): MapIterator<[string, readonly number[]]> {
    for (let entry = 0; entry < this.size; entry++) yield [this.#word(entry), this.#ids(entry)];
  }

  *keys(): MapIterator<string> {
    for (let entry = 0; entry < this.size; entry++) yield this.#word(entry);
  }

  *values(): MapIterator<readonly number[]> {
    for (let entry = 0; entry < this.size; entry++) yield this.#ids(entry);
  }

  [Symbol.iterator](): MapIterator<[string, readonly number[]]> {
    return this.entries();
  }

  forEach(callback: (value: readonly number[], key: string, map: ReadonlyMap<string, readonly number[]>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}

const readHere = new Map<string, ReadonlyMap<string, readonly number[]>>();

/**
 * The clusters of a file in models/ (`clusters-en.tsv.gz`): read in place from the tables another thread handed this one
 * (`adoptModelParts`), else read here (with `readClusters`) once per process, however many models use them.
 */
export function clusterMap(file: URL, readClusters: (gz: Uint8Array) => ReadonlyMap<string, readonly number[]>): ReadonlyMap<string, readonly number[]> {
  const name = file.pathname.slice(file.pathname.lastIndexOf('/') + 1);
  const given = adoptedModelParts()?.clusters?.[name];
  if (given) return new SharedClusterMap(given);
  let map = readHere.get(name);
  if (!map) {
    map = readClusters(readFileSync(file));
    readHere.set(name, map);
  }
  return map;
}
