/**
 * How firmly a claim is put: from the cue, the words just before it, and the content's modals.
 * Order matters: a denial outranks an allegation, which outranks speculation and reporting.
 */
import type { Hedge, SourceKind } from '../../core/doc.ts';
import { anyCaseless, HEDGE_ALLEGED, HEDGE_DENIED, HEDGE_REPORTED, HEDGE_SPECULATIVE, UNSOURCED_PATTERNS, fold } from './lexicon.ts';

const MODALS = new Set(['could', 'might', 'may', 'likely', 'possibly', 'perhaps', 'probably', 'podria', 'podrian', 'posiblemente', 'probablemente', 'quizas', 'quiza']);

/** Whether a text holds a phrase that puts a claim without naming anyone (UNSOURCED_PATTERNS). */
export const isUnsourced = anyCaseless(UNSOURCED_PATTERNS);

const wordsOf = (s: string) =>
  // plain ASCII (most cues and contents): folding is lowercasing, which moves no word boundary, so the text is
  // lowercased once and split on the ASCII part of the same class instead of folding word by word
  ASCII.test(s)
    ? s
        .toLowerCase()
        .split(/[^a-z0-9'-]+/)
        .filter(Boolean)
    : s
        .split(/[^\p{L}\p{N}'’-]+/u)
        .filter(Boolean)
        .map(fold);
const ASCII = /^[\x00-\x7f]*$/;

/** The hedge of an attribution given its cue, the text just before the cue, its content and its source kind. */
export function hedgeOf(cue: string, before: string, content: string, source: SourceKind | null): Hedge {
  const cueWords = wordsOf(cue);
  const beforeWords = wordsOf(before).slice(-3);
  const context = `${before.slice(-40)} ${cue}`;
  if (isUnsourced(context)) return 'unsourced';
  if (cueWords.some((w) => HEDGE_DENIED.has(w)) || (beforeWords.includes('not') && cueWords.some((w) => w === 'confirm' || w === 'confirmed'))) return 'denied';
  if (cueWords.some((w) => HEDGE_ALLEGED.has(w)) || beforeWords.some((w) => w === 'allegedly' || w === 'supuestamente' || w === 'presuntamente')) return 'alleged';
  if (cueWords.some((w) => HEDGE_SPECULATIVE.has(w))) return 'speculative';
  if (cueWords.some((w) => HEDGE_REPORTED.has(w)) || beforeWords.includes('reportedly')) return 'reported';
  const contentWords = wordsOf(content);
  if (contentWords.some((w) => w === 'allegedly' || w === 'supuestamente' || w === 'presuntamente')) return 'alleged';
  if (contentWords.some((w) => MODALS.has(w))) return 'speculative';
  if (contentWords.includes('reportedly') || source === 'outlet') return 'reported';
  if (source === null) return 'unsourced';
  return 'asserted';
}
