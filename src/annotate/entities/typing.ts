/**
 * A typing prior after the tagger. The tagger finds Latin-American regions and towns well but often types them PER
 * or ORG ("Azuay", "Antioquia" never occur in CoNLL training text), so a name that is wholly a known place becomes
 * LOC unless the words before it say person or organization; a coordinated list of names shares its majority type;
 * and a name keeps one type within an article. Every step is one pass over the mentions with Map lookups.
 */
import { foldPlace, type PlaceNames } from './place-names.ts';

/** A name found by the tagger: sentence `s`, tokens [start, end) of that sentence, its type and mean confidence. */
export interface NameSpan {
  s: number;
  start: number;
  end: number;
  type: string;
  confidence?: number;
}

// A person title or role right before a name makes it a person: "el alcalde Trinidad", "Mr. Washington".
const PERSON_CUES = new Set([
  'sr', 'sra', 'srta', 'senor', 'senora', 'don', 'dona', 'mr', 'mrs', 'ms', 'miss', 'dr', 'dra', 'doctor', 'doctora',
  'prof', 'profesor', 'profesora', 'general', 'gen', 'coronel', 'col', 'capitan', 'sargento', 'teniente', 'cabo', 'padre',
  'monsenor', 'presidente', 'presidenta', 'president', 'ministro', 'ministra', 'minister', 'alcalde', 'alcaldesa', 'mayor',
  'gobernador', 'gobernadora', 'governor', 'diputado', 'diputada', 'senador', 'senadora', 'senator', 'juez', 'jueza',
  'judge', 'fiscal', 'comandante', 'commander', 'sir', 'lord', 'lady', 'jugador', 'jugadora', 'delantero', 'portero',
  'tecnico', 'entrenador', 'coach', 'striker', 'goalkeeper', 'hermano', 'hermana', 'hijo', 'hija', 'esposa', 'esposo',
]);

// An institution word before "de"/"of" + a place makes the place part of an organization's name: "Universidad de Antioquia".
const ORG_WORDS = new Set([
  'universidad', 'university', 'ministerio', 'ministry', 'club', 'banco', 'bank', 'partido', 'party', 'comision',
  'commission', 'corte', 'court', 'tribunal', 'fiscalia', 'defensoria', 'asociacion', 'association', 'federacion',
  'federation', 'confederacion', 'confederation', 'fundacion', 'foundation', 'instituto', 'institute', 'organizacion',
  'organization', 'organisation', 'movimiento', 'movement', 'frente', 'consejo', 'council', 'agencia', 'agency', 'empresa',
  'company', 'compania', 'hospital', 'colegio', 'college', 'escuela', 'school', 'diario', 'radio', 'sociedad', 'society',
  'camara', 'chamber', 'senado', 'senate', 'congreso', 'congress', 'atletico', 'deportivo', 'sporting', 'union', 'watch',
  'sindicato', 'union', 'cooperativa', 'gobernacion', 'alcaldia', 'prefectura',
]);

const CONNECTORS = new Set(['de', 'del', 'of', 'la', 'el', 'the']);
// A club is named after its city and takes a masculine article in Spanish ("el Barcelona", "del Valencia"); a region
// takes one too ("del Beni", "el Chapare"), so the article only blocks cities.
const CLUB_ARTICLES = new Set(['el', 'del', 'al']);
// A place preposition right before a name: "en Antioquia", "in Otavalo". A city named as an organization is usually a
// team ("Chicago beat Boston") or a club, so without such a cue only countries and regions leave ORG for LOC.
const PLACE_PREPOSITIONS = new Set(['en', 'in', 'desde', 'hacia', 'hasta', 'from', 'near', 'into', 'throughout', 'across']);
// "departamento de Cotopaxi", "the province of Azuay": a place noun before "de"/"of" says the name is a place.
const PLACE_NOUNS = new Set([
  'departamento', 'region', 'provincia', 'ciudad', 'municipio', 'localidad', 'comuna', 'canton', 'estado', 'distrito',
  'pueblo', 'poblado', 'comunidad', 'city', 'province', 'state', 'department', 'town', 'village', 'district', 'county',
]);
const LIST_JOINERS = new Set([',', 'y', 'e', 'and', 'o', 'u', 'or']);
const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'van', 'von', 'der', 'da', 'do', 'dos', 'di', 'le', 'el']);

