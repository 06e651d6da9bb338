/**
 * A second pass for the NER tagger (measured on cross-validation, not shipped: see src/annotate/entities/README.md,
 * "Second pass"): document statistics of the first pass's labels, turned into a few features per
 * capitalized token, whose learned weights are added to the first pass's emission scores before a second Viterbi.
 * What the first pass said about the same word elsewhere in the article (its majority type, the name positions it
 * took), the longest other name that contains the word ("Rosa Moreno" for a lone "Moreno"), and the types of the
 * other mentions with the same text (Krishnan & Manning 2006's token, entity and super-entity majorities).
 *
 * The weights are trained on first-pass output for the training stories from taggers that did not see them
 * (`second-pass.ts` here), so they learn how far the first pass's labels can be trusted on unseen text.
 */
import type { LabelScheme } from '../../src/annotate/entities/model.ts';
import { normalizeForm } from '../../src/annotate/entities/features.ts';

/** Feature slots per token (-1 where a feature does not fire). */
export const SECOND_PASS_SLOTS = 7;

// first row of each template; the sizes are the products of the value ranges in `secondPassFeatures`
const T_MAJOR = 0; // majority type elsewhere (5, O last) × occurrences elsewhere (1, 2, 3+)
const T_SET = 15; // the set of labels seen elsewhere (4 types + O: 32)
const T_MAJOR_OWN = 47; // majority elsewhere × this token's first-pass type (5 × 5)
const T_MAJOR_FIRST = 72; // majority elsewhere × sentence-initial (5 × 2)
const T_POSITION = 82; // the commonest (type, B/I/L/U) elsewhere (16)
const T_SUPER = 98; // longest other name containing the word: type (4) × position (first, inner, last) × relation (4)
const T_ENTITY = 146; // majority type of the other mentions with this mention's text × this mention's type (4 × 4)

/** Rows of the second pass's weight table. */
export const SECOND_PASS_ROWS = 162;

interface Mention {
  type: number;
  len: number;
  text: string;
}

/**
 * The second-pass features of every token of a document (sentence by sentence, `SECOND_PASS_SLOTS` per token, -1 for
 * none) from the first pass's labels. Only tokens with a capital letter get any, as for the prediction history.
 */
