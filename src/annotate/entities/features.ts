/**
 * Feature extraction for the NER tagger, shared by training (scripts/train-ner.ts) and tagging.
 *
 * Features are hashed integers, never strings: each word form is reduced once to a row of
 * "atoms" (hashes of its lowercase form, shape, affixes, clusters…) kept in a cache, and a
 * feature is a template id mixed with one or two atoms. The tagger (`NerModel.tagDocument`) goes one
 * step further through `wordTemplates` / `pairPrefixes` / `pairHashes`, which emit the same hashes grouped by role.
 */

/** Word clusters: lowercase word → cluster ids, one per granularity (coarse to fine). */
export type ClusterMap = ReadonlyMap<string, readonly number[]>;

/** Per-document casing evidence: lowercase word → bit set of casings seen away from sentence starts. */
export type DocCasing = ReadonlyMap<string, number>;

const CASE_LOWER = 1;
const CASE_TITLE = 2;
const CASE_UPPER = 4;
const CASE_OTHER = 8;

/** FNV-1a over UTF-16 units, seeded. */
export function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit values (murmur3 finalizer style). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0xcc9e2d51), 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Maps raw-text punctuation to the forms the CoNLL data uses, so “ ” ’ — look like " " ' --. */
export function normalizeForm(form: string): string {
  if (/^[\p{L}\p{N}]+$/u.test(form)) return form;
  return form
    .replace(/[“”„‟«»″]/gu, '"')
    .replace(/[‘’‚‛′`´]/gu, "'")
    .replace(/[—―]/gu, '--')
    .replace(/[–‐‑‒]/gu, '-')
    .replace(/…/gu, '...');
}

/** Collapsed word shape: "González-Olaechea" → "Xx-Xx", "1996-08-22" → "d-d-d". */
export function shapeOf(form: string, collapse: boolean): string {
  let out = '';
  let last = '';
  let run = 0;
  for (const ch of form) {
    let c: string;
    if (/\p{Lu}/u.test(ch)) c = 'X';
    else if (/\p{Ll}/u.test(ch)) c = 'x';
    else if (/\p{N}/u.test(ch)) c = 'd';
    else c = ch;
    if (c === last) {
      run++;
      if (collapse || run >= 4) continue;
    } else run = 0;
    out += c;
    last = c;
  }
  return out;
}

function casingOf(form: string): number {
  if (!/\p{L}/u.test(form)) return CASE_OTHER;
  if (form === form.toLowerCase()) return CASE_LOWER;
  if (form === form.toUpperCase()) return form.length > 1 ? CASE_UPPER : CASE_TITLE;
  if (/^\p{Lu}/u.test(form)) return CASE_TITLE;
  return CASE_OTHER;
}

/** Indices of the atoms in a word's atom row. */
const A_LOWER = 0;
const A_FORM = 1;
const A_SHAPE = 2;
const A_SHORT = 3;
const A_PRE1 = 4; // 4..7 prefixes 1-4
const A_SUF1 = 8; // 8..11 suffixes 1-4
const A_FLAGS = 12;
const A_CASE = 13;
const A_NORM = 14;
const A_CLUSTER = 15; // 15.. one per cluster level
const FIXED_ATOMS = 15;

/** Options that define a model's feature set; stored in the model file. */
export interface FeatureConfig {
  /** How many cluster levels to use (0 = none). */
  clusterLevels: number;
  /** Use document-level casing features. */
  docFeatures: boolean;
  /** Use cluster ids of the neighbouring words too. */
  clusterWindow: boolean;
  /**
   * Extended prediction history (Ratinov & Roth 2009): the types the tagger gave the same word
   * earlier in the document. Optional so that older model headers still read.
   */
  history?: boolean;
  /** Use the name list derived from the training data (see `Gazetteer`). */
  gazetteer?: boolean;
  /** Extra context templates: neighbours' exact forms and suffixes, cluster bigrams. */
  extra?: boolean;
}

/** Names seen in training data: lowercase token sequence joined by spaces → bit set of types (PER=1, ORG=2, LOC=4, MISC=8). */
export type Gazetteer = Map<string, number>;

/** Longest name in the gazetteer, in tokens. */
export const GAZETTEER_MAX_TOKENS = 6;
const GAZ_SLOTS = 2;
const EXTRA_SLOTS = 6;

/**
 * Marks each token with the gazetteer names covering it: bits 0-3 the types of names starting
 * there, bits 4-7 the types of names continuing through it. Names start at a token with a capital or digit.
 */
export function gazetteerMarks(forms: readonly string[], gazetteer: Gazetteer): Int32Array {
  const n = forms.length;
  const marks = new Int32Array(n);
  const lower = forms.map((f) => normalizeForm(f).toLowerCase());
  for (let i = 0; i < n; i++) {
    if (!/^[\p{Lu}\p{N}]/u.test(forms[i]!)) continue;
    let key = '';
    for (let len = 1; len <= GAZETTEER_MAX_TOKENS && i + len <= n; len++) {
      key = len === 1 ? lower[i]! : `${key} ${lower[i + len - 1]}`;
      const mask = gazetteer.get(key);
      if (mask === undefined) continue;
      marks[i]! |= mask;
      for (let k = i + 1; k < i + len; k++) marks[k]! |= mask << 4;
    }
  }
  return marks;
}

/** Number of feature slots reserved for the prediction history at the end of each token's row. */
export const HISTORY_SLOTS = 2;

/** Per-document memory of predicted types: lowercase word → counts per type (PER, ORG, LOC, MISC). */
export type PredictionHistory = Map<string, Int32Array>;

export const DEFAULT_FEATURES: FeatureConfig = { clusterLevels: 0, docFeatures: true, clusterWindow: true };

/** Extracts hashed features for sentences; holds a per-form atom cache. */
export class FeatureExtractor {
  readonly config: FeatureConfig;
  private readonly clusters: ClusterMap | null;
  private readonly cache = new Map<string, Int32Array>();
  private readonly nAtoms: number;
  private readonly padding: Int32Array[];

  /** The sentinel atom rows around a sentence: <S-2>, <S-1>, </S+1>, </S+2>. */
  get paddingRows(): readonly Int32Array[] {
    return this.padding;
  }

  /** The name list the gazetteer features look in (training swaps it per fold). */
  gazetteer: Gazetteer | null = null;

  constructor(config: FeatureConfig, clusters: ClusterMap | null, gazetteer: Gazetteer | null = null) {
    this.config = config;
    this.clusters = clusters;
    this.gazetteer = gazetteer;
    this.nAtoms = FIXED_ATOMS + config.clusterLevels;
    this.padding = [this.makePad('<S-2>'), this.makePad('<S-1>'), this.makePad('</S+1>'), this.makePad('</S+2>')];
  }

  private makePad(name: string): Int32Array {
    const row = new Int32Array(this.nAtoms);
    for (let k = 0; k < this.nAtoms; k++) row[k] = hashString(name, k + 1000);
    return row;
  }

  /** The atom row for one word form (cached). */
  atoms(rawForm: string): Int32Array {
    let row = this.cache.get(rawForm);
    if (row) return row;
    row = this.computeAtoms(rawForm);
    if (this.cache.size > 300_000) this.cache.clear();
    this.cache.set(rawForm, row);
    return row;
  }

  /** The atom row for one word form, not cached (for callers that keep their own cache). */
  computeAtoms(rawForm: string): Int32Array {
    const form = normalizeForm(rawForm);
    const lower = form.toLowerCase();
    const row = new Int32Array(this.nAtoms);
    row[A_LOWER] = hashString(lower, 1);
    row[A_FORM] = hashString(form, 2);
    row[A_SHAPE] = hashString(shapeOf(form, false), 3);
    row[A_SHORT] = hashString(shapeOf(form, true), 4);
    for (let k = 0; k < 4; k++) {
      row[A_PRE1 + k] = form.length > k + 1 ? hashString(form.slice(0, k + 1), 5 + k) : 0;
      row[A_SUF1 + k] = form.length > k + 1 ? hashString(form.slice(-(k + 1)), 9 + k) : 0;
    }
    const hasDigit = /\p{N}/u.test(form) ? 1 : 0;
    const hasHyphen = form.includes('-') ? 1 : 0;
    const hasPeriod = form.includes('.') ? 1 : 0;
    const hasLetter = /\p{L}/u.test(form) ? 1 : 0;
    const len = Math.min(form.length, 6);
    row[A_FLAGS] = hashString(`${casingOf(form)}${hasDigit}${hasHyphen}${hasPeriod}${hasLetter}${len}`, 13);
    row[A_CASE] = casingOf(form);
    // digits collapsed so "1996" and "2024" share a form
    row[A_NORM] = hashString(lower.replace(/\p{N}/gu, '0'), 14);
    for (let level = 0; level < this.config.clusterLevels; level++) {
      const ids = this.clusters?.get(lower) ?? this.clusters?.get(lower.replace(/\p{N}/gu, '0'));
      const id = ids ? (ids[level] ?? -1) : -1;
      row[A_CLUSTER + level] = mix(id + 7, 2000 + level);
    }
    return row;
  }

  /** Counts the features emitted per token (fixed for a config). */
  get featuresPerToken(): number {
    const c = this.config;
    return (
      30 +
      (c.docFeatures ? 2 : 0) +
      c.clusterLevels * (c.clusterWindow ? 3 : 1) +
      (c.clusterLevels > 0 ? 1 : 0) +
      (c.history ? HISTORY_SLOTS : 0) +
      (c.gazetteer ? GAZ_SLOTS : 0) +
      (c.extra ? EXTRA_SLOTS : 0)
    );
  }

  /**
   * Writes `featuresPerToken` hashed features for each token of `forms` into `out`
   * (token-major); `docCasing` comes from `documentCasing` over the whole document.
   */
  extract(forms: readonly string[], out: Uint32Array, docCasing: DocCasing | null): void {
    const n = forms.length;
    const rows: Int32Array[] = new Array(n + 4);
    rows[0] = this.padding[0]!;
    rows[1] = this.padding[1]!;
    for (let i = 0; i < n; i++) rows[i + 2] = this.atoms(forms[i]!);
    rows[n + 2] = this.padding[2]!;
    rows[n + 3] = this.padding[3]!;
    const F = this.featuresPerToken;
    const levels = this.config.clusterLevels;
    const marks = this.config.gazetteer && this.gazetteer ? gazetteerMarks(forms, this.gazetteer) : new Int32Array(n);
    // one set of closures per sentence, not per token
    let o = 0;
    let t = 0;
    const f1 = (a: number) => {
      out[o++] = mix(Math.imul(++t, 0x9e3779b1), a);
    };
    const f2 = (a: number, b: number) => {
      out[o++] = mix(mix(Math.imul(++t, 0x9e3779b1), a), b);
    };
    const f3 = (a: number, b: number, d: number) => {
      out[o++] = mix(mix(mix(Math.imul(++t, 0x9e3779b1), a), b), d);
    };
    for (let i = 0; i < n; i++) {
      const p2 = rows[i]!,
        p1 = rows[i + 1]!,
        c = rows[i + 2]!,
        n1 = rows[i + 3]!,
        n2 = rows[i + 4]!;
      o = i * F;
      t = 0;
      f1(0); // bias
      f1(c[A_LOWER]!);
      f1(c[A_FORM]!);
      f1(c[A_NORM]!);
      f1(p1[A_LOWER]!);
      f1(n1[A_LOWER]!);
      f1(p2[A_LOWER]!);
      f1(n2[A_LOWER]!);
      f1(c[A_SHAPE]!);
      f1(c[A_SHORT]!);
      f1(p1[A_SHORT]!);
      f1(n1[A_SHORT]!);
      for (let k = 0; k < 4; k++) f1(c[A_PRE1 + k]!);
      for (let k = 0; k < 4; k++) f1(c[A_SUF1 + k]!);
      f1(c[A_FLAGS]!);
      f2(c[A_FLAGS]!, i === 0 ? 1 : 0);
      f2(p1[A_LOWER]!, c[A_LOWER]!);
      f2(c[A_LOWER]!, n1[A_LOWER]!);
      f3(p1[A_SHORT]!, c[A_SHORT]!, n1[A_SHORT]!);
      f2(p1[A_SHORT]!, c[A_SHORT]!);
      f2(c[A_SHORT]!, n1[A_SHORT]!);
      f2(p1[A_LOWER]!, c[A_SHORT]!);
      f2(c[A_SHORT]!, n1[A_LOWER]!);
      f2(p2[A_LOWER]!, p1[A_LOWER]!);
      if (this.config.docFeatures) {
        const seen = docCasing?.get(normalizeForm(forms[i]!).toLowerCase()) ?? 0;
        f2(c[A_CASE]!, seen);
        f3(c[A_CASE]!, seen, i === 0 ? 1 : 0);
      }
      for (let level = 0; level < levels; level++) {
        f1(c[A_CLUSTER + level]!);
        if (this.config.clusterWindow) {
          f1(p1[A_CLUSTER + level]!);
          f1(n1[A_CLUSTER + level]!);
        }
      }
      if (levels > 0) f2(c[A_CLUSTER + levels - 1]!, c[A_CASE]!);
      if (this.config.gazetteer) {
        f1(marks[i]! + 1);
        f2(marks[i]! + 1, c[A_CASE]!);
      }
      if (this.config.extra) {
        f1(p1[A_FORM]!);
        f1(n1[A_FORM]!);
        f1(p1[A_SUF1 + 2]!);
        f1(n1[A_SUF1 + 2]!);
        f2(levels > 0 ? p1[A_CLUSTER + levels - 1]! : p1[A_SHORT]!, levels > 0 ? c[A_CLUSTER + levels - 1]! : c[A_SHORT]!);
        f2(levels > 0 ? c[A_CLUSTER + levels - 1]! : c[A_SHORT]!, levels > 0 ? n1[A_CLUSTER + levels - 1]! : n1[A_SHORT]!);
      }
      if (this.config.history) o += HISTORY_SLOTS; // filled by historyFeatures
      // pad to the fixed width (templates that were skipped above)
      while (o < (i + 1) * F) out[o++] = mix(Math.imul(++t, 0x9e3779b1), 0);
    }
  }
}

/**
 * The hashes `extract` emits for one word, grouped by the role the word plays, so a tagger can
 * resolve them to weight rows once per word type instead of once per token (see `NerModel`).
 * Only for configs without gazetteer and extra templates (`fastPathSupported`).
 */
export interface WordTemplates {
  /** Features of the word as the current token that do not depend on its neighbours or position. */
  current: number[];
  /** Its features as the previous token (p1) of another. */
  asPrev: number[];
  /** Its features as the next token (n1). */
  asNext: number[];
  /** As the token two before / two after. */
  asPrev2: number;
  asNext2: number;
  /** flags × sentence-initial, for i = 0 and i > 0. */
  first: number;
  notFirst: number;
  /** The casing class the document features use. */
  casing: number;
}

const tmpl = (t: number) => Math.imul(t, 0x9e3779b1);

/** True when `wordTemplates`, `pairHashes`, `docHashes` reproduce `extract` for this config. */
export function fastPathSupported(config: FeatureConfig): boolean {
  return !config.gazetteer && !config.extra;
}

/** Template number of the first cluster template (they follow the document-casing pair when present). */
const clusterBase = (config: FeatureConfig) => (config.docFeatures ? 33 : 31);

/** The word's hashes by role; template numbers follow the order of `extract`. */
export function wordTemplates(c: Int32Array, config: FeatureConfig): WordTemplates {
  const current = [mix(tmpl(1), 0), mix(tmpl(2), c[A_LOWER]!), mix(tmpl(3), c[A_FORM]!), mix(tmpl(4), c[A_NORM]!), mix(tmpl(9), c[A_SHAPE]!), mix(tmpl(10), c[A_SHORT]!)];
  for (let k = 0; k < 4; k++) current.push(mix(tmpl(13 + k), c[A_PRE1 + k]!), mix(tmpl(17 + k), c[A_SUF1 + k]!));
  current.push(mix(tmpl(21), c[A_FLAGS]!));
  const asPrev = [mix(tmpl(5), c[A_LOWER]!), mix(tmpl(11), c[A_SHORT]!)];
  const asNext = [mix(tmpl(6), c[A_LOWER]!), mix(tmpl(12), c[A_SHORT]!)];
  const levels = config.clusterLevels;
  let t = clusterBase(config);
  for (let level = 0; level < levels; level++) {
    current.push(mix(tmpl(t++), c[A_CLUSTER + level]!));
    if (config.clusterWindow) {
      asPrev.push(mix(tmpl(t++), c[A_CLUSTER + level]!));
      asNext.push(mix(tmpl(t++), c[A_CLUSTER + level]!));
    }
  }
  if (levels > 0) current.push(mix(mix(tmpl(t), c[A_CLUSTER + levels - 1]!), c[A_CASE]!));
  return {
    current,
    asPrev,
    asNext,
    asPrev2: mix(tmpl(7), c[A_LOWER]!),
    asNext2: mix(tmpl(8), c[A_LOWER]!),
    first: mix(mix(tmpl(22), c[A_FLAGS]!), 1),
    notFirst: mix(mix(tmpl(22), c[A_FLAGS]!), 0),
    casing: c[A_CASE]!,
  };
}

/** Number of hashes `pairHashes` writes. */
export const PAIR_FEATURES = 8;

/** `mix` without the final unsigned conversion: the same 32 bits as a signed integer (no heap numbers in hot loops). */
function mixInt(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0xcc9e2d51), 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Where `pairPrefixes` keeps the word's own lowercase and short-shape atoms, after the eight prefixes. */
const P_LOWER = 8;
const P_SHORT = 9;

/**
 * What the pair templates (23-30 of `extract`) need of one word: the first mixing step that depends
 * on it alone, by the role it plays there — [23 as p1, 24 as c, 25 as p1, 26 as p1, 27 as c, 28 as p1,
 * 29 as c, 30 as p2] — then its lowercase and short-shape atoms.
 */
export function pairPrefixes(w: Int32Array): Int32Array {
  return Int32Array.of(
    mixInt(tmpl(23), w[A_LOWER]!),
    mixInt(tmpl(24), w[A_LOWER]!),
    mixInt(tmpl(25), w[A_SHORT]!),
    mixInt(tmpl(26), w[A_SHORT]!),
    mixInt(tmpl(27), w[A_SHORT]!),
    mixInt(tmpl(28), w[A_LOWER]!),
    mixInt(tmpl(29), w[A_SHORT]!),
    mixInt(tmpl(30), w[A_LOWER]!),
    w[A_LOWER]!,
    w[A_SHORT]!,
  );
}

/**
 * The features that join neighbouring words (templates 23-30 of `extract`), from the words'
 * `pairPrefixes`, written to out[0…7] as signed integers (the same bits `extract` emits).
 */
export function pairHashes(p2: Int32Array, p1: Int32Array, c: Int32Array, n1: Int32Array, out: Int32Array): void {
  out[0] = mixInt(p1[0]!, c[P_LOWER]!);
  out[1] = mixInt(c[1]!, n1[P_LOWER]!);
  out[2] = mixInt(mixInt(p1[2]!, c[P_SHORT]!), n1[P_SHORT]!);
  out[3] = mixInt(p1[3]!, c[P_SHORT]!);
  out[4] = mixInt(c[4]!, n1[P_SHORT]!);
  out[5] = mixInt(p1[5]!, c[P_SHORT]!);
  out[6] = mixInt(c[6]!, n1[P_LOWER]!);
  out[7] = mixInt(p2[7]!, p1[P_LOWER]!);
}

/** The two document-casing hashes for a word's casing, the casings seen elsewhere, and sentence-initial. */
export function docHashes(casing: number, seen: number, first: boolean): [number, number] {
  return [mix(mix(tmpl(31), casing), seen), mix(mix(mix(tmpl(32), casing), seen), first ? 1 : 0)];
}

/** The two history hashes for a majority type (-1 = none) and a set of types seen. */
export function historyHashes(major: number, set: number): [number, number] {
  return [mix(HISTORY_TEMPLATE, major + 2) >>> 0, mix(HISTORY_TEMPLATE + 1, set) >>> 0];
}

const HISTORY_TEMPLATE = 0x5eed;

/** (majority type + 1) × 16 + the set of types seen, from a word's history counts (0 without any). */
export function historyIndex(counts: Int32Array | null | undefined): number {
  let major = -1;
  let set = 0;
  if (counts) {
    let best = 0;
    for (let t = 0; t < 4; t++) {
      if (counts[t]! > best) {
        best = counts[t]!;
        major = t;
      }
      if (counts[t]! > 0) set |= 1 << t;
    }
  }
  return (major + 1) * 16 + set;
}

/**
 * Fills the history slots of each token's row in `out` from the types predicted earlier in the
 * document for the same (capitalized) word: its majority type, and the set of types seen.
 */
export function historyFeatures(forms: readonly string[], history: PredictionHistory | null, out: Uint32Array, featuresPerToken: number, mask: number): void {
  for (let i = 0; i < forms.length; i++) {
    const o = (i + 1) * featuresPerToken - HISTORY_SLOTS;
    const form = forms[i]!;
    const counts = history && /\p{Lu}/u.test(form) ? history.get(normalizeForm(form).toLowerCase()) : undefined;
    const index = historyIndex(counts);
    const major = (index >> 4) - 1;
    const set = index & 15;
    out[o] = (mix(HISTORY_TEMPLATE, major + 2) & mask) >>> 0;
    out[o + 1] = (mix(HISTORY_TEMPLATE + 1, set) & mask) >>> 0;
  }
}

/** Records the types predicted for a sentence in the history; `typeOf` maps a label to its type index (-1 for O). */
export function updateHistory(history: PredictionHistory, forms: readonly string[], labels: ArrayLike<number>, typeOf: Int8Array): void {
  for (let i = 0; i < forms.length; i++) {
    const type = typeOf[labels[i]!]!;
    if (type < 0) continue;
    const key = normalizeForm(forms[i]!).toLowerCase();
    let counts = history.get(key);
    if (!counts) history.set(key, (counts = new Int32Array(4)));
    counts[type]!++;
  }
}

/** Collects, for each lowercase word of a document, the casings it has away from sentence starts. */
export function documentCasing(sentences: readonly (readonly string[])[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const forms of sentences) {
    for (let i = 1; i < forms.length; i++) {
      const form = normalizeForm(forms[i]!);
      const key = form.toLowerCase();
      seen.set(key, (seen.get(key) ?? 0) | casingOf(form));
    }
  }
  return seen;
}
