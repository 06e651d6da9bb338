/**
 * A rough tense reader: marks verbs (and a few adverbs) that say past or future, so that
 * "on Tuesday" in "met on Tuesday" resolves backwards and in "will meet on Tuesday" forwards.
 * The verb nearest to the mention inside its sentence decides, as in HeidelTime's news mode.
 */
import type { Tok } from './scan.ts';

export type Tense = 'past' | 'future' | 'present';

const pastEn = new Set([
  'was',
  'were',
  'had',
  'did',
  'said',
  'told',
  'met',
  'went',
  'came',
  'took',
  'gave',
  'made',
  'found',
  'left',
  'sat',
  'saw',
  'won',
  'lost',
  'held',
  'began',
  'fell',
  'rose',
  'sold',
  'bought',
  'paid',
  'got',
  'ran',
  'led',
  'fled',
  'spoke',
  'wrote',
  'became',
  'brought',
  'thought',
  'knew',
  'felt',
  'kept',
  'sent',
  'spent',
  'struck',
  'broke',
  'chose',
  'drove',
  'ate',
  'fought',
  'ago',
  'earlier',
  'stood',
  'wore',
  'grew',
  'drew',
  'flew',
  'threw',
  'shot',
  'slid',
  'sank',
  'swore',
  'forgot',
  'overtook',
  'withdrew',
  'underwent',
  'arose',
  'hung',
  'meant',
  'heard',
  'built',
  'dealt',
  'taught',
  'caught',
  'sought',
  'wasn',
  'weren',
  'didn',
  'hadn',
  'former',
  'previously',
]);
const notPastEd = new Set([
  'need',
  'red',
  'bed',
  'seed',
  'speed',
  'feed',
  'hundred',
  'indeed',
  'united',
  'limited',
  'based',
  'proposed',
  'expected',
  'scheduled',
  'planned',
  'supposed',
  'used',
  'interested',
  'concerned',
  'related',
  'advanced',
  'alleged',
  'detailed',
  'armed',
  'ted',
  'fred',
  'ned',
  'ed',
  'shed',
  'breed',
  'greed',
  'creed',
  'embed',
  'wed',
  'led',
  'fled',
  'bled',
  'sled',
  'unidentified',
  'unnamed',
  'biased',
]);
const futureEn = new Set(['will', 'payable', 'shall', 'll', 'next', 'upcoming', 'scheduled', 'expected', 'planned', 'expects', 'coming', 'won']);
const presentEn = new Set(['is', 'are', 'am', 'says', 'say', 'has', 'have', 'does', 'do', 'remains', 'continues']);

const pastEs = new Set([
  'fue',
  'fueron',
  'era',
  'eran',
  'hubo',
  'había',
  'habían',
  'dijo',
  'dijeron',
  'hizo',
  'hicieron',
  'tuvo',
  'tuvieron',
  'estuvo',
  'estuvieron',
  'pudo',
  'pudieron',
  'puso',
  'pusieron',
  'vino',
  'vinieron',
  'ha',
  'han',
  'he',
  'hemos',
  'estaba',
  'estaban',
  'hace',
  'pasado',
  'pasada',
  'anterior',
  'dio',
  'dieron',
  'fui',
  'murió',
  'quiso',
  'supo',
  'trajo',
  'condujo',
  'produjo',
  'anoche',
  'ayer',
]);
const futureEs = new Set([
  'próximo',
  'próxima',
  'próximos',
  'próximas',
  'proximo',
  'proxima',
  'será',
  'serán',
  'habrá',
  'habrán',
  'irá',
  'irán',
  'mañana',
  'dentro',
  'va',
  'van',
  'vamos',
  'prevé',
  'prevén',
  'previsto',
  'prevista',
  'está',
  'están',
]);
const notFutureEs = new Set([
  'está',
  'están',
  'va',
  'van',
  'vamos',
  'mañana',
  'dentro',
  'ahora',
  'hora',
  'sobra',
  'ora',
  'para',
  'era',
  'cara',
  'clara',
  'obra',
  'otra',
  'contra',
  'entra',
  'mira',
  'muestra',
  'nuestra',
  'vuestra',
  'tierra',
  'guerra',
  'sierra',
  'cámara',
  'compra',
  'fuera',
  'ahorra',
  'forma',
  'ambas',
  'hacia',
]);

/**
 * The tense marks of a text, read only where a mention asks: most tokens are never near a mention,
 * so reading every one up front would be wasted work.
 */
const NOT_READ = -2;

export class TenseMarks {
  /** 0 not read yet, else 1 + the index in `codes`. */
  private readonly memo: Uint8Array;

