/**
 * From token tags (Source / Cue / Content fragments) to attribution relations: each content fragment
 * joins the nearest cue in its paragraph, each cue takes the nearest source in its sentence; sources
 * are classified (named, pronoun, unnamed, outlet) and resolved to entity mentions; outlets named as
 * the channel ("told Peru21", "sources cited by Peru21") become parent attributions.
 */
import type { Attribution, Doc, TextSpan, Token } from '../../core/doc.ts';
import { SpanIndex } from '../../core/span-index.ts';
import { hedgeOf, isUnsourced } from './hedge.ts';
import { isPassiveCue, passiveHedge } from './passive.ts';
import { resolveSource, speakerContext } from './speakers.ts';

const withEntity = (r: { entity?: number }) => (r.entity !== undefined ? { entity: r.entity } : {});

export interface Fragment {
  role: 'S' | 'C' | 'Q';
  /** Token range, half-open. */
  first: number;
  last: number;
  block: number;
}

/** Fragments of each role from a label sequence over all tokens (labels as in model.ts LABELS). */
export function fragmentsOf(labels: Uint8Array, blockOf: Int32Array): Fragment[] {
  const out: Fragment[] = [];
  const roleOf = (y: number) => (y === 1 || y === 2 ? 'S' : y === 3 || y === 4 ? 'C' : y === 5 || y === 6 ? 'Q' : null);
  let i = 0;
  while (i < labels.length) {
    const role = roleOf(labels[i]!);
    if (!role) {
      i++;
      continue;
    }
    let j = i + 1;
    const inside = labels[i]! % 2 === 1 ? labels[i]! + 1 : labels[i]!;
    while (j < labels.length && labels[j] === inside && blockOf[j] === blockOf[i]) j++;
    out.push({ role, first: i, last: j, block: blockOf[i]! });
    i = j;
  }
  return out;
}

