/**
 * Words that tell what a number counts, in English and Spanish, folded (lower case, no diacritics).
 * A strong cue names the event ("killed", "heridos"); a weak one only the people counted ("victims", "bodies").
 */
import type { Figure, FigureMeasure } from '../../core/doc.ts';

type Cue = { measure: FigureMeasure; strength: 'strong' | 'weak' };

const table: [FigureMeasure, 'strong' | 'weak', string][] = [
  ['killed', 'strong', 'killed kill kills killing dead died die dies dying death deaths fatalities fatality deceased murdered slain massacred executed ' +
    'muertos muertas muerto muerta muerte muertes murieron murio mueren fallecidos fallecidas fallecido fallecida fallecieron fallecio fallecimientos fallecen ' +
    'asesinados asesinadas asesinado asesinada asesinato asesinatos ejecutados toll killings homicides homicide homicidios homicidio decesos deceso perecieron murdered mortal mortales'],
  ['killed', 'weak', 'victims bodies corpses victimas cuerpos cadaveres'],
  ['injured', 'strong', 'injured injuries injuring wounded wounding hurt heridos heridas herido herida lesionados lesionadas lesionado lesionada lesiones ' +
    // People treated for injuries count as injured in the tallies of ombudsmen and health ministries.
    'treated atendidos atendidas atenciones atencion trauma traumas'],
  ['hospitalized', 'strong', 'hospitalized hospitalised hospitalizados hospitalizadas hospitalizado hospitalizada internados internadas'],
  ['detained', 'strong', 'detained detention detentions detainees arrested arrests arrest jailed imprisoned detenidos detenidas detenido detenida detenciones arrestados arrestadas arrestado arrestada capturados capturadas presos retenidos retenidas aprehendidos aprehendidas'],
  ['missing', 'strong', 'missing disappeared desaparecidos desaparecidas desaparecido desaparecida'],
  ['displaced', 'strong', 'displaced evacuated refugees desplazados desplazadas evacuados'],
  ['seats', 'strong', 'seats seat escanos escano curules curul bancas'],
  ['troops', 'weak', 'troops soldiers servicemen militares soldados tropas efectivos uniformados marines'],
  ['protesters', 'weak', 'protesters protestors demonstrators marchers manifestantes marchantes huelguistas'],
];

const cues = new Map<string, Cue>();
for (const [measure, strength, words] of table) for (const w of words.split(' ')) if (!cues.has(w)) cues.set(w, { measure, strength });

/** The cue a folded word gives, if any. */
export function cueOf(key: string): Cue | undefined {
  return cues.get(key);
}

/** Verbs that make a crowd of people protesters ("two hundred supporters had gathered"). */
export const crowdVerbs = new Set(['marched', 'gathered', 'rallied', 'protested', 'demonstrated', 'marcharon', 'protestaron', 'se', 'concentraron', 'congregaron', 'manifestaron']);

export const voteWords = new Set(['votes', 'vote', 'voted', 'ballots', 'votos', 'voto', 'votaron', 'sufragios']);
export const forWords = new Set(['favour', 'favor', 'for', 'yes', 'ayes']);
export const againstWords = new Set(['against', 'contra', 'no', 'noes', 'nays']);
export const abstainWords = new Set(['abstentions', 'abstention', 'abstained', 'abstaining', 'abstenciones', 'abstencion', 'abstuvieron']);
export const neededWords = new Set(['required', 'needed', 'necessary', 'threshold', 'requires', 'require', 'requeria', 'requiere', 'requeridos', 'necesarios', 'necesitaba', 'necesita', 'minimo', 'umbral']);

export const approvalWords = new Set(['approval', 'approve', 'approves', 'approved', 'aprobacion', 'aprueba', 'aprueban', 'respaldo', 'support', 'supports', 'popularity', 'popularidad']);
export const disapprovalWords = new Set(['disapproval', 'disapprove', 'disapproves', 'desaprobacion', 'desaprueba', 'desaprueban', 'rechazo', 'rechazan', 'rechaza']);
export const percentWords = new Set(['percent', 'porcentaje']);

export const durationUnits: Record<string, 'Y' | 'M' | 'W' | 'D'> = {
  year: 'Y', years: 'Y', ano: 'Y', anos: 'Y', month: 'M', months: 'M', mes: 'M', meses: 'M', week: 'W', weeks: 'W', semana: 'W', semanas: 'W', day: 'D', days: 'D', dia: 'D', dias: 'D',
};

