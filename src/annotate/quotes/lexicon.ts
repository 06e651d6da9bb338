/**
 * Word lists for attribution: cue words (English and Spanish), hedges, pronouns, unnamed-source heads
 * and outlet words. Keys are lowercase and accent-folded (see `fold`).
 */

/** Lowercase, accents removed, curly apostrophes straightened: "Según" → "segun", "don’t" → "don't". */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  // fast path: plain ASCII needs nothing else
  if (/^[\x00-\x7f]*$/.test(lower)) return lower;
  return lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘]/g, "'");
}

const words = (s: string) => s.trim().split(/\s+/);

/** Speech and cognition verbs that introduce attributed content, all inflected forms. */
const CUE_EN = words(`
  say says said saying tell tells told telling add adds added adding state states stated stating
  claim claims claimed claiming allege alleges alleged alleging assert asserts asserted argue argues argued arguing
  insist insists insisted insisting deny denies denied denying explain explains explained explaining
  note notes noted noting report reports reported reporting announce announces announced announcing
  tweet tweets tweeted tweeting write writes wrote written writing warn warns warned warning
  acknowledge acknowledges acknowledged admit admits admitted suggest suggests suggested suggesting
  believe believes believed think thinks thought predict predicts predicted confirm confirms confirmed
  reveal reveals revealed declare declares declared accuse accuses accused charge charges charged
  contend contends contended maintain maintains maintained recall recalls recalled reply replies replied
  respond responds responded ask asks asked asking urge urges urged promise promises promised pledge pledged
  estimate estimates estimated indicate indicates indicated point points pointed concede concedes conceded
  complain complains complained remark remarks remarked observe observes observed describe described
  call calls called criticize criticized praise praised blame blamed according cite cites cited quoted quote
  mention mentions mentioned disclose disclosed testify testified testimony statement statements
  acknowledging recalling admitting conceding arguing insisting suggesting warning announcing
  `);

const CUE_ES = words(`
  dijo dice dicen dijeron decir afirmo afirma afirmaron afirmar aseguro asegura aseguraron asegurar
  declaro declara declararon declarar sostuvo sostiene sostienen explico explica explicaron explicar
  senalo senala senalaron senalar indico indica indicaron indicar anadio anade agrego agrega agregaron
  denuncio denuncia denunciaron denunciar nego niega negaron negar manifesto manifiesta advirtio advierte
  insistio insiste alego alega acuso acusa acusaron admitio admite reconocio reconoce confirmo confirma
  revelo revela anuncio anuncia informo informa informaron preciso precisa respondio responde
  comento comenta expreso expresa subrayo subraya destaco destaca recordo recuerda tuiteo escribio escribe
  cree creen creyo considero considera opina opino estimo estima aseguran senalan segun citado citados citadas
  califico califica calificaron exigio exige exigieron pidio pide pidieron rechazo rechaza rechazaron
  lamento lamenta lamentaron justifico justifica advierten alerto alerta alertaron calculo calcula
  estiman estimaron preven prevé prevee preve teme temen temio sostuvieron recordaron recordo recuerdan
  insistieron respondieron reconocieron admitieron propuso propone propusieron prometio promete prometieron
  relato relata conto cuenta contaron subrayaron destacaron cuestiono cuestiona cuestionaron atribuyo atribuye
  culpo culpa culparon acusaron critico critica criticaron opinaron consideran consideraron creyeron
  agradecio agradece reclamo reclama reclamaron denunciaron advirtieron explicaron indicaron precisaron
  replico replica aclaro aclara insinuo sugirio sugiere apunto apunta mantuvo mantiene reitero reitera
  confeso confiesa asevero narro narra tuitearon publico escribieron comunico comunica informaron
  `);

export const CUE_WORDS: ReadonlySet<string> = new Set([...CUE_EN, ...CUE_ES]);

/** Multi-word cues that start with a preposition: the source follows. */
export const ACCORDING_FIRST = new Set(['according', 'segun', 'per']);

/** Spanish multi-word cues that, like "según", put the source right after them: "de acuerdo con X", "en opinión de X". */
export const ACCORDING_PHRASES_ES: readonly (readonly string[])[] = [
  ['de', 'acuerdo', 'con'],
  ['en', 'opinion', 'de'],
  ['en', 'palabras', 'de'],
  ['a', 'juicio', 'de'],
  ['conforme', 'a'],
];

