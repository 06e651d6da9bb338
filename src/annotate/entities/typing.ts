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

/** Words after which a capitalized word is a person's surname: "de apellido Soto", "apellidada Ruiz", "surnamed Soto". */
export const SURNAME_CUES = new Set(['apellido', 'apellidado', 'apellidada', 'surnamed']);

// A person title or role right before a name makes it a person: "el alcalde Trinidad", "Mr. Washington", "de apellido Soto".
const PERSON_CUES = new Set([
  ...SURNAME_CUES,
  'sr',
  'sra',
  'srta',
  'senor',
  'senora',
  'don',
  'dona',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'dra',
  'doctor',
  'doctora',
  'prof',
  'profesor',
  'profesora',
  'general',
  'gen',
  'coronel',
  'col',
  'capitan',
  'sargento',
  'teniente',
  'cabo',
  'padre',
  'monsenor',
  'presidente',
  'presidenta',
  'president',
  'ministro',
  'ministra',
  'minister',
  'alcalde',
  'alcaldesa',
  'mayor',
  'gobernador',
  'gobernadora',
  'governor',
  'diputado',
  'diputada',
  'senador',
  'senadora',
  'senator',
  'juez',
  'jueza',
  'judge',
  'fiscal',
  'comandante',
  'commander',
  'sir',
  'lord',
  'lady',
  'jugador',
  'jugadora',
  'delantero',
  'portero',
  'tecnico',
  'entrenador',
  'coach',
  'striker',
  'goalkeeper',
  'hermano',
  'hermana',
  'hijo',
  'hija',
  'esposa',
  'esposo',
]);

// An institution word before "de"/"of" + a place makes the place part of an organization's name: "Universidad de Antioquia".
const ORG_WORDS = new Set([
  'universidad',
  'university',
  'ministerio',
  'ministry',
  'club',
  'banco',
  'bank',
  'partido',
  'party',
  'comision',
  'commission',
  'corte',
  'court',
  'tribunal',
  'fiscalia',
  'defensoria',
  'asociacion',
  'association',
  'federacion',
  'federation',
  'confederacion',
  'confederation',
  'fundacion',
  'foundation',
  'instituto',
  'institute',
  'organizacion',
  'organization',
  'organisation',
  'movimiento',
  'movement',
  'frente',
  'consejo',
  'council',
  'agencia',
  'agency',
  'empresa',
  'company',
  'compania',
  'hospital',
  'colegio',
  'college',
  'escuela',
  'school',
  'diario',
  'radio',
  'sociedad',
  'society',
  'camara',
  'chamber',
  'senado',
  'senate',
  'congreso',
  'congress',
  'atletico',
  'deportivo',
  'sporting',
  'union',
  'watch',
  'sindicato',
  'union',
  'cooperativa',
  'gobernacion',
  'alcaldia',
  'prefectura',
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
  'departamento',
  'region',
  'provincia',
  'ciudad',
  'municipio',
  'localidad',
  'comuna',
  'canton',
  'estado',
  'distrito',
  'pueblo',
  'poblado',
  'comunidad',
  'city',
  'province',
  'state',
  'department',
  'town',
  'village',
  'district',
  'county',
  // a bridge, a quarter or a massacre is named after where it is: "el puente de X", "la masacre de X"
  'puente',
  'barrio',
  'sector',
  'sectores',
  'zona',
  'masacre',
  'matanza',
  'bridge',
  'massacre',
]);
const LIST_JOINERS = new Set([',', 'y', 'e', 'and', 'o', 'u', 'or']);
/** Words inside a name that are not names themselves ("Jaime de la Cruz", "Vincent van der Berg"). */
export const PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'van', 'von', 'der', 'da', 'do', 'dos', 'di', 'le', 'el']);
// A common noun for a kind of organization right before a name, or in an apposition after it, says organization:
// "el diario La Voz del Ostrel", "la ONG Raíces", "Ievo, a nongovernmental organization". Person roles are not here, nor
// words whose Spanish sense is a match, a band or a tournament group ("el partido Real Madrid-Valencia", "el grupo
// Blues Traveler", "Grupo Rojo"), nor magazines and portals (MISC in CoNLL-2002).
const ORG_NOUNS = new Set([
  'ong',
  'ngo',
  'diario',
  'periodico',
  'newspaper',
  'agencia',
  'agency',
  'empresa',
  'company',
  'firm',
  'organizacion',
  'organization',
  'organisation',
  'colectivo',
  'cadena',
  'emisora',
  'sindicato',
  'union',
  'movimiento',
  'movement',
  'fundacion',
  'foundation',
  'asociacion',
  'association',
  'consorcio',
  'aerolinea',
  'airline',
  'broadcaster',
]);
// In an apposition after the name, a group or a party is a body too: "X, un grupo no gubernamental" (not "un grupo de …").
const APPOSITION_ORG_NOUNS = new Set([...ORG_NOUNS, 'grupo', 'group', 'partido', 'party']);
// A leading role in a body, then "de"/"of": what follows is the body unless it is a known place ("el director de
// Carabineros" is the police force, "presidente de Chile" is the country). Members are left out: "a member of St. Mary's".
const MEMBER_ROLES = new Set(['director', 'directora', 'jefe', 'jefa', 'vocero', 'vocera', 'portavoz', 'gerente', 'spokesman', 'spokeswoman', 'spokesperson', 'chairman', 'chairwoman']);
// A name that starts with a word for a kind of land or water, or an administrative area, may be a place: "Región
// Austral", "Trópico de Valmora", "Lake Tumbá".
const PLACE_HEADS = new Set([
  'region',
  'provincia',
  'departamento',
  'municipio',
  'distrito',
  'canton',
  'comuna',
  'valle',
  'rio',
  'lago',
  'laguna',
  'cerro',
  'sierra',
  'cordillera',
  'tropico',
  'bahia',
  'isla',
  'islas',
  'golfo',
  'peninsula',
  'volcan',
  'desierto',
  'altiplano',
  'meseta',
  'mount',
  'lake',
  'river',
  'gulf',
  'bay',
  'valley',
  'island',
  'islands',
  'cape',
  'cabo',
]);
const ADMIN_HEADS = new Set(['region', 'provincia', 'departamento', 'municipio', 'distrito', 'canton', 'comuna']);
const ARTICLES = new Set(['un', 'una', 'el', 'la', 'a', 'an', 'the']);