/** Currency words and signs to ISO 4217 codes. */
export const currencyWords: Record<string, string> = {
  dollars: 'USD', dollar: 'USD', dolares: 'USD', dolar: 'USD', usd: 'USD', euros: 'EUR', euro: 'EUR', eur: 'EUR', soles: 'PEN', sol: 'PEN', pen: 'PEN',
  pounds: 'GBP', libras: 'GBP', gbp: 'GBP', yuan: 'CNY', bolivianos: 'BOB', reais: 'BRL', reales: 'BRL', brl: 'BRL',
};
export const currencyAdjectives: Record<string, string> = {
  us: 'USD', american: 'USD', estadounidenses: 'USD', mexican: 'MXN', mexicanos: 'MXN', chilean: 'CLP', chilenos: 'CLP', colombian: 'COP', colombianos: 'COP',
  argentine: 'ARS', argentinos: 'ARS', peruvian: 'PEN', cuban: 'CUP', cubanos: 'CUP', canadian: 'CAD', australian: 'AUD',
};
export const currencySigns: Record<string, string> = { '$': 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };

/** Approximation markers before a number, longest first; each a folded word sequence. */
export const approxMarkers: [string[], NonNullable<Figure['approx']>][] = ([
  ['no more than', 'at_most'], ['no fewer than', 'at_least'], ['no less than', 'at_least'], ['more than', 'more_than'], ['at least', 'at_least'],
  ['at most', 'at_most'], ['up to', 'up_to'], ['fewer than', 'less_than'], ['less than', 'less_than'], ['close to', 'nearly'], ['as many as', 'up_to'],
  ['alrededor de', 'about'], ['cerca de', 'nearly'], ['mas de', 'more_than'], ['al menos', 'at_least'], ['por lo menos', 'at_least'],
  ['menos de', 'less_than'], ['hasta', 'up_to'], ['casi', 'nearly'], ['unos', 'about'], ['unas', 'about'], ['aproximadamente', 'about'],
  ['about', 'about'], ['around', 'about'], ['approximately', 'about'], ['roughly', 'about'], ['some', 'about'], ['nearly', 'nearly'], ['almost', 'nearly'],
  ['over', 'more_than'], ['under', 'less_than'], ['passed', 'more_than'], ['pass', 'more_than'], ['exceeds', 'more_than'], ['exceeded', 'more_than'],
  ['supera', 'more_than'], ['superan', 'more_than'], ['supero', 'more_than'],
] as [string, NonNullable<Figure['approx']>][]).map(([words, approx]) => [words.split(' '), approx] as [string[], NonNullable<Figure['approx']>]).sort((a, b) => b[0].length - a[0].length);

/** Words before a number that make the count a running total ("the toll rose to", "asciende a"). */
export const cumulativeBefore = new Set([
  'toll', 'tally', 'rose', 'risen', 'raised', 'raises', 'climbed', 'reached', 'reaches', 'stands', 'counts', 'increased', 'putting', 'puts',
  'asciende', 'ascendio', 'eleva', 'elevo', 'elevan', 'elevaron', 'subio', 'subieron', 'sube', 'suben', 'aumento', 'aumentaron', 'incrementaron', 'situa', 'situan',
  'mantiene', 'contabiliza', 'suma', 'suman', 'cifra',
]);
/** Nouns that frame a number as a count of something named elsewhere in the sentence ("la cifra subió a cinco"). */
export const framingNouns = new Set(['number', 'numero', 'cifra', 'toll', 'tally', 'count', 'registro', 'balance', 'saldo', 'conteo', 'total']);
/** Phrases anywhere in the clause that make the count a running total. */
export const cumulativePhrases: string[][] = [
  ['so', 'far'], ['to', 'date'], ['thus', 'far'], ['in', 'total'], ['so', 'far', 'this'], ['hasta', 'ahora'], ['hasta', 'el', 'momento'], ['en', 'total'], ['a', 'la', 'fecha'],
  ['death', 'toll'], ['the', 'toll'], ['la', 'cifra'], ['el', 'balance'], ['running', 'count'], ['running', 'total'],
  // A crackdown that "culminated in the deaths of 70 people" states where the count ended: a total.
  ['culminated', 'in'], ['culminating', 'in'], ['culmino', 'con'], ['culmino', 'en'], ['in', 'all'], ['altogether'], ['a', 'total', 'of'], ['un', 'total', 'de'],
].map((p) => p);
export const sinceWords = new Set(['since', 'desde']);
/** Auxiliaries of the present perfect: "25 people have died", "has killed more than 30", "han muerto 12". */
export const perfectAuxiliaries = new Set(['have', 'has', 'han', 'ha']);