const OPEN = /^["“«„'‘]/u;
const CLOSE = /["”»'’][.,!?]?$/u;
const HAS_QUOTE = /["“”«»„]/u;

const span = (text: string, start: number, end: number): TextSpan => ({ start, end, text: text.slice(start, end) });

function trimmed(text: string, tokens: readonly Token[], first: number, last: number): TextSpan {
  return span(text, tokens[first]!.start, tokens[last - 1]!.end);
}

const CITED_BY = /\s+(?:cited|quoted|consulted)\s+by\s+|\s+(?:citad[oa]s?|consultad[oa]s?)\s+por\s+/iu;

/** Builds attribution relations from fragments. */
export function buildAttributions(doc: Readonly<Doc>, fragmentsIn: readonly Fragment[], sentenceOf: Int32Array, lang: string, blockOf?: Int32Array): Attribution[] {
  const { text } = doc;
  const tokens = doc.tokens ?? [];
  const fragments = [...fragmentsIn, ...colonSpeakers(doc, fragmentsIn, sentenceOf)].sort((a, b) => a.first - b.first);
  const cues = fragments.filter((f) => f.role === 'C');
  const sources = fragments.filter((f) => f.role === 'S');
  const contentOf = new Map<Fragment, Fragment[]>(cues.map((c) => [c, []]));
  const gap = (a: Fragment, b: Fragment) => (a.last <= b.first ? b.first - a.last : a.first >= b.last ? a.first - b.last : 0);
  const sentenceGap = (a: Fragment, b: Fragment) => {
    const a0 = sentenceOf[a.first]!;
    const a1 = sentenceOf[a.last - 1]!;
    const b0 = sentenceOf[b.first]!;
    const b1 = sentenceOf[b.last - 1]!;
    return a1 < b0 ? b0 - a1 : b1 < a0 ? a0 - b1 : 0;
  };
  const cuesByBlock = byBlock(cues);
  for (const f of fragments) {
    if (f.role !== 'Q') continue;
    const best = nearest(cuesByBlock.get(f.block), f, (c) => gap(f, c) + 12 * sentenceGap(f, c));
    if (best) contentOf.get(best)!.push(f);
  }
  if (blockOf) repairEmptyContents(doc, fragments, contentOf, sentenceOf, blockOf);
  // what every attribution says is speech, not narrative: pronouns and role nouns resolve outside it
  const speakers = speakerContext(
    doc,
    lang,
    fragments.filter((f) => f.role === 'Q').map((f) => trimmed(text, tokens, f.first, f.last)),
  );
  const out: Attribution[] = [];
  const channels: { child: Attribution; parent: Attribution }[] = [];
  const sourcesByBlock = byBlock(sources);
  for (const c of cues) {
    const source = nearest(sourcesByBlock.get(c.block), c, (s) => (sentenceGap(s, c) > 0 ? Infinity : gap(s, c)), sentenceOf);
    const cue = trimmed(text, tokens, c.first, c.last);
    const content = contentOf
      .get(c)!
      .map((f) => contentSpan(text, trimmed(text, tokens, f.first, f.last)))
      .sort((a, b) => a.start - b.start);
    let sourceSpan = source ? trimmed(text, tokens, source.first, source.last) : null;
    let outletSpan: TextSpan | null = null;
    let outletCue: TextSpan | null = null;
    if (sourceSpan) {
      // "“High-level” sources cited by the Peru21 media": the sources speak, the outlet carries them
      const cited = CITED_BY.exec(sourceSpan.text);
      if (cited) {
        const cutStart = sourceSpan.start + cited.index;
        const cutEnd = cutStart + cited[0].length;
        outletSpan = span(text, cutEnd, sourceSpan.end);
        outletCue = span(text, cutStart + (cited[0].length - cited[0].trimStart().length), cutEnd - (cited[0].length - cited[0].trimEnd().length));
        sourceSpan = span(text, sourceSpan.start, cutStart);
      }
    }
    // "told IPS", "dijo a RPP", "in an interview with X": whom the words were given to is no source, and no claim of its own
    const recipient = recipientAfter(doc, cue, content);
    if (recipient && sourceSpan && sourceSpan.start < recipient.end && sourceSpan.end > recipient.start) sourceSpan = null;
    if (recipient) trimRecipient(text, content, recipient);
    const before = text.slice(Math.max(0, cue.start - 60), cue.start);
    const unsourced = isUnsourced(`${before.slice(-40)} ${cue.text}`);
    let classified = sourceSpan ? resolveSource(speakers, sourceSpan, content) : null;
    // "we are told", "it is being said": the pronoun is no source
    if (unsourced && classified?.kind === 'pronoun') {
      sourceSpan = null;
      classified = null;
    }
    const contentText = content.map((x) => x.text).join(' ');
    const form: Attribution['form'] =
      content.length > 0 && content.every((x) => OPEN.test(x.text) && CLOSE.test(x.text) && !HAS_QUOTE.test(x.text.slice(1, -2)))
        ? 'direct'
        : content.some((x) => HAS_QUOTE.test(x.text))
          ? 'mixed'
          : 'indirect';
    // "Cerrón was accused of …": the subject is whom the claim is about (the content fragment just before the cue)
    const passive = !unsourced && isPassiveCue(cue.text, before);
    const subjectSpan = passive ? content.find((x) => x.end <= cue.start && !/[.!?\n]/u.test(text.slice(x.end, cue.start))) : undefined;
    const subject = subjectSpan ? { ...subjectSpan, ...withEntity(resolveSource(speakers, subjectSpan)) } : undefined;
    const hedge = unsourced ? 'unsourced' : ((passive ? passiveHedge(cue.text) : null) ?? hedgeOf(cue.text, before, contentText, classified?.kind ?? null));
    const attribution = make(cue, sourceSpan && classified ? { ...sourceSpan, ...classified } : null, content, form, hedge, recipient ?? undefined);
    if (subject) attribution.subject = subject;
    out.push(attribution);
    if (outletSpan && outletCue) {
      const outlet = resolveSource(speakers, outletSpan);
      const parent = make(outletCue, { ...outletSpan, kind: 'outlet', ...(outlet.entity !== undefined ? { entity: outlet.entity } : {}) }, content, form, 'reported');
      channels.push({ child: attribution, parent });
      out.push(parent);
    }
  }
  mergeRecipientSources(doc, out, sentenceOf);
  out.sort((a, b) => a.start - b.start || a.end - b.end || (a.source?.start ?? 0) - (b.source?.start ?? 0));
  const index = new Map(out.map((a, i) => [a, i]));
  for (const { child, parent } of channels) child.parent = index.get(parent)!;
  // nesting by containment: an attribution inside another's content is carried by it (the content ranges that may
  // hold a cue are looked up in an index, not scanned for every attribution)
  const ranges = new SpanIndex(out.flatMap((b, j) => (b.content.length === 0 ? [] : [{ start: b.content[0]!.start, end: b.content[b.content.length - 1]!.end, j }])));
  out.forEach((a, i) => {
    if (a.parent !== undefined) return;
    let best = -1;
    let width = Infinity;
    for (const { start: lo, end: hi, j } of ranges.overlapping(a.cue.start, a.cue.end).sort((x, y) => x.j - y.j)) {
      const b = out[j]!;
      if (j === i || b.parent === i || b.cue.start === a.cue.start) continue;
      if (a.cue.start >= lo && a.cue.end <= hi && hi - lo < width) {
        width = hi - lo;
        best = j;
      }
    }
    if (best >= 0) a.parent = best;
  });
  // a chain must end: cut any cycle where it closes
  out.forEach((a) => {
    const seen = new Set<Attribution>([a]);
    let cur = a;
    while (cur.parent !== undefined) {
      const next = out[cur.parent]!;
      if (seen.has(next)) {
        delete cur.parent;
        break;
      }
      seen.add(next);
      cur = next;
    }
  });
  return out;
}

/** Fragments of one role in each block, in token order, with the furthest token end reached up to each of them. */
interface BlockFragments {
  list: Fragment[];
  reach: number[];
}

function byBlock(fragments: readonly Fragment[]): Map<number, BlockFragments> {
  const out = new Map<number, BlockFragments>();
  for (const f of fragments) {
    let group = out.get(f.block);
    if (!group) out.set(f.block, (group = { list: [], reach: [] }));
    group.reach.push(Math.max(group.reach[group.reach.length - 1] ?? -Infinity, f.last));
    group.list.push(f);
  }
  return out;
}

/**
 * The fragment of `group` with the lowest finite `cost` to `f` (the first in token order on a tie), where a cost is
 * never below the token gap between the two. The walk goes out from `f`'s place both ways and stops where the gap
 * alone passes the best cost — or, given `sentenceOf`, where it leaves `f`'s sentences — so a one-paragraph 1 MB page
 * no longer prices every fragment against every other.
 */
function nearest(group: BlockFragments | undefined, f: Fragment, cost: (other: Fragment) => number, sentenceOf?: Int32Array): Fragment | null {
  if (!group) return null;
  const { list, reach } = group;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (list[middle]!.first < f.first) low = middle + 1;
    else high = middle;
  }
  let best = -1;
  let bestCost = Infinity;
  // rightwards the gap only grows, and a tie loses to anything found before it
  for (let k = low; k < list.length; k++) {
    const other = list[k]!;
    if (Math.max(0, other.first - f.last) >= bestCost) break;
    if (sentenceOf && sentenceOf[other.first]! > sentenceOf[f.last - 1]!) break;
    const c = cost(other);
    if (c < bestCost) {
      bestCost = c;
      best = k;
    }
  }
  // leftwards nothing up to k ends after reach[k], and a tie wins over what was found further right
  for (let k = low - 1; k >= 0; k--) {
    if (Math.max(0, f.first - reach[k]!) > bestCost) break;
    if (sentenceOf && sentenceOf[reach[k]! - 1]! < sentenceOf[f.first]!) break;
    const c = cost(list[k]!);
    if (c <= bestCost && c < Infinity) {
      bestCost = c;
      best = k;
    }
  }
  return best < 0 ? null : list[best]!;
}

function make(cue: TextSpan, source: Attribution['source'], content: TextSpan[], form: Attribution['form'], hedge: Attribution['hedge'], recipient?: Attribution['recipient']): Attribution {
  const parts = [cue, ...(source ? [source] : []), ...content, ...(recipient ? [recipient] : [])];
  return {
    start: Math.min(...parts.map((p) => p.start)),
    end: Math.max(...parts.map((p) => p.end)),
    cue,
    source,
    content,
    form,
    hedge,
    ...(recipient ? { recipient } : {}),
    confidence: content.length > 0 && source ? 0.8 : 0.5,
  };
}

// a name run, a pronoun, or a short noun phrase with its article: "IPS", "the local press", "la prensa", "reporters"
const NP = String.raw`(?:him|her|them|us|me|reporters|journalists|periodistas|(?:(?:the|a|an|el|la|los|las|un|una)[ \t]+)?(?:[\p{Ll}\p{Lu}][\p{L}\d.'’&-]*[ \t]+){0,2}?[\p{Lu}\d][\p{L}\d.'’&-]*(?:[ \t]+(?:de[ \t]+|del[ \t]+)?[\p{Lu}\d][\p{L}\d.'’&-]*){0,4}|(?:the|a|an|el|la|los|las|un|una)[ \t]+(?:[\p{L}-]+[ \t]+){0,2}?(?:press|media|reporters|journalists|television|radio|newspaper|agency|prensa|medios|periodistas|televisi[oó]n|diario|agencia|emisora))`;
// what may follow a recipient: the content, punctuation, or an adjunct of time or place
const AFTER_NP = String.raw`(?=[ \t]*(?:[,.:;“"«(]|$|that\b|que\b|on\b|in\b|at\b|during\b|last\b|this\b|yesterday\b|today\b|earlier\b|el\b|este\b|esta\b|ayer\b|hoy\b|en\b|tras\b|after\b|before\b|when\b))`;
const TELL_CUE = /(?:^|\s)(?:told|tells|tell|telling)$/iu;
const TO_CUE =
  /(?:^|\s)(?:said|says|explained|explains|declared|stated|announced|confirmed|admitted|repeated|insisted|wrote|dijo|dice|declar[oó]|explic[oó]|asegur[oó]|afirm[oó]|señal[oó]|indic[oó]|coment[oó]|cont[oó]|relat[oó]|confirm[oó]|anunci[oó]|manifest[oó]|expres[oó]|precis[oó])$/iu;
const TELL_NP = new RegExp(String.raw`^[ \t]+(${NP})${AFTER_NP}`, 'u');
const TO_NP = new RegExp(String.raw`^[ \t]+(?:to|a|al|ante)[ \t]+(${NP})${AFTER_NP}`, 'u');
const BARE_NP = new RegExp(String.raw`^[ \t]+(${NP})${AFTER_NP}`, 'u');
const INTERVIEW_NP = new RegExp(
  String.raw`^[ \t]+(?:on[ \t]+\p{L}+[ \t]+)?(?:in[ \t]+(?:an?|the)[ \t]+(?:interview|statement|conversation)[ \t]+(?:with|to)|en[ \t]+(?:una[ \t]+|la[ \t]+)?(?:entrevista|declaraciones|conversaci[oó]n)[ \t]+(?:con|a))[ \t]+(${NP})${AFTER_NP}`,
  'u',
);

/** Whom the words were given to, named right after the cue: "told IPS", "explained to the local press", "dijo a RPP", "said in an interview with X". */
export function recipientAfter(doc: Readonly<Doc>, cue: TextSpan, content: readonly TextSpan[]): (TextSpan & { entity?: number }) | null {
  const { text } = doc;
  const after = text.slice(cue.end, cue.end + 90);
  // the tagger may have put the preposition in the cue ("announced to", "dijo a"), never so "according to"
  const cueTo = /\s(?:to|a|al|with|con)$/iu.test(cue.text) && TO_CUE.test(cue.text.replace(/\s+\S+$/u, ''));
  const m = TELL_CUE.test(cue.text) ? TELL_NP.exec(after) : cueTo ? BARE_NP.exec(after) : TO_CUE.test(cue.text) ? (TO_NP.exec(after) ?? INTERVIEW_NP.exec(after)) : null;
  if (!m) return null;
  const name = m[1]!.replace(/[.,;:]+$/u, '');
  const start = cue.end + m[0].length - m[1]!.length;
  const end = start + name.length;
  // a recipient is never a quotation's own words ("told “…”") nor a content the tagger found whole after it
  if (!name || content.some((c) => c.start <= start && c.end >= end && /^["“«]/u.test(c.text))) return null;
  const entities = doc.entities ?? [];
  const k = entities.findIndex((e) => e.start < end && e.end > start);
  return { ...span(text, start, end), ...(k >= 0 ? { entity: entities[k]!.refersTo ?? k } : {}) };
}

/** A content the tagger began at the recipient ("declared to Peru21 that …") begins after it, at its "that"/"que" or quote. */
function trimRecipient(text: string, content: TextSpan[], recipient: TextSpan): void {
  const first = content[0];
  if (!first || first.start > recipient.end || first.end <= recipient.end) return;
  const rest = text.slice(recipient.end, first.end);
  const m = /^[\s\S]{0,60}?(?=\b(?:that|que)\b|[“"«])/u.exec(rest);
  let start = recipient.end + (m ? m[0].length : 0);
  if (!m) while (start < first.end && /[\s,:;]/u.test(text[start]!)) start++;
  if (first.end - start < 2) return;
  content[0] = span(text, start, first.end);
}

const FINAL_MARK = /^[.!?…]+$/u;
const CLOSING = /^[”"»]$/u;
const OPENING = /^[“"«]$/u;

/**
 * A cue the tagger left without content gets the content the sentence shows, or none:
 * - "…, the authorities say." / "“…,” the politician said ironically.": the sentence before the comma (from the
 *   opening mark when the quotation began in an earlier sentence), taken from whatever content held it;
 * - "Caddell continued:" ending its paragraph: the next paragraph, when it holds no cue of its own;
 * - "tweeted in the early morning hours that …": from the "that"/"que"/":" a few words on to the sentence end.
 */
function repairEmptyContents(doc: Readonly<Doc>, fragments: readonly Fragment[], contentOf: Map<Fragment, Fragment[]>, sentenceOf: Int32Array, blockOf: Int32Array): void {
  const tokens = doc.tokens ?? [];
  const n = tokens.length;
  // tokens that are a cue or source of some attribution: no repair may take them
  const taken = new Uint8Array(n);
  for (const f of fragments) if (f.role !== 'Q') taken.fill(1, f.first, f.last);
  const free = (a: number, b: number) => {
    for (let t = a; t < b; t++) if (taken[t]) return false;
    return a < b;
  };
  const sentenceStart = (t: number) => {
    let a = t;
    while (a > 0 && sentenceOf[a - 1] === sentenceOf[t]) a--;
    return a;
  };
  const sentenceEnd = (t: number) => {
    let b = t;
    while (b < n && sentenceOf[b] === sentenceOf[t]) b++;
    return b;
  };
  /**
   * Gives tokens [a, b) to `cue` as its content. When they hold no other cue or source, they are taken out of any
   * other cue's content (the tagger ran one content on into the next sentence); else the other attribution is
   * nested inside this one's content and keeps its own.
   */
  const give = (cue: Fragment, a: number, b: number) => {
    if (!free(a, b)) {
      contentOf.get(cue)!.push({ role: 'Q', first: a, last: b, block: blockOf[a]! });
      return;
    }
    for (const [other, list] of contentOf) {
      if (other === cue) continue;
      const kept: Fragment[] = [];
      for (const f of list) {
        if (f.last <= a || f.first >= b) kept.push(f);
        else {
          if (f.first < a) kept.push({ ...f, last: a });
          if (f.last > b) kept.push({ ...f, first: b });
        }
      }
      contentOf.set(
        other,
        kept.filter((f) => f.last > f.first),
      );
    }
    contentOf.get(cue)!.push({ role: 'Q', first: a, last: b, block: blockOf[a]! });
  };
  const sources = fragments.filter((f) => f.role === 'S');
  for (const c of fragments) {
    if (c.role !== 'C' || contentOf.get(c)!.length > 0) continue;
    const s0 = sentenceStart(c.first);
    const s1 = sentenceEnd(c.first);
    // the reporting clause closes the sentence: "…, <source> <cue> [adverb]." or "…, <cue> <source>."
    const src = sources.find((f) => sentenceOf[f.first] === sentenceOf[c.first] && (f.last === c.first || f.first === c.last));
    // "…, he tweeted the following message:" announces what follows, it does not close what came before
    const announces = tokens[c.last - 1]!.text === ':' || tokens[c.last]?.text === ':';
    if (src && !announces) {
      const clauseStart = Math.min(src.first, c.first);
      let tail = Math.max(src.last, c.last);
      if (tail < s1 && !FINAL_MARK.test(tokens[tail]!.text) && /^\p{Ll}+ly$/u.test(tokens[tail]!.text)) tail++;
      while (tail < s1 && FINAL_MARK.test(tokens[tail]!.text)) tail++;
      const k = clauseStart - 1;
      let end = -1;
      if (k > s0 && tokens[k]!.text === ',') end = k;
      else if (k > s0 + 1 && CLOSING.test(tokens[k]!.text) && tokens[k - 1]!.text === ',') end = k + 1;
      if (tail === s1 && end > s0) {
        let start = s0;
        // a quotation opened in an earlier sentence of the paragraph runs from its opening mark
        let open = -1;
        for (let t = s0 - 1; t >= 0 && blockOf[t] === blockOf[c.first]; t--) {
          if (CLOSING.test(tokens[t]!.text) && tokens[t]!.text !== '"') break;
          if (OPENING.test(tokens[t]!.text) && tokens[t]!.text !== '"') {
            open = t;
            break;
          }
        }
        if (open >= 0 && free(open, s0)) start = open;
        if (end - start >= 2) {
          give(c, start, end);
          continue;
        }
      }
    }
    // "Caddell continued:" at the end of its paragraph: the next paragraph is what was said
    const colon = tokens[c.last - 1]!.text === ':' ? c.last : tokens[c.last]?.text === ':' ? c.last + 1 : -1;
    if (colon > 0 && (colon === n || blockOf[colon] !== blockOf[c.first])) {
      const b = colon;
      let e = b;
      while (e < n && blockOf[e] === blockOf[b]) e++;
      // what the colon announces may hold attributions of its own, which nest inside it
      if (e - b >= 2) {
        give(c, b, e);
        continue;
      }
    }
    // "… tweeted in the early morning hours that …": a "that" a few words on, over nothing taken
    for (let t = c.last; t < Math.min(c.last + 10, s1); t++) {
      if (taken[t] || FINAL_MARK.test(tokens[t]!.text)) break;
      const w = tokens[t]!.text.toLowerCase();
      if (w !== 'that' && w !== 'que' && w !== ':') continue;
      const a = w === ':' ? t + 1 : t;
      // up to the next cue or source ("that Machado was … and encouraged …" ends before "and encouraged")
      let e = a;
      while (e < s1 && !taken[e]) e++;
      while (e > a && (FINAL_MARK.test(tokens[e - 1]!.text) || /^(?:,|;|and|but|y|pero)$/iu.test(tokens[e - 1]!.text))) e--;
      if (e - a >= 3) give(c, a, e);
      break;
    }
  }
}

/** A dateline before a quotation is no part of its content: "LIMA, Dec 16 2010 (IPS) - “…”". */
function contentSpan(text: string, c: TextSpan): TextSpan {
  const dateline = /^[^“"«\n]{0,60}?\)\s*[-–—]+\s*(?=[“"«])/u.exec(c.text);
  return dateline ? span(text, c.start + dateline[0].length, c.end) : c;
}

/**
 * "explained to the local press … that …" where the tagger made the recipient the source of a cue inside the
 * content ("the local press … is confirmed"): that second attribution is a misreading; its content and the rest of
 * the sentence go to the attribution whose recipient it took.
 */
function mergeRecipientSources(doc: Readonly<Doc>, out: Attribution[], sentenceOf: Int32Array): void {
  const { text } = doc;
  const tokens = doc.tokens ?? [];
  for (const a of out) {
    const r = a.recipient;
    if (!r || a.content.length > 0) continue;
    const b = out.find((x) => x !== a && x.source && x.source.start < r.end && x.source.end > r.start && x.content.length > 0);
    if (!b) continue;
    const from = b.content[0]!.start;
    const t = tokens.findIndex((x) => x.start >= from);
    if (t < 0) continue;
    let e = t;
    while (e + 1 < tokens.length && sentenceOf[e + 1] === sentenceOf[t]) e++;
    while (e > t && /^[.!?…]+$/u.test(tokens[e]!.text)) e--;
    const content = [span(text, from, tokens[e]!.end)];
    out.splice(out.indexOf(b), 1);
    a.content = content;
    a.end = Math.max(a.end, content[0]!.end);
    a.start = Math.min(a.start, content[0]!.start);
    a.hedge = hedgeOf(a.cue.text, text.slice(Math.max(0, a.cue.start - 60), a.cue.start), content[0]!.text, a.source?.kind ?? null);
    a.form = HAS_QUOTE.test(content[0]!.text) ? 'mixed' : 'indirect';
  }
}

/**
 * "Retired General Tomás Vidal, of the Unión Cívica, went further: “…”": a quotation after a colon, in a
 * sentence that opens with a person and has no cue, is that person's; the words between the name (and its
 * apposition) and the colon are the cue. Without this the quotation joins the previous sentence's cue.
 */
function colonSpeakers(doc: Readonly<Doc>, fragments: readonly Fragment[], sentenceOf: Int32Array): Fragment[] {
  const tokens = doc.tokens ?? [];
  const out: Fragment[] = [];
  for (const f of fragments) {
    const colon = f.first - 1;
    if (f.role !== 'Q' || colon < 1 || tokens[colon]!.text !== ':' || !OPENING.test(tokens[f.first]!.text)) continue;
    const si = sentenceOf[colon]!;
    let s0 = colon;
    while (s0 > 0 && sentenceOf[s0 - 1] === si) s0--;
    if (fragments.some((g) => g.role !== 'Q' && g.first >= s0 && g.first < colon)) continue;
    // the sentence opens with a person, after a title or two
    const person = (doc.entities ?? []).find((m) => m.type === 'PER' && m.tokenStart >= s0 && m.tokenStart - s0 <= 3 && m.tokenEnd < colon);
    if (!person || !tokens.slice(s0, person.tokenStart).every((t) => /^\p{Lu}/u.test(t.text))) continue;
    let cue = person.tokenEnd;
    let srcEnd = person.tokenEnd;
    if (tokens[cue]?.text === ',') {
      let k = cue + 1;
      while (k < colon && tokens[k]!.text !== ',' && k - cue < 8) k++;
      if (tokens[k]?.text !== ',') continue;
      srcEnd = k;
      cue = k + 1;
    }
    if (colon - cue < 1 || colon - cue > 3 || !tokens.slice(cue, colon).every((t) => /^\p{Ll}+$/u.test(t.text))) continue;
    out.push({ role: 'S', first: s0, last: srcEnd, block: f.block }, { role: 'C', first: cue, last: colon + 1, block: f.block });
  }
  return out;
}