export function secondPassFeatures(sentences: readonly (readonly string[])[], labels: readonly ArrayLike<number>[], scheme: LabelScheme): Int32Array[] {
  const { typeOf, inside } = scheme;
  // B, I, L, U → 0…3 (BIO: B, I)
  const part = Int8Array.from(scheme.labels, (l) => (l === 'O' ? -1 : 'BILU'.indexOf(l[0]!)));
  const keys: (string | null)[][] = sentences.map((forms) => forms.map((f) => (/\p{Lu}/u.test(f) ? normalizeForm(f).toLowerCase() : null)));
  const counts = new Map<string, Int32Array>(); // 5 label types, then 16 (type, part)
  const mentions: Mention[] = [];
  const mentionAt: Int32Array[] = sentences.map((forms) => new Int32Array(forms.length).fill(-1));
  const byText = new Map<string, Int32Array>();
  const containing = new Map<string, { id: number; pos: number }[]>();
  sentences.forEach((forms, s) => {
    const ys = labels[s]!;
    for (let i = 0; i < forms.length; i++) {
      const key = keys[s]![i];
      if (key === null || key === undefined) continue;
      let c = counts.get(key);
      if (!c) counts.set(key, (c = new Int32Array(21)));
      const t = typeOf[ys[i]!]!;
      c[t < 0 ? 4 : t]!++;
      if (t >= 0) c[5 + t * 4 + part[ys[i]!]!]!++;
    }
    for (let i = 0; i < forms.length; ) {
      const t = typeOf[ys[i]!]!;
      if (t < 0) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < forms.length && inside[ys[end]!] === 1 && typeOf[ys[end]!] === t) end++;
      const id = mentions.length;
      const text = forms
        .slice(i, end)
        .map((f) => normalizeForm(f).toLowerCase())
        .join(' ');
      mentions.push({ type: t, len: end - i, text });
      let c = byText.get(text);
      if (!c) byText.set(text, (c = new Int32Array(4)));
      c[t]!++;
      for (let k = i; k < end; k++) {
        mentionAt[s]![k] = id;
        const key = keys[s]![k];
        if (end - i < 2 || key === null || key === undefined) continue;
        let list = containing.get(key);
        if (!list) containing.set(key, (list = []));
        list.push({ id, pos: k === i ? 0 : k === end - 1 ? 2 : 1 });
      }
      i = end;
    }
  });
  const elsewhere = new Int32Array(21);
  return sentences.map((forms, s) => {
    const out = new Int32Array(forms.length * SECOND_PASS_SLOTS).fill(-1);
    const ys = labels[s]!;
    for (let i = 0; i < forms.length; i++) {
      const key = keys[s]![i];
      if (key === null || key === undefined) continue;
      const o = i * SECOND_PASS_SLOTS;
      const t = typeOf[ys[i]!]!;
      const own = t < 0 ? 4 : t;
      elsewhere.set(counts.get(key)!);
      elsewhere[own]!--;
      if (t >= 0) elsewhere[5 + t * 4 + part[ys[i]!]!]!--;
      let total = 0;
      let major = 0;
      let set = 0;
      for (let k = 0; k < 5; k++) {
        total += elsewhere[k]!;
        if (elsewhere[k]! > elsewhere[major]!) major = k;
        if (elsewhere[k]! > 0) set |= 1 << k;
      }
      if (total > 0) {
        out[o] = T_MAJOR + major * 3 + Math.min(total, 3) - 1;
        out[o + 1] = T_SET + set;
        out[o + 2] = T_MAJOR_OWN + major * 5 + own;
        out[o + 3] = T_MAJOR_FIRST + major * 2 + (i === 0 ? 1 : 0);
      }
      let position = -1;
      for (let k = 0; k < 16; k++) if (elsewhere[5 + k]! > 0 && (position < 0 || elsewhere[5 + k]! > elsewhere[5 + position]!)) position = k;
      if (position >= 0) out[o + 4] = T_POSITION + position;
      const ownId = mentionAt[s]![i]!;
      let best: { id: number; pos: number } | null = null;
      for (const c of containing.get(key) ?? []) if (c.id !== ownId && (!best || mentions[c.id]!.len > mentions[best.id]!.len)) best = c;
      if (best) {
        const sup = mentions[best.id]!;
        const relation = t < 0 ? 0 : t !== sup.type ? 3 : mentions[ownId]!.len >= sup.len ? 1 : 2;
        out[o + 5] = T_SUPER + (sup.type * 3 + best.pos) * 4 + relation;
      }
      if (ownId >= 0) {
        const m = mentions[ownId]!;
        const others = byText.get(m.text)!;
        let maj = -1;
        for (let k = 0; k < 4; k++) {
          const n = others[k]! - (k === m.type ? 1 : 0);
          if (n > 0 && (maj < 0 || n > others[maj]! - (maj === m.type ? 1 : 0))) maj = k;
        }
        if (maj >= 0) out[o + 6] = T_ENTITY + maj * 4 + m.type;
      }
    }
    return out;
  });
}

/**
 * Adds the second pass's weights (`SECOND_PASS_ROWS` × L, in the units of `scores`) to one sentence's emission scores
 * in place; false when no feature fired (the first pass's labels stand).
 */
export function addSecondPass(scores: Float32Array, features: Int32Array, n: number, weights: ArrayLike<number>, L: number): boolean {
  let any = false;
  for (let i = 0; i < n; i++) {
    for (let k = i * SECOND_PASS_SLOTS, end = k + SECOND_PASS_SLOTS; k < end; k++) {
      const f = features[k]!;
      if (f < 0) continue;
      any = true;
      const off = f * L;
      for (let y = 0; y < L; y++) scores[i * L + y]! += weights[off + y]!;
    }
  }
  return any;
}