/** Nouns naming a kind of place, when followed by "of"/"de" and a name ("the city of Juliaca", "el puente de Chaupimayo"). */
export const placeNouns: Record<string, 'specific' | 'area'> = {
  city: 'specific', town: 'specific', village: 'specific', bridge: 'specific', district: 'specific', square: 'specific', plaza: 'specific', port: 'specific', airport: 'specific', hospital: 'specific',
  ciudad: 'specific', pueblo: 'specific', localidad: 'specific', puente: 'specific', distrito: 'specific', comunidad: 'specific', aeropuerto: 'specific', poblado: 'specific', caserio: 'specific',
  province: 'area', region: 'area', department: 'area', state: 'area', country: 'area', provincia: 'area', region_: 'area', departamento: 'area', estado: 'area', pais: 'area', municipality: 'area', municipio: 'area',
};
export const placePrepositions = new Set(['in', 'at', 'on', 'near', 'en', 'near', 'outside', 'inside']);
export const determiners = new Set(['the', 'a', 'el', 'la', 'los', 'las', 'del']);
/** Capitalized words that do not name a place when they follow "in"/"en". */
export const notPlaces = new Set([
  'congress', 'court', 'ministry', 'office', 'ombudsman', 'government', 'police', 'parliament', 'senate', 'cabinet', 'president', 'palace', 'tribunal', 'supreme',
  'congreso', 'corte', 'ministerio', 'defensoria', 'gobierno', 'policia', 'parlamento', 'senado', 'gabinete', 'presidente', 'palacio', 'sala', 'fiscalia', 'camara',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre',
  'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo', 'i', 'he', 'she', 'it', 'we', 'they', 'his', 'her', 'its', 'their', 'this', 'that', 'what',
  'twitter', 'facebook', 'x', 'youtube', 'instagram', 'tiktok', 'spanish', 'english', 'quechua', 'aymara', 'tv', 'spanish-language',
]);
export const nationwide = [['nationwide'], ['national'], ['across', 'the', 'country'], ['en', 'todo', 'el', 'pais'], ['a', 'nivel', 'nacional'], ['nationally']];

/** Words before a number that make it a reference, not a quantity ("page 12", "Article 117", "flight 203"). */
export const referenceWords = new Set([
  'page', 'pages', 'p', 'pp', 'pagina', 'paginas', 'pag', 'no', 'number', 'numero', 'num', 'nro', 'article', 'articulo', 'art', 'law', 'ley', 'decree', 'decreto',
  'resolution', 'resolucion', 'room', 'flight', 'vuelo', 'route', 'ruta', 'highway', 'line', 'linea', 'chapter', 'capitulo', 'section', 'seccion', 'item', 'inciso',
  'km', 'kilometre', 'kilometer', 'box', 'apartado', 'suite', 'floor', 'piso', 'calle', 'street', 'avenue', 'avenida', 'av', 'tel', 'phone', 'telefono', 'fax', 'code', 'codigo',
  'calibre', 'caliber', 'calibro', 'version', 'v', 'episode', 'episodio', 'season', 'temporada', 'vol', 'volume', 'tomo', 'figure', 'fig', 'table', 'tabla', 'exhibit', 'case', 'expediente', 'caso', 'file',
]);
/** Words that, after a number, make it an age ("58 years old", "63 años de edad"). */
export const ageAfter = [['years', 'old'], ['year', 'old'], ['anos', 'de', 'edad'], ['ano', 'de', 'edad']];
/** Count nouns that make a bare number a counted thing when nothing else does. */
export const peopleNouns = new Set([
  'people', 'persons', 'person', 'civilians', 'residents', 'villagers', 'farmers', 'miners', 'students', 'children', 'minors', 'women', 'men', 'adults', 'teenagers', 'journalists',
  'officers', 'policemen', 'police', 'agents', 'guards', 'workers', 'supporters', 'members', 'leaders', 'citizens', 'nationals', 'peasants', 'indigenous', 'individuals', 'relatives',
  'personas', 'civiles', 'pobladores', 'vecinos', 'campesinos', 'mineros', 'estudiantes', 'ninos', 'menores', 'mujeres', 'hombres', 'periodistas', 'policias', 'agentes',
  'comuneros', 'dirigentes', 'simpatizantes', 'ciudadanos', 'trabajadores', 'integrantes', 'miembros', 'jovenes', 'familias', 'families', 'protesters', 'demonstrators',
  'manifestantes', 'victims', 'victimas', 'soldiers', 'soldados', 'troops', 'militares', 'congresistas', 'lawmakers', 'legislators', 'deputies', 'senators',
  // Singulars, for "one police officer", "un agente", "una persona".
  'officer', 'policeman', 'agent', 'soldier', 'civilian', 'protester', 'demonstrator', 'student', 'child', 'minor', 'woman', 'man', 'journalist', 'resident', 'farmer', 'miner',
  'persona', 'civil', 'agente', 'policia', 'soldado', 'militar', 'manifestante', 'estudiante', 'nino', 'nina', 'menor', 'mujer', 'hombre', 'periodista', 'comunero', 'campesino',
  'minero', 'poblador', 'vecino', 'joven', 'uniformado', 'carabinero', 'carabineros', 'growers', 'cocaleros', 'indigenas',
]);
export const securityNouns = new Set(['officers', 'officer', 'policemen', 'police', 'agents', 'soldiers', 'troops', 'guards', 'policias', 'agentes', 'soldados', 'militares', 'efectivos', 'uniformados', 'policiales']);