/** Lowercase, accents and a final period dropped; plain ASCII words (most context words) skip normalization. */
function fold(word: string): string {
  const lower = /^[\x00-\x7f]*$/.test(word)
    ? word.toLowerCase()
    : word
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** The words before a name say it is a person or an organization (so it is not read as the place it is named after). */
function contextSaysNotPlace(forms: readonly string[], start: number): boolean {
  const prev = start > 0 ? fold(forms[start - 1]!) : '';
  if (PERSON_CUES.has(prev) || ORG_WORDS.has(prev)) return true;
  if (CONNECTORS.has(prev) && start > 1) return ORG_WORDS.has(fold(forms[start - 2]!));
  return false;
}

const MONTH =
  /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|ene|abr|ago|dic|january|february|march|april|june|july|august|september|october|november|december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\.?$/i;

/**
 * Whether the "(" at `open` follows a dateline, "QUITO, Oct. 13 (" or "BOGOTÁ (": a name alone in those parentheses
 * is the news agency that filed the story. Parentheses that open a sentence hold bylines and story codes as often.
 */
function opensAfterDateline(f: readonly string[], open: number, places: PlaceNames): boolean {
  let k = open - 1;
  while (k >= 0 && open - k <= 5 && (/^\d{1,4}$/.test(f[k]!) || f[k] === ',' || f[k] === '.' || MONTH.test(f[k]!))) k--;
  // the capitals name a known place: "EL MERCURIO (Santiago de Chile)" is a newspaper and its city
  return k >= 0 && /^\p{Lu}{3,}$/u.test(f[k]!) && places.kindOf(foldPlace(f[k]!)) !== undefined;
}

/**
 * Whether the word before a name calls it an organization: "el diario X", "la ONG X". The noun is written in lower case
 * (or is the acronym ONG/NGO): "LA EMPRESA Pamplona" is a headline, "the News Agency" a name.
 */
function orgNounBefore(f: readonly string[], m: NameSpan): boolean {
  // "la ONG, Raíces": the comma form only after an article, so "el efímero grupo, Dokoupil" stays apart
  const at = f[m.start - 1] === ',' && m.start > 2 && ARTICLES.has(fold(f[m.start - 3]!)) ? m.start - 2 : m.start - 1;
  const noun = at >= 0 ? f[at]! : '';
  return ORG_NOUNS.has(fold(noun)) && (/^\p{Ll}/u.test(noun) || noun === 'ONG' || noun === 'NGO');
}

/**
 * Whether `short` can abbreviate `long` (both folded): its first letter starts the long form's first word and its other
 * letters appear in order in the long form, as in Schwartz and Hearst (2003): "ievo" in "instituto de estudios
 * del valle de ostrel", "bse" in "budapest stock exchange".
 */
function abbreviates(short: string, long: string): boolean {
  const letters = short.replace(/[^a-z0-9]/g, '');
  if (letters.length < 2 || letters[0] !== long[0]) return false;
  let at = 1;
  for (const c of letters.slice(1)) {
    at = long.indexOf(c, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

// After an apposition's organization noun, only a preposition, a relative or punctuation: "Ana, the party leader" is
// a person ("party" modifies "leader"), "Ievo, a nongovernmental organization based in …" is not.
const AFTER_ORG_NOUN = new Set(['de', 'del', 'que', 'con', 'en', 'para', 'of', 'that', 'which', 'based', 'with', 'in', 'for']);

/** Whether an apposition after a name calls it an organization: "X, un grupo no gubernamental", "X, a nongovernmental organization". */
function orgNounAfter(f: readonly string[], m: NameSpan): boolean {
  if (f[m.end] !== ',' || !ARTICLES.has(fold(f[m.end + 1] ?? ''))) return false;
  for (const at of [m.end + 2, m.end + 3]) {
    const noun = f[at] ?? '';
    if (!APPOSITION_ORG_NOUNS.has(fold(noun)) || !/^\p{Ll}/u.test(noun)) continue;
    const next = fold(f[at + 1] ?? '');
    // "a group of protesters" is people
    if ((noun === 'grupo' || noun === 'group') && (next === 'de' || next === 'of')) return false;
    // Spanish puts the adjective after the noun ("un grupo no gubernamental"); English puts the head last. A name
    // after the noun is what the apposition names: "Isaac, Taylor y Zac, el grupo Hanson".
    if (/^\p{Lu}/u.test(f[at + 1] ?? '')) return false;
    if (at === m.end + 2 && /^(?:un|una|el|la)$/.test(fold(f[m.end + 1]!))) return true;
    return !/^\p{L}/u.test(next) || AFTER_ORG_NOUN.has(next);
  }
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
    return (
      next !== undefined &&
      next.s === m.s &&
      next.start === m.end + 1 &&
      f[m.end] === ',' &&
      next.end - next.start <= 3 &&
      (places.kindOf(foldPlace(f.slice(next.start, next.end).join(' '))) ?? 'city') !== 'city'
    );
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

  // 0b. what the words around a name say it is
  const orgCue = spans.map((m, i) => {
    const f = forms[m.s]!;
    // a person after "la empresa" is its owner or its spokesman as often ("la empresa Juan Pérez e Hijos")
    if ((m.type !== 'PER' && orgNounBefore(f, m)) || orgNounAfter(f, m)) return true;
    const prev = m.start > 0 ? fold(f[m.start - 1]!) : '';
    // "el director de Carabineros": a role in a body that is not a known place
    // (only a name the tagger called a place: "el secretario de Salud" names a ministry, MISC in CoNLL-2002)
    if ((prev === 'de' || prev === 'del' || prev === 'of') && m.start > 1 && MEMBER_ROLES.has(fold(f[m.start - 2]!))) {
      return placeKind[i] === undefined && m.type === 'LOC';
    }
    // in parentheses: a known place is where an organization is ("Ayuntamiento de Casares (Málaga)"), and story codes
    // with digits are MISC ("BOGOTÁ (PM2053)")
    if (f[m.start - 1] !== '(' || f[m.end] !== ')' || placeKind[i] !== undefined || /\d/.test(keys[i]!)) return false;
    // "Instituto de Estudios del Valle de Ostrel (IEVO)": the short name of the organization just named
    const before = spans[i - 1];
    if (before && before.s === m.s && before.end === m.start - 1 && before.type === 'ORG' && before.end - before.start > 1) {
      // only when it can be read as that name's abbreviation: "Red Star (Yugoslavia)" is a club and its country
      if (abbreviates(keys[i]!, keys[i - 1]!)) return true;
    }
    return opensAfterDateline(f, m.start - 1, places);
  });
  const placeNounCue = spans.map((m) => {
    const f = forms[m.s]!;
    const prev = m.start > 0 ? fold(f[m.start - 1]!) : '';
    return (prev === 'de' || prev === 'del' || prev === 'of') && m.start > 1 && PLACE_NOUNS.has(fold(f[m.start - 2]!));
  });
  // a name its context calls an organization is no longer read as the place it may be named after
  orgCue.forEach((cue, i) => {
    if (cue) blocked[i] = true;
  });
  spans.forEach((m, i) => {
    if (orgCue[i]) m.type = 'ORG';
    // a one-word "person" after "la región de", "el puente de" is a place; not a full name ("la masacre de Ana Ruiz"),
    // nor MISC ("el departamento de Salud" is a ministry)
    else if (placeNounCue[i] && m.type === 'PER' && m.end - m.start === 1 && !blocked[i]) m.type = 'LOC';
    else {
      const words = keys[i]!.split(' ');
      if (words.length < 2 || !PLACE_HEADS.has(words[0]!) || forms[m.s]!.slice(m.start, m.end).some((w) => ORG_WORDS.has(fold(w)))) return;
      // "Trópico de Valmora", "Región Austral"; not "Sierra Cruz", "Cerro Porteño" or "Departamento de Estado"
      // (a ministry): an administrative head makes a place only without "de", a land or water word only before a known place
      const rest = words
        .slice(1)
        .join(' ')
        .replace(/^(?:de|del|de la|de los|de las)\s+/, '');
      // (only PER or ORG before a known place: CoNLL-2002 types rivers MISC, "el río San Miguel"; an administrative
      // head before a word that is no place names a body: "Región Militar Pirenaica", ORG)
      if (m.type !== 'MISC' && places.kindOf(rest) !== undefined) m.type = 'LOC';
      else if (m.type !== 'ORG' && ADMIN_HEADS.has(words[0]!) && words[1] !== 'de' && words[1] !== 'del') m.type = 'LOC';
    }
  });

  // a lone word that ends a full person name in this article, and names no known place, is that person: "the origin of
  // Arrate" after "Raúl Arrate". Not after a particle ("Domingo de Silos" is a saint named after a town), not an
  // acronym, and not a name the tagger called an organization ("Banamex", "Estudiantes" have namesakes).
  const surnames = new Set<string>();
  spans.forEach((m, i) => {
    const words = keys[i]!.split(' ');
    if (m.type === 'PER' && words.length > 1 && !PARTICLES.has(words.at(-2)!)) surnames.add(words.at(-1)!);
  });
  spans.forEach((m, i) => {
    if (m.type !== 'LOC' && m.type !== 'MISC') return;
    if (m.end - m.start === 1 && surnames.has(keys[i]!) && placeKind[i] === undefined && !/^\p{Lu}+$/u.test(forms[m.s]![m.start]!)) m.type = 'PER';
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
    // "en los barrios de Lisca y Otavalo": the place cue before the first speaks for both, so a known place in the
    // pair is a place whatever the tagger said (without a cue "Lares y Moca" are as often two baseball teams)
    if (size === 2 && commas === 0 && (placeCue[i] || placeNounCue[i])) {
      for (const k of [i, j]) if (spans[k]!.type !== 'LOC' && placeKind[k] !== undefined && !blocked[k]) spans[k]!.type = 'LOC';
    }
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
  // A mention whose own words say its type (a place preposition or noun, an organization noun, a title) counts twice.
  const votes = new Map<string, Map<string, number>>();
  spans.forEach((m, k) => {
    const v = votes.get(keys[k]!) ?? votes.set(keys[k]!, new Map()).get(keys[k]!)!;
    const f = forms[m.s]!;
    const cued = m.type === 'LOC' ? placeCue[k]! || placeNounCue[k]! : m.type === 'ORG' ? orgCue[k]! : m.type === 'PER' && m.start > 0 && PERSON_CUES.has(fold(f[m.start - 1]!));
    v.set(m.type, (v.get(m.type) ?? 0) + (cued ? 2 : 1) + (m.confidence ?? 0) * 1e-3);
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