  /**
   * For each token read so far, the index of the first marking token at or after it in its sentence (-1: none,
   * -2: not read yet). Filled as the scans pass, so a sentence with many dates and no verb (a list, a run-on
   * page) is walked once instead of once per date.
   */
  private readonly next: Int32Array;

  private readonly es: boolean;

  constructor(
    private readonly toks: readonly Tok[],
    language: string,
  ) {
    this.es = language === 'es';
    this.memo = new Uint8Array(toks.length);
    this.next = new Int32Array(toks.length).fill(NOT_READ);
  }

  /** The first token at or after k, in k's sentence, that marks a tense; -1 when there is none. */
  nextInSentence(k: number): number {
    const sentence = this.toks[k]!.sentence;
    let found = -1;
    let i = k;
    for (; i < this.toks.length && this.toks[i]!.sentence === sentence; i += 1) {
      const known = this.next[i]!;
      if (known !== NOT_READ) {
        found = known;
        break;
      }
      if (this.at(i)) {
        found = i;
        break;
      }
    }
    const stoppedInSentence = i < this.toks.length && this.toks[i]!.sentence === sentence;
    this.next.fill(found, k, stoppedInSentence ? i + 1 : i);
    return found;
  }

  /** The tense token i marks, if any. */
  at(i: number): Tense | null {
    let code = this.memo[i]!;
    if (code === 0) {
      code = codes.indexOf(tenseMark(this.toks, i, this.es)) + 1;
      this.memo[i] = code;
    }
    return codes[code - 1]!;
  }
}

const codes: readonly (Tense | null)[] = [null, 'past', 'future', 'present'];

/** The tense token i marks, if any. */
function tenseMark(toks: readonly Tok[], i: number, es: boolean): Tense | null {
  const tok = toks[i]!;
  if (tok.kind !== 'w') return null;
  const w = tok.lower;
  if (es) {
    if (pastEs.has(w)) return 'past';
    if (futureEs.has(w)) {
      if (w === 'va' || w === 'van' || w === 'vamos' || w === 'está' || w === 'están') {
        // "va a presentar" and "está previsto" look forward; "está" alone is only present.
        const next = toks[i + 1];
        if (w.startsWith('est')) return next && /^(previst|programad|convocad|prevista)/.test(next.lower) ? 'future' : 'present';
        return next && next.lower === 'a' ? 'future' : 'present';
      }
      if (w === 'mañana' || w === 'dentro') return null;
      return 'future';
    }
    if (w.length > 4 && /(?:rá|rán|ré|remos|rás|ría|rían)$/.test(w) && !notFutureEs.has(w)) return 'future';
    if (
      w.length > 3 &&
      /(?:[^aeo]ó|aron|ieron|aba|aban|uvo|uvieron|ujo|ujeron|ado|ido)$/.test(w) &&
      !/^(?:lado|estado|mercado|grado|partido|sentido|resultado|pasado|ruido|apartado|ido|nido|todo|nado|dado|modo|cuidado|senado|juzgado|abogado|diputado|soldado|sindicado|tratado|mandado|significado)$/.test(
        w,
      )
    ) {
      return w.endsWith('ado') || w.endsWith('ido') ? (isAuxBefore(toks, i) ? 'past' : null) : 'past';
    }
    if (/^(?:es|son|está|están|hay|tiene|tienen|sigue|siguen)$/.test(w)) return 'present';
    return null;
  }
  if (w === 'll' || w === 's' || w === 't') return w === 'll' ? 'future' : null;
  if (futureEn.has(w)) {
    if (w === 'won') return toks[i + 1]?.lower === "'" || toks[i + 1]?.lower === '’' ? 'future' : 'past';
    if (w === 'coming' || w === 'next' || w === 'due') return 'future';
    // "is scheduled to", "expected on": a verb; "a hastily planned visit": an adjective that says nothing of the sentence's time.
    if (w === 'scheduled' || w === 'planned' || w === 'expected') return participleIsVerb(toks, i) ? 'future' : null;
    return 'future';
  }
  if (pastEn.has(w)) return 'past';
  if (w.length > 3 && w.endsWith('ed') && !notPastEd.has(w)) return 'past';
  if (w === 'going' && toks[i + 1]?.lower === 'to') return 'future';
  if (presentEn.has(w)) return 'present';
  return null;
}

const participleIsVerb = (toks: readonly Tok[], i: number) =>
  /^(?:to|for|on|in|at|by|this|next|later|soon|before|within)$/.test(toks[i + 1]?.lower ?? '') || /^(?:is|are|was|were|be|been|being|as|now|still|also|not|currently)$/.test(toks[i - 1]?.lower ?? '');

