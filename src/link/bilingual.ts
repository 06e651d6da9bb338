/**
 * A light English ↔ Spanish check for translated copies, offline and without a model: the share of a paragraph's
 * content words that have a counterpart in the other paragraph, either a cognate ("constitution"/"constitución",
 * "sentenced"/"sentenciada": the same first letters once spelling habits are folded) or a pair from a small lexicon
 * of news words that are not cognates ("dead"/"muertos", "prison"/"cárcel"). Independent reports of one story share
 * topic words too, so this check only confirms paragraphs that already share their numbers, dates and names in order.
 */
import { RecentlyUsed, rememberedUpTo } from './recently-used.ts';

/** Frequent words of either language that say nothing about content. */
const stop = new Set(
  `
about after again against also although among another because been before being between both cannot could during each either
every from have having here into just last more most much must next only other over said same says should since some such than that
their them then there these they this those through under until upon very were what when where which while will with would your
years year week today yesterday
ante bajo cada como con contra cual cuando desde donde durante ella ellos entre esta este esto estos estas esos fueron habia han
hasta hacia luego mientras muy nada para pero porque puede segun sido sobre solo suya tambien tanto tiene tras todo todos una unos
unas fue ser son ayer hoy anos semana dijo
`
    .trim()
    .split(/\s+/),
);

/** News words whose translations are not cognates: English → Spanish stems (compared as folded prefixes). */
const pairs: [string, string[]][] = [
  ['dead', ['muert', 'fallec']],
  ['death', ['muert', 'fallec', 'deceso']],
  ['died', ['muri', 'muert', 'fallec', 'perdi']],
  ['die', ['muer', 'mori']],
  ['kill', ['mat', 'asesin', 'muert']],
  ['injur', ['herid', 'lesion']],
  ['wound', ['herid']],
  ['hurt', ['herid']],
  ['arrest', ['detenid', 'detenc', 'arrest', 'captur']],
  ['detain', ['detenid', 'deten']],
  ['prison', ['prisi', 'carcel', 'penal']],
  ['jail', ['carcel', 'prisi']],
  ['sentenc', ['condena', 'senten', 'pena']],
  ['convict', ['condena', 'culpab']],
  ['guilty', ['culpab']],
  ['trial', ['juicio', 'proceso']],
  ['court', ['tribunal', 'corte', 'juzgado']],
  ['judge', ['juez', 'jueza']],
  ['lawyer', ['abogad']],
  ['prosecutor', ['fiscal']],
  ['charge', ['cargo', 'acusa', 'imputa']],
  ['police', ['polic']],
  ['army', ['ejercito']],
  ['soldier', ['soldad', 'militar']],
  ['armed', ['armad']],
  ['forces', ['fuerza']],
  ['weapon', ['arma']],
  ['gun', ['arma', 'fuego']],
  ['shot', ['dispar', 'bala']],
  ['bullet', ['bala', 'perdig']],
  ['government', ['gobiern']],
  ['minister', ['ministr']],
  ['president', ['president', 'mandatari']],
  ['former', ['ex', 'antigu']],
  ['leader', ['lider', 'dirigent']],
  ['head', ['jefe', 'titular']],
  ['chief', ['jefe']],
  ['election', ['eleccion', 'comici']],
  ['vote', ['voto', 'votac', 'sufrag']],
  ['ballot', ['voto', 'papeleta']],
  ['count', ['conteo', 'recuent', 'computo', 'escrutin']],
  ['law', ['ley']],
  ['bill', ['proyecto']],
  ['protest', ['protest', 'manifest', 'moviliz']],
  ['march', ['marcha']],
  ['strike', ['paro', 'huelga']],
  ['roadblock', ['bloque']],
  ['block', ['bloque']],
  ['clash', ['enfrent', 'choque']],
  ['riot', ['disturb']],
  ['people', ['persona', 'gente']],
  ['person', ['persona']],
  ['women', ['mujer']],
  ['woman', ['mujer']],
  ['children', ['nino', 'menor']],
  ['citizen', ['ciudadan']],
  ['family', ['famili']],
  ['relatives', ['familiar']],
  ['country', ['pais']],
  ['city', ['ciudad']],
  ['town', ['pueblo', 'localidad']],
  ['street', ['calle']],
  ['road', ['carretera', 'via', 'camino']],
  ['bridge', ['puente']],
  ['border', ['fronter']],
  ['ombudsman', ['defensor']],
  ['rights', ['derecho']],
  ['human', ['human']],
  ['report', ['inform', 'report']],
  ['said', ['dijo', 'afirm', 'asegur', 'declar', 'senal', 'indic']],
  ['announc', ['anunci']],
  ['asked', ['pidi', 'solicit', 'pedid']],
  ['demand', ['exig', 'reclam', 'demand']],
  ['called', ['llam', 'convoc']],
  ['told', ['dijo', 'cont']],
  ['warn', ['advirt', 'alert']],
  ['accus', ['acus']],
  ['since', ['desde']],
  ['after', ['despues', 'tras', 'luego']],
  ['before', ['antes']],
  ['during', ['durante']],
  ['against', ['contra']],
  ['until', ['hasta']],
  ['without', ['sin']],
  ['among', ['entre']],
  ['first', ['primer']],
  ['second', ['segund']],
  ['third', ['tercer']],
  ['half', ['medio', 'mitad']],
  ['percent', ['ciento', 'porcent']],
  ['thousand', ['mil']],
  ['million', ['millon']],
  ['dozen', ['docena']],
  ['month', ['mes']],
  ['day', ['dia', 'jornada']],
  ['night', ['noche']],
  ['morning', ['manana']],
  ['week', ['semana']],
  ['year', ['ano']],
  ['monday', ['lunes']],
  ['tuesday', ['martes']],
  ['wednesday', ['miercoles']],
  ['thursday', ['jueves']],
  ['friday', ['viernes']],
  ['saturday', ['sabado']],
  ['sunday', ['doming']],
  ['january', ['enero']],
  ['february', ['febrero']],
  ['march', ['marzo']],
  ['april', ['abril']],
  ['may', ['mayo']],
  ['june', ['junio']],
  ['july', ['julio']],
  ['august', ['agosto']],
  ['september', ['septiembre', 'setiembre']],
  ['october', ['octubre']],
  ['november', ['noviembre']],
  ['december', ['diciembre']],
  ['free', ['libre', 'libert']],
  ['released', ['liber', 'libert', 'puest']],
  ['fine', ['multa']],
  ['run', ['profug', 'fuga', 'huid']],
  ['flee', ['huy', 'profug', 'fug']],
  ['fled', ['huy', 'huid', 'fug']],
  ['escape', ['fug', 'escap']],
  ['stop', ['deten', 'para']],
  ['will', ['ra', 'remos']],
  ['want', ['quier']],
  ['power', ['poder']],
  ['state', ['estado']],
  ['party', ['partido']],
  ['seat', ['escano']],
  ['congress', ['congres']],
  ['deputy', ['diputad']],
  ['senator', ['senador']],
  ['mayor', ['alcald']],
  ['governor', ['goberna']],
  ['spokesman', ['portavoz', 'vocero']],
  ['spokeswoman', ['portavoz', 'vocera']],
  ['interim', ['interin', 'transitori', 'provisional']],
  ['coup', ['golpe']],
  ['plot', ['complot', 'conspir']],
  ['duties', ['deber']],
  ['persecution', ['persecu']],
  ['international', ['internacional']],
  ['justice', ['justicia']],
  ['system', ['sistema']],
  ['fire', ['fuego', 'incend']],
  ['tear', ['lacrimo']],
  ['hospital', ['hospital']],
  ['body', ['cuerpo', 'cadaver']],
  ['bodies', ['cuerpo', 'cadaver']],
  ['victim', ['victim']],
  ['missing', ['desaparec']],
  ['emergency', ['emergencia', 'excepcion']],
  ['curfew', ['toque']],
  ['measure', ['medida']],
  ['fuel', ['combust']],
  ['price', ['precio']],
  ['subsidy', ['subsidi', 'subvenc']],
  ['talks', ['dialog', 'negoci']],
];