export const PRONOUNS_EN = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'him', 'her', 'them']);
export const PRONOUNS_ES = new Set(['el', 'ella', 'ellos', 'ellas', 'yo', 'nosotros', 'usted', 'ustedes']);
export const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'el', 'ella']);

/** Heads of unnamed sources: "high-level sources", "the police", "observers", "fuentes". */
export const UNNAMED_HEADS = new Set(
  words(`
  source sources official officials observer observers police authorities authority analyst analysts expert experts
  spokesman spokeswoman spokesperson witness witnesses critics critic aides aide insiders insider diplomats diplomat
  investigators prosecutors prosecutor government ministry media press report reports people residents neighbors
  fuente fuentes funcionario funcionarios policia autoridades analistas expertos vocero portavoz testigos criticos
  fiscalia fiscal gobierno ministerio medios prensa informe vecinos
  `),
);

/** Words that mark an organization name as a news outlet. */
export const OUTLET_WORDS = new Set(
  words(`
  times post news journal herald tribune guardian telegraph reuters ap afp efe ips cnn bbc nbc cbs abc fox msnbc npr
  politico axios bloomberg tass sputnik telesur ria xinhua gazette daily diario el pais clarin nacion comercio republica
  peru21 14ymedio granma cubadebate prensa latina television tv radio newspaper magazine agency agencia periodico
  `),
);

/** Hedge words, by level; checked over the cue and the words just before it. */
export const HEDGE_ALLEGED = new Set(
  words('allege alleges alleged alleging allegedly accuse accuses accused accusing claim claims claimed charges charged alega alego acusa acuso denuncia denuncio presuntamente supuestamente'),
);
export const HEDGE_DENIED = new Set(words('deny denies denied denying reject rejects rejected refuted dismissed niega nego negaron rechazo rechaza desmintio desmiente'));
export const HEDGE_REPORTED = new Set(words('reportedly according reports reported segun informo informa reporta reporto'));
export const HEDGE_SPECULATIVE = new Set(
  words(
    'likely could might may possibly perhaps probably apparently suggests suggested speculate speculated believed believe thinks think seems seem appears appear estimated probablemente posiblemente podria podrian quizas tal vez parece creen cree',
  ),
);

/** Phrases that put a claim without naming anyone: "it is being said that", "we are told", "se dice que". */
export const UNSOURCED_PATTERNS: readonly RegExp[] = [
  /\bit\s+(?:is|was|has\s+been)\s+(?:being\s+)?(?:said|reported|rumou?red|claimed|alleged|believed|understood)\b/iu,
  /\bwe\s+(?:are|were|have\s+been)\s+told\b/iu,
  /\b(?:rumou?rs?|word)\s+(?:has\s+it|is|are|suggest)\b/iu,
  /\bse\s+(?:dice|rumorea|comenta|afirma|asegura|sabe|informo|informó|especula)\b/iu,
  /\b(?:nos\s+dicen|nos\s+han\s+dicho|trascendió|trascendio)\b/iu,
];

/** Phrases that speculate without a source: "it is likely that", "es probable que". */
export const SPECULATIVE_PATTERNS: readonly RegExp[] = [/\bit\s+(?:is|was|seems|appears)\s+(?:likely|possible|probable|unlikely)\b/iu, /\bes\s+(?:probable|posible)\s+que\b/iu];

/**
 * Whether any of `patterns` (case-insensitive patterns of plain words, spaces and groups: no `\p{…}`, no `.`) matches
 * `text`, as `patterns.some((p) => p.test(text))` answers. They are tried as one alternation without the `u` flag,
 * which V8 runs ten to fifty times faster than `iu` over a whole article; the two modes differ only on the characters
 * whose Unicode case folding is an ASCII letter (ſ → s, K → k, which `\b` under `iu` also counts as word characters),
 * so a text holding one is tried with the patterns as written.
 */
export function anyCaseless(patterns: readonly RegExp[]): (text: string) => boolean {
  const plain = new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), 'i');
  return (text) => (FOLDS_TO_ASCII.test(text) ? patterns.some((p) => p.test(text)) : plain.test(text));
}