const isAuxBefore = (toks: readonly Tok[], i: number) => {
  for (let k = i - 1; k >= Math.max(0, i - 3); k -= 1) if (/^(?:ha|han|había|habían|he|hemos|fue|fueron|habría)$/.test(toks[k]!.lower)) return true;
  return false;
};

/**
 * The tense of the mention spanning tokens [from, to). A date that ends a wait ("until Tuesday", "antes de enero") lies
 * ahead; otherwise the verb it hangs on in its clause decides, and when the clause has none, the nearest marked token
 * in its sentence.
 */
export function tenseAt(toks: readonly Tok[], marks: TenseMarks, from: number, to: number): Tense | null {
  const clause = clauseTense(toks, marks, from, to);
  const deadline = deadlineAt(toks, from);
  if (deadline && !(deadline === 'before' && clause === 'past') && !pluperfectNear(toks, from, to)) return 'future';
  return clause ?? sentenceTense(toks, marks, from, to);
}

const clauseBreak = /^(?:[,;:()"“”«»]|``|'')$/;

/**
 * The tense of the verb the mention hangs on: the nearest marked token inside its clause (between commas, semicolons,
 * brackets and quotes), to the left first ("the council approved the plan Thursday"), else to the right ("Friday they met");
 * null when the clause has none.
 */
function clauseTense(toks: readonly Tok[], marks: TenseMarks, from: number, to: number): Tense | null {
  const sentence = toks[from]!.sentence;
  for (let k = from - 1; k >= 0 && from - k < 40; k -= 1) {
    const t = toks[k]!;
    if (t.sentence !== sentence || (t.kind === 'p' && clauseBreak.test(t.text))) break;
    const mark = marks.at(k);
    if (mark) return mark;
  }
  for (let k = to; k < toks.length && k - to < 40; k += 1) {
    const t = toks[k]!;
    if (t.sentence !== sentence || (t.kind === 'p' && clauseBreak.test(t.text))) break;
    const mark = marks.at(k);
    if (mark) return mark;
  }
  return null;
}

/** The nearest marked token in the mention's sentence, across clauses. */
function sentenceTense(toks: readonly Tok[], marks: TenseMarks, from: number, to: number): Tense | null {
  const sentence = toks[from]?.sentence;
  let best: Tense | null = null;
  let bestDistance = Infinity;
  for (let k = from - 1; k >= 0 && toks[k]!.sentence === sentence && from - k < 40; k -= 1) {
    const mark = marks.at(k);
    if (mark) {
      best = mark;
      bestDistance = from - k;
      break;
    }
  }
  if (to >= toks.length || toks[to]!.sentence !== sentence) return best;
  const next = marks.nextInSentence(to);
  return next !== -1 && next - to + 1 < bestDistance ? marks.at(next) : best;
}

/**
 * "put off until Tuesday", "to close by Dec. 15", "antes de enero", "hasta el martes": a date that ends a wait
 * lies ahead of the article whatever the tense of the verb that asks for it.
 */
function deadlineAt(toks: readonly Tok[], from: number): 'until' | 'before' | null {
  // The mention may start with its article or preposition ("del sábado", "the end of"); look at it and the two words before.
  for (let j = from; j >= Math.max(0, from - 2); j -= 1) {
    const t = toks[j]!;
    if (t.kind !== 'w') return null;
    const w = t.lower;
    if (w === 'until' || w === 'till' || w === 'by' || w === 'hasta') return 'until';
    if (w === 'before') return fronted(toks, j) ? null : 'before';
    if ((w === 'de' || w === 'del') && /^(?:antes|después)$/.test(toks[j - 1]?.lower ?? '')) return toks[j - 1]!.lower === 'antes' && !fronted(toks, j - 1) ? 'before' : null;
    if (j < from && !/^(?:the|el|la|los|las|del|al|de|on|next|this|este|esta|próximo|próxima)$/.test(w)) return null;
  }
  return null;
}

/** "Antes del sábado, …": a phrase that opens its sentence or clause, whose time the main clause gives. */
const fronted = (toks: readonly Tok[], k: number) => k === 0 || toks[k - 1]!.sentence !== toks[k]!.sentence || (toks[k - 1]!.kind === 'p' && clauseBreak.test(toks[k - 1]!.text));

/** "had filed their reports by Wednesday", "Until Thursday, nobody had called": a deadline already passed in the story. */
function pluperfectNear(toks: readonly Tok[], from: number, to: number): boolean {
  const sentence = toks[from]!.sentence;
  for (let k = Math.max(0, from - 8); k < Math.min(toks.length, to + 6); k += 1) {
    const t = toks[k]!;
    if (t.sentence === sentence && (t.lower === 'had' || t.lower === 'había' || t.lower === 'habían')) return true;
  }
  return false;
}
