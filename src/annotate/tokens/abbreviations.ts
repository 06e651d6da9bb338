/**
 * Abbreviations that keep their period as part of the token, per language.
 * Titles ("Dr.", "Sr.", "Gen.") never end a sentence; other abbreviations ("Inc.", "etc.") may.
 */

const TITLES_EN = [
  'Mr', 'Mrs', 'Ms', 'Messrs', 'Dr', 'Drs', 'Prof', 'Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Cmdr', 'Sgt', 'Cpl', 'Adm',
  'Gov', 'Sen', 'Rep', 'Rev', 'Fr', 'Sr', 'Jr', 'St', 'Mt', 'Ft', 'Pres', 'Supt', 'Insp', 'Hon', 'Amb', 'Brig', 'Gens',
];
const OTHERS_EN = [
  'Inc', 'Corp', 'Co', 'Ltd', 'Bros', 'Assn', 'Dept', 'Univ', 'Ave', 'Blvd', 'Rd', 'Av', 'vs', 'etc', 'approx', 'est',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thur', 'Thurs', 'Fri', 'Sat', 'Sun', 'Ariz', 'Calif', 'Colo', 'Conn', 'Fla', 'Ill',
  'Ind', 'Kan', 'Mass', 'Mich', 'Minn', 'Miss', 'Nev', 'Okla', 'Ore', 'Penn', 'Tenn', 'Tex', 'Va', 'Wash', 'Wis',
  'cf', 'ca', 'al', 'fig', 'Fig', 'p', 'pp', 'vol', 'Vol', 'ed', 'eds',
];
const TITLES_ES = [
  'Sr', 'Sra', 'Srta', 'Sres', 'Sras', 'Dr', 'Dra', 'Drs', 'Dras', 'Lic', 'Licda', 'Ing', 'Arq', 'Prof', 'Profa', 'Gral',
  'Gen', 'Cnel', 'Tte', 'Cap', 'Sgto', 'Mons', 'Pbro', 'Fr', 'Sto', 'Sta', 'Dña', 'Ud', 'Uds', 'Vd', 'Vds', 'Excmo',
  'Excma', 'Ilmo', 'Ilma', 'Mtro', 'Mtra', 'Abg', 'Abog', 'Cdte', 'Pdte', 'Pte',
];
const OTHERS_ES = [
  'Av', 'Avda', 'Cía', 'Cia', 'Dpto', 'Depto', 'Jr', 'Pje', 'Urb', 'Col', 'Blvr', 'Km', 'km', 'núm', 'Núm', 'pág',
  'págs', 'etc', 'aprox', 'tel', 'Tel', 'ene', 'feb', 'mar', 'abr', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic',
  'Ene', 'Feb', 'Mar', 'Abr', 'Jun', 'Jul', 'Ago', 'Sept', 'Oct', 'Nov', 'Dic', 'vs', 'pp', 'vol', 'art', 'Art', 'inc',
  'Inc', 'Ltda', 'Corp', 'ob', 'cit',
];

const TITLES: Record<'en' | 'es', Set<string>> = { en: new Set(TITLES_EN), es: new Set(TITLES_ES) };
const ALL: Record<'en' | 'es', Set<string>> = {
  en: new Set([...TITLES_EN, ...OTHERS_EN]),
  es: new Set([...TITLES_ES, ...OTHERS_ES]),
};

const pick = (lang: string): 'en' | 'es' => (lang === 'es' ? 'es' : 'en');

/**
 * True when `word` followed by a period is an abbreviation in `lang`: a listed abbreviation,
 * a single capital initial ("J. Smith"), or "No."/"Nº." before a number. `after` is the index just past the period.
 */
export function isAbbreviation(word: string, lang: string, text: string, after: number): boolean {
  if (ALL[pick(lang)].has(word)) return true;
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true;
  if (word === 'No' || word === 'no' || word === 'Nos' || word === 'nos' || word === 'Nº' || word === 'Art') {
    return /^\s?\d/u.test(text.slice(after, after + 2));
  }
  return false;
}

/** True when the abbreviation token (with its period) is a title or initial that never ends a sentence ("Dr.", "J."). */
export function isTitleAbbreviation(token: string, lang: string): boolean {
  if (!token.endsWith('.')) return false;
  const word = token.slice(0, -1);
  if (word.length === 1 && /\p{Lu}/u.test(word)) return true;
  return TITLES[pick(lang)].has(word) || word === 'No' || word === 'Nº';
}