const FOLDS_TO_ASCII = /[\u017f\u212a]/;

/** Role words that stand beside a name ("Foreign Minister of Peru, Javier …", "el vicecanciller Félix Denegri"). */
export const ROLE_WORDS = new Set(
  words(`
  president vice-president minister ambassador admiral general colonel senator congressman congresswoman governor mayor
  secretary chancellor spokesman spokeswoman spokesperson director leader chief judge prosecutor attorney commissioner
  chairman chairwoman ceo founder editor correspondent deputy lawmaker legislator candidate premier prime king queen
  prince foreign former retired vicecanciller canciller presidente presidenta ministro ministra embajador embajadora
  almirante general coronel senador senadora congresista gobernador gobernadora alcalde alcaldesa secretario secretaria
  portavoz vocero director directora lider jefe jefa juez jueza fiscal comisionado fundador editor corresponsal
  diputado diputada legislador candidato candidata expresidente expresidenta exministro exministra
  `),
);

/** Descriptions that stand for a person already named ("the politician said"); resolved like role nouns. */
export const EPITHETS = new Set(
  words(`
  politician diplomat activist head exile fugitive dictator businessman businesswoman lawyer official
  politico politica diplomatico diplomatica activista mandatario mandataria exmandatario dirigente abogado abogada
  `),
);

/** Titles, roles and kinship words that tell a person's gender ("his sister Milagros", "la ministra …"). */
export const FEMALE_WORDS = new Set(
  words(`
  mrs ms miss madam lady congresswoman spokeswoman chairwoman businesswoman councilwoman sister mother wife daughter
  widow queen princess actress grandmother niece aunt sra senora dona presidenta ministra diputada senadora alcaldesa
  gobernadora jueza hermana madre esposa hija viuda reina abogada directora candidata embajadora secretaria jefa
  exministra expresidenta vicepresidenta mandataria politica diplomatica concejala
  `),
);
export const MALE_WORDS = new Set(
  words(`
  mr sir lord congressman spokesman chairman businessman councilman brother father husband son widower king prince
  grandfather nephew uncle sr senor ministro diputado senador alcalde gobernador juez hermano padre esposo hijo viudo
  rey abogado candidato embajador secretario jefe exministro mandatario politico diplomatico concejal
  `),
);

/** Common first names (English, Spanish, Portuguese), accent-folded: a weak sign of gender, used when the text gives none. */
export const FEMALE_NAMES = new Set(
  words(`
  ana maria mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret betty sandra
  ashley dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon cynthia
  kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra rachel catherine
  carolyn janet ruth heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
  megan cheryl andrea hannah martha jacqueline frances gloria teresa kathryn sara janice jean alice madison doris
  abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie isabella
  charlotte rose alexis kayla hillary nikki kamala nancy condoleezza theresa angela
  dina keiko veronika veronica milagros rosa carmen lucia sofia isabel juana marta elena pilar dolores mercedes
  cristina beatriz raquel silvia rocio susana alejandra claudia mariana gabriela daniela fernanda paola carolina
  valentina camila natalia adriana lorena monica veronica ximena yolanda esther luz flor gladys roxana jeanine
  michelle cristina dilma marina ingrid yesenia betssy mirtha mercedes consuelo soledad margarita guadalupe
  `),
);
export const MALE_NAMES = new Set(
  words(`
  james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark donald
  steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob gary nicholas
  eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis
  jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger
  terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy joe bruce gabriel logan albert
  willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason philip louis barack bernie ted
  marco ned mike bill jim tom bob dick chris nick dan
  pedro pablo luis carlos jorge javier jaime manuel francisco antonio miguel alejandro fernando ricardo eduardo
  rafael sergio andres diego alberto enrique felix hector alfredo alfonso ernesto gustavo mario oscar raul rodrigo
  victor vladimir vladimiro evo hugo nicolas rafael ollanta alan martin ivan julio cesar ramon salvador tomas vicente
  ignacio gonzalo guillermo arturo armando augusto demetrio nilo jose manolo aníbal anibal marcos mauricio ruben
  sebastian emilio joaquin agustin lula jair gabriel felipe rodolfo lucas mateo santiago
  `),
);