/** Lowercase, accents and a final period dropped; plain ASCII words (most context words) skip normalization. */
function fold(word: string): string {
  const lower = /^[\x00-\x7f]*$/.test(word) ? word.toLowerCase() : word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** The words before a name say it is a person or an organization (so it is not read as the place it is named after). */
function contextSaysNotPlace(forms: readonly string[], start: number): boolean {
  const prev = start > 0 ? fold(forms[start - 1]!) : '';
  if (PERSON_CUES.has(prev) || ORG_WORDS.has(prev)) return true;
  if (CONNECTORS.has(prev) && start > 1) return ORG_WORDS.has(fold(forms[start - 2]!));
  return false;
}

/**
 * Retypes the tagger's names in place: the place prior, then coordinated lists, then one type per name per article.
 * `forms` are the document's sentences as token forms; spans must be in document order.
 */
export function retypeNames(spans: NameSpan[], forms: readonly (readonly string[])[], places: PlaceNames): void {
  if (spans.length === 0) return;
  const keys = spans.map((m) => foldPlace(forms[m.s]!.slice(m.start, m.end).join(' ')));
  // Words of longer person names in this article: "Moreno" after "Lenín Moreno" is the man, not the Argentine city.
  const personWords = new Set<string>();
  spans.forEach((m, i) => {
    if (m.type !== 'PER' || m.end - m.start < 2) return;
    for (const w of keys[i]!.split(' ')) if (!PARTICLES.has(w)) personWords.add(w);
  });
  const placeKind = keys.map((k) => places.kindOf(k));
  const placeCue = spans.map((m, i) => {
    const f = forms[m.s]!;
    const prev = m.start > 0 ? fold(f[m.start - 1]!) : '';
    if (PLACE_PREPOSITIONS.has(prev)) return true;
    if ((prev === 'de' || prev === 'del' || prev === 'of') && m.start > 1 && PLACE_NOUNS.has(fold(f[m.start - 2]!))) return true;
    // apposition to a wider place: "Otavalo, Imbabura", "Concepción, Chile"
    const next = spans[i + 1];
    return next !== undefined && next.s === m.s && next.start === m.end + 1 && f[m.end] === ',' && next.end - next.start <= 3 &&
      (places.kindOf(foldPlace(f.slice(next.start, next.end).join(' '))) ?? 'city') !== 'city';
  });
  const blocked = spans.map((m, i) => {
    const f = forms[m.s]!;
    if (contextSaysNotPlace(f, m.start)) return true;
    if (m.end - m.start === 1 && personWords.has(keys[i]!)) return true;
    const prev = m.start > 0 ? fold(f[m.start - 1]!) : '';
    return m.type === 'ORG' && CLUB_ARTICLES.has(prev) && places.isCity(keys[i]!);
  });

  // 0. a "person" with an institution word in it is an organization ("Human Rights Watch"); so is a short all-caps
  // word outside headlines that the article never writes in title case ("MAS" beside "Movimiento al Socialismo")
  let titleCase: Set<string> | undefined;
  const writtenInTitleCase = (word: string) => {
    // built on the first all-caps candidate only: most articles have none
    if (!titleCase) {
      titleCase = new Set();
      for (const f of forms) for (const w of f) if (/^\p{Lu}\p{Ll}/u.test(w)) titleCase.add(w.toLowerCase());
    }
    return titleCase.has(word.toLowerCase());
  };
  spans.forEach((m) => {
    if (m.type !== 'PER') return;
    const f = forms[m.s]!;
    const words = f.slice(m.start, m.end);
    if (words.some((w) => /^\p{Lu}/u.test(w) && ORG_WORDS.has(fold(w)))) m.type = 'ORG';
    else if (words.length === 1 && /^\p{Lu}{2,6}$/u.test(words[0]!) && f.some((w) => /^\p{Ll}{3,}/u.test(w)) && !writtenInTitleCase(words[0]!)) m.type = 'ORG';
  });

  // An organization named after a place is a team or a club more often than a mistake ("Chicago beat Boston"):
  // only a country, or a known place after a place preposition, leaves ORG for LOC.
  const orgMayBePlace = (i: number) => placeKind[i] !== undefined && (placeKind[i] === 'country' || placeCue[i]!);

  // 1. the place prior
  spans.forEach((m, i) => {
    if (placeKind[i] === undefined || blocked[i]) return;
    if (m.type === 'PER' || (m.type === 'ORG' && orgMayBePlace(i))) m.type = 'LOC';
  });

  // 2. coordinated lists: "Junín, Huancavelica, Apurímac, Cusco y Ayacucho" — names joined by commas and a final
  // conjunction, at least three of them and at least one comma
  let i = 0;
  while (i < spans.length) {
    let j = i;
    let commas = 0;
    while (j + 1 < spans.length) {
      const a = spans[j]!;
      const b = spans[j + 1]!;
      if (b.s !== a.s) break;
      const gap = forms[a.s]!.slice(a.end, b.start).map(fold);
      const joined = (gap.length === 1 && LIST_JOINERS.has(gap[0]!)) || (gap.length === 2 && gap[0] === ',' && LIST_JOINERS.has(gap[1]!));
      if (!joined) break;
      if (gap[0] === ',') commas++;
      j++;
    }
    const size = j - i + 1;
    // a list ends with a conjunction; commas alone are as often an apposition ("the party's leader, Ana Ruiz, said")
    const last = size > 1 ? fold(forms[spans[j]!.s]![spans[j]!.start - 1]!) : '';
    if (size >= 3 && commas >= 1 && last !== ',') {
      const counts = new Map<string, number>();
      for (let k = i; k <= j; k++) counts.set(spans[k]!.type, (counts.get(spans[k]!.type) ?? 0) + 1);
      const [top, n] = [...counts].sort((x, y) => y[1] - x[1])[0]!;
      if (n * 2 > size) {
        for (let k = i; k <= j; k++) {
          const m = spans[k]!;
          if (m.type === top) continue;
          // a known place stays a place in a list of people; a list of places does not take a titled person
          // and a full person name is stronger evidence than its neighbours
          if (m.type === 'PER' && m.end - m.start > 1) continue;
          if (top === 'LOC' ? !blocked[k] : placeKind[k] === undefined) m.type = top;
        }
      }
    }
    i = j + 1;
  }

  // 3. one name, one type per article: the type most of its mentions have (ties: higher summed confidence);
  // a mention whose context says otherwise keeps its own, and a city named as an organization stays a team
  const votes = new Map<string, Map<string, number>>();
  spans.forEach((m, k) => {
    const v = votes.get(keys[k]!) ?? votes.set(keys[k]!, new Map()).get(keys[k]!)!;
    v.set(m.type, (v.get(m.type) ?? 0) + 1 + (m.confidence ?? 0) * 1e-3);
  });
  spans.forEach((m, k) => {
    const v = votes.get(keys[k]!)!;
    if (v.size < 2) return;
    const top = [...v].sort((x, y) => y[1] - x[1])[0]![0];
    // a full person name is typed from its own first name; the vote only repairs places and single words
    if (m.type === top || (m.type === 'PER' && m.end - m.start > 1 && placeKind[k] === undefined)) return;
    if (top === 'LOC' ? blocked[k] || (m.type === 'ORG' && places.isCity(keys[k]!) && !orgMayBePlace(k)) : m.type === 'LOC' && (placeCue[k] || placeKind[k] !== undefined)) return;
    m.type = top;
  });
}
