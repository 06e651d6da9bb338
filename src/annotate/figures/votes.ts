/**
 * Votes as news writes them: a share of the vote ("led with 45.3 percent", "obtuvo el 46,83% de los votos",
 * a results line "Ana Ostin 34,76%"), and tallies ("passed 101-6-10", "by 101 votes to 6").
 * The counts themselves ("84 votes in favour, 29 against") are read with the other figures.
 */
import type { FigureMeasure } from '../../core/doc.ts';
import { voteWords } from './lexicon.ts';
import type { Piece } from './scan.ts';
import { touching } from './scan.ts';

/** Words that make a document about an election or a vote, so a bare "Name 34%" is a share of the vote. */
const electoralWords = new Set([
  ...voteWords,
  'election',
  'elections',
  'electoral',
  'elecciones',
  'eleccion',
  'comicios',
  'ballot',
  'ballots',
  'candidate',
  'candidates',
  'candidato',
  'candidata',
  'candidatos',
  'escrutinio',
  'sufragio',
  'runoff',
  'balotaje',
  'votacion',
  'referendum',
  'plebiscito',
  'plebiscite',
]);
/** Verbs that give a candidate or an option its share ("led with", "se imponía con", "secured"). */
const shareVerbs = new Set([
  'led',
  'leads',
  'leading',
  'won',
  'wins',
  'obtained',
  'received',
  'got',
  'garnered',
  'secured',
  'captured',
  'took',
  'polled',
  'scored',
  'obtuvo',
  'obtiene',
  'obtenia',
  'logro',
  'lograba',
  'logra',
  'gano',
  'gana',
  'ganaba',
  'imponia',
  'impone',
  'impuso',
  'consiguio',
  'alcanzo',
  'alcanza',
  'sumaba',
  'suma',
  'cosecho',
]);
/** A percentage of the count done, the turnout, a margin or a change is no share of the vote. */
const notShare = new Set([
  'counted',
  'count',
  'escrutinio',
  'escrutadas',
  'escrutados',
  'escrutado',
  'actas',
  'mesas',
  'computadas',
  'computados',
  'processed',
  'procesadas',
  'tally',
  'sheets',
  'turnout',
  'participacion',
  'abstencion',
  'abstention',
  'diferencia',
  'difference',
  'margin',
  'margen',
  'ventaja',
  'lead',
  'annulled',
  'null',
  'nulos',
  'blancos',
  'blank',
  'grew',
  'rose',
  'fell',
  'increased',
  'decreased',
  'subio',
  'bajo',
  'crecio',
  'cayo',
  'points',
  'puntos',
  'needed',
  'required',
  'requires',
  'necesita',
  'necesario',
  'minimo',
]);
/** Words that make a bare tally ("101-6-10") a vote. */
const tallyWords = new Set([
  ...voteWords,
  'passed',
  'approved',
  'rejected',
  'adopted',
  'carried',
  'defeated',
  'voting',
  'tally',
  'aprobo',
  'aprobada',
  'aprobado',
  'aprobaron',
  'rechazo',
  'rechazada',
  'rechazado',
  'rechazaron',
  'votacion',
  'favor',
  'contra',
  'against',
]);

/** Whether the folded keys of a text mention an election or a vote. */
export function isElectoral(pieces: readonly Piece[]): boolean {
  return pieces.some((q) => q.kind === 'word' && electoralWords.has(q.key));
}

/**
 * The measure of a percentage in a vote context, or null: `votes_for` for a share of the vote,
 * `votes_needed` for a threshold. `clause` and `sentence` are the folded keys around it.
 */
export function percentVoteMeasure(pieces: readonly Piece[], from: number, to: number, clause: readonly string[], sentence: readonly string[], electoral: boolean): FigureMeasure | null {
  if (!electoral) return null;
  const near = [...pieces.slice(Math.max(0, from - 4), from), ...pieces.slice(to, to + 5)].filter((q) => q.clause === pieces[from]!.clause).map((q) => q.key);
  const voteHere = clause.some((w) => voteWords.has(w));
  if (near.some((w) => notShare.has(w))) {
    return voteHere && near.some((w) => w === 'needed' || w === 'required' || w === 'necesita' || w === 'minimo') ? 'votes_needed' : null;
  }
  if (voteHere || clause.some((w) => shareVerbs.has(w))) return 'votes_for';
  // "frente al 36,7% de Mesa": the sentence is about the votes, this clause only names the rival.
  if (sentence.some((w) => voteWords.has(w)) && !clause.some((w) => notShare.has(w))) return 'votes_for';
  // A results line: "Ana Ostin 34,76%".
  const prev = pieces[from - 1];
  if (prev && prev.kind === 'word' && /^\p{Lu}/u.test(prev.text) && prev.sentence === pieces[from]!.sentence && !clause.some((w) => notShare.has(w))) return 'votes_for';
  return null;
}

/** A tally of touching numbers joined by hyphens or dashes ("101-6-10", "64–30") in a vote context. */
export interface Tally {
  /** Piece index of each number. */
  numbers: number[];
}

/** Reads a tally starting at piece `i`, or null. */
export function readTally(pieces: readonly Piece[], i: number): Tally | null {
  const first = pieces[i];
  if (!first || first.kind !== 'num' || !/^\d{1,3}$/.test(first.text)) return null;
  const numbers = [i];
  let k = i;
  while (numbers.length < 3) {
    const dash = pieces[k + 1];
    const n = pieces[k + 2];
    if (!dash || !n || !(dash.text === '-' || dash.text === '–' || dash.text === '—') || !touching(pieces[k], dash) || !touching(dash, n) || !/^\d{1,3}$/.test(n.text)) break;
    numbers.push(k + 2);
    k += 2;
  }
  if (numbers.length < 2) return null;
  // "101-6-10-3" is not a tally we know how to read.
  if (pieces[k + 1]?.text === '-' && touching(pieces[k], pieces[k + 1]) && pieces[k + 2]?.kind === 'num') return null;
  const sentence = first.sentence;
  let context = false;
  for (let j = i - 1; j >= 0 && pieces[j]!.sentence === sentence && !context; j--) context = tallyWords.has(pieces[j]!.key);
  for (let j = k + 1; j < pieces.length && pieces[j]!.sentence === sentence && !context; j++) context = tallyWords.has(pieces[j]!.key);
  return context ? { numbers } : null;
}