/** Folds a word for comparison: lower case, no diacritics, spelling habits of the two languages evened out. */
export function skeleton(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ck/g, 'c')
    .replace(/k/g, 'c')
    .replace(/y/g, 'i')
    .replace(/z/g, 's')
    .replace(/qu/g, 'c')
    .replace(/(.)\1+/g, '$1');
}

const lexicon = new Map<string, string[]>(pairs.map(([en, es]) => [skeleton(en), es.map(skeleton)]));

/** The content words of a text, folded (four letters or more, no stop words). */
export function contentWords(text: string): string[] {
  return (text.match(/\p{L}{4,}/gu) ?? [])
    .map((w) =>
      w
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase(),
    )
    .filter((w) => !stop.has(w))
    .map(skeleton);
}

interface Counterparts {
  prefix: string | null;
  stems: string[];
}

/** What an English word (a `skeleton`) may become in Spanish: its cognate prefix and its lexicon stems. */
function lookUpCounterparts(en: string): Counterparts {
  const stems: string[] = [];
  for (const [stem, es] of lexicon) if (en.startsWith(stem)) stems.push(...es);
  return { prefix: en.length >= 5 ? en.slice(0, 5) : null, stems: en.length < 5 ? [en, ...stems] : stems };
}

/**
 * `lookUpCounterparts`, remembered: each look-up walks all the lexicon, and the same few thousand words come back in
 * every paragraph compared. Emptied when full, so a long ingest's vocabulary cannot grow it without end.
 */
const counterparts = rememberedUpTo(20_000, lookUpCounterparts);

/**
 * The distinct content words of the paragraphs compared last: a translated-copy check compares each paragraph of the
 * new article with every paragraph of each of up to 200 candidates, and folding a paragraph's words (normalization and
 * a dozen replacements a word) cost more than comparing them.
 */
const recentParagraphs = new RecentlyUsed<readonly string[]>(1024);

function distinctContentWords(text: string): readonly string[] {
  let words = recentParagraphs.get(text);
  if (!words) {
    words = [...new Set(contentWords(text))];
    recentParagraphs.set(text, words);
  }
  return words;
}

function matches(c: Counterparts, es: string): boolean {
  return (c.prefix !== null && es.length >= 5 && es.startsWith(c.prefix)) || c.stems.some((s) => es.startsWith(s));
}

/**
 * The share of the content words of the English paragraph that have a counterpart in the Spanish one, and the
 * other way round; the smaller of the two, so a short paragraph inside a long one does not pass for its translation.
 */
export function bilingualOverlap(english: string, spanish: string): number {
  const en = distinctContentWords(english);
  const es = distinctContentWords(spanish);
  if (en.length === 0 || es.length === 0) return 0;
  const options = en.map(counterparts);
  const esHit = new Set<string>();
  let enHit = 0;
  options.forEach((c) => {
    let hit = false;
    for (const s of es) {
      if (matches(c, s)) {
        hit = true;
        esHit.add(s);
      }
    }
    if (hit) enHit++;
  });
  return Math.min(enHit / en.length, esHit.size / es.length);
}
