/**
 * The synthetic benchmark corpora.
 * - `realistic` (the default): fictional news written from templates with faker names and numbers (seeded, so the same
 *   N gives the same files), English and Spanish, where about one article in six is a copy of a recent one — whole
 *   (a repost with its own byline, sometimes a figure changed) or partial (a few of its paragraphs inside a new
 *   article) — as in a real pile, where most articles are distinct.
 * - `recombined`: the samples' paragraphs recombined, so every article shares paragraphs with dozens of others and
 *   linking copies dominates (the corpus of the earlier measurements).
 * Both write 90% text files and 10% HTML pages.
 * - `html`: the `realistic` articles, every one an HTML page (the HTML-only rate of issue 20).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { en, es, Faker } from '@faker-js/faker';

export type CorpusKind = 'realistic' | 'recombined' | 'html';
export const corpusKinds: readonly CorpusKind[] = ['realistic', 'recombined', 'html'];

/** Writes `count` articles of `kind` into `corpusDir` (kept, and reused, once complete). */
export function generateCorpus(root: string, corpusDir: string, count: number, kind: CorpusKind = 'realistic'): void {
  if (existsSync(join(corpusDir, 'done'))) return;
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  const write = kind === 'recombined' ? recombinedArticles(root, count) : realisticArticles(count);
  for (const { i, title, outlet, byline, body, language } of write) {
    const shard = join(corpusDir, String(Math.floor(i / 1000)).padStart(2, '0'));
    mkdirSync(shard, { recursive: true });
    if (i % 10 === 0 || kind === 'html') {
      const html =
        kind !== 'recombined'
          ? page(language, escapeHtml(title), outlet, i, body.map(escapeHtml), escapeHtml(byline))
          : // As the earlier measurements had it: the title unescaped, no byline.
            page(language, title, outlet, i, body.map(escapeHtml));
      writeFileSync(join(shard, `a${i}.html`), html);
    } else writeFileSync(join(shard, `a${i}.txt`), `${title}\n\n${byline}\n\n${body.join('\n\n')}\n\nFile ${i + 1} of the synthetic corpus.\n`);
  }
  writeFileSync(join(corpusDir, 'done'), '');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A news page around the article: head, scripts, navigation and footer to read past. */
function page(language: string, title: string, outlet: string, i: number, paragraphs: string[], byline?: string): string {
  return (
    `<!doctype html><html lang="${language}"><head><title>${title}</title><meta property="og:site_name" content="${outlet}">` +
    `<script>var tracking = ${i};</script><style>body{margin:0}</style></head><body><nav><a href="/">Home</a></nav>` +
    `<article><h1>${title}</h1>${byline ? `<p class="byline">${byline}</p>` : ''}${paragraphs.map((p) => `<p>${p}</p>`).join('')}<p>File ${i + 1}.</p></article><footer>© ${outlet}</footer></body></html>`
  );
}

interface Article {
  i: number;
  title: string;
  outlet: string;
  byline: string;
  body: string[];
  language: 'en' | 'es';
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const meses = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** The samples' paragraphs recombined (the corpus of the earlier measurements: nearly every article a partial copy). */
function* recombinedArticles(root: string, count: number): Generator<Article> {
  const samples = readdirSync(join(root, 'samples', 'articles')).filter((f) => f.endsWith('.txt'));
  const paragraphs = samples.flatMap((f) =>
    readFileSync(join(root, 'samples', 'articles', f), 'utf8')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter((p) => p.split(/\s+/).length >= 25 && !/Posted by/.test(p)),
  );
  const outlets = ['Condorpress', 'The Andean Ledger', 'Meridian Monitor', 'Pacific Current', 'Radio Cumbre', 'El Faro de Quilla', 'Commons Desk'];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < count; i++) {
    const body = Array.from({ length: 4 + Math.floor(random() * 5) }, () => pick(paragraphs));
    const outlet = pick(outlets);
    const date = `${pick(months)} ${1 + Math.floor(random() * 28)}, ${2020 + Math.floor(random() * 6)}`;
    const title = `Report ${i + 1}: ${body[0]!.split(/\s+/).slice(0, 8).join(' ')}`;
    // The serial number keeps every article's content hash distinct, as in a real pile.
    yield { i, title, outlet, byline: `By Staff Writer ${i % 97} – ${outlet} – ${date}`, body, language: 'en' };
  }
}

/** Share of articles that copy a recent one whole (with a new byline, sometimes one figure changed). */
const wholeCopyRate = 0.1;
/** Share that take two or three paragraphs of a recent one into otherwise new text. */
const partialCopyRate = 0.06;
/** How far back a copy reaches for its original: news is copied while it is news. */
const copyWindow = 300;

/**
 * Fictional news from templates: people from faker's name lists, places made of syllables (so no real town is named),
 * figures, dates and quotes in every paragraph, so every annotation stage has work as on real news.
 */
function* realisticArticles(count: number): Generator<Article> {
  const faker = { en: new Faker({ locale: [en] }), es: new Faker({ locale: [es, en] }) };
  faker.en.seed(20261206);
  faker.es.seed(20261207);
  const f = faker.en;
  const syllables = ['val', 'mo', 'ra', 'os', 'trel', 'qui', 'lla', 'cha', 'pi', 'lis', 'ca', 'to', 'ran', 'be', 'su', 'mar', 'el', 'do', 'ya', 'tu'];
  const place = () => {
    const word = Array.from({ length: 2 + f.number.int(1) }, () => f.helpers.arrayElement(syllables)).join('');
    return word[0]!.toUpperCase() + word.slice(1);
  };
  const places = Array.from({ length: 400 }, place);
  const outletsEn = Array.from({ length: 40 }, () => `The ${f.helpers.arrayElement(places)} ${f.helpers.arrayElement(['Ledger', 'Courier', 'Monitor', 'Tribune', 'Post', 'Herald', 'Daily'])}`);
  const outletsEs = Array.from({ length: 20 }, () => `${f.helpers.arrayElement(['Diario', 'El Eco de', 'Radio', 'La Voz de', 'Noticias'])} ${f.helpers.arrayElement(places)}`);
  const originals: { body: string[]; language: 'en' | 'es'; title: string }[] = [];

  for (let i = 0; i < count; i++) {
    const roll = f.number.float({ min: 0, max: 1 });
    const recent = originals.slice(-copyWindow);
    const copied = recent.length > 0 && roll < wholeCopyRate ? f.helpers.arrayElement(recent) : null;
    const language: 'en' | 'es' = copied?.language ?? (f.number.float({ min: 0, max: 1 }) < 0.2 ? 'es' : 'en');
    const outlet = f.helpers.arrayElement(language === 'en' ? outletsEn : outletsEs);
    const year = 2020 + f.number.int(5);
    const month = f.number.int(11);
    const day = 1 + f.number.int(27);
    const byline =
      language === 'en'
        ? `By ${f.person.fullName()} – ${outlet} – ${months[month]} ${day}, ${year}`
        : `Por ${faker.es.person.firstName()} ${faker.es.person.lastName()} – ${outlet} – ${day} de ${meses[month]} de ${year}`;
    if (copied) {
      // A repost: the same paragraphs, sometimes one figure changed on the way (the copy-changes view finds these).
      const body = f.number.float({ min: 0, max: 1 }) < 0.3 ? copied.body.map((p, k) => (k === 1 ? p.replace(/\b\d+\b/, (n) => String(Number(n) + 2)) : p)) : copied.body;
      yield { i, title: copied.title, outlet, byline, body, language };
      continue;
    }
    const write = language === 'en' ? paragraphEn : paragraphEs;
    const writer = faker[language];
    const cast = storyCast(writer, places);
    const body = Array.from({ length: 5 + f.number.int(4) }, () => write(writer, cast));
    if (recent.length > 0 && roll < wholeCopyRate + partialCopyRate) {
      const sameLanguage = recent.filter((o) => o.language === language);
      const original = f.helpers.arrayElement(sameLanguage.length > 0 ? sameLanguage : recent);
      const taken = original.body.slice(0, 2 + f.number.int(1));
      body.splice(1, 0, ...taken);
    }
    const title =
      language === 'en'
        ? `${cast.places[0]} ${f.helpers.arrayElement(['council delays vote on', 'police detain protesters over', 'court hears case on', 'residents block road over'])} ${f.word.noun()} plan`
        : `${f.helpers.arrayElement(['Detienen a manifestantes en', 'Aplazan la votación en', 'Bloquean la carretera en'])} ${cast.places[0]}`;
    originals.push({ body, language, title });
    yield { i, title, outlet, byline, body, language };
  }
}

interface Cast {
  people: string[];
  places: string[];
  roles: string[];
  org: string;
}

function storyCast(f: Faker, places: string[]): Cast {
  return {
    people: Array.from({ length: 3 }, () => `${f.person.firstName()} ${f.person.lastName()}`),
    places: f.helpers.arrayElements(places, 3),
    roles: f.helpers.arrayElements(['mayor', 'governor', 'police chief', 'union leader', 'prosecutor', 'health minister', 'spokesperson'], 3),
    org: `${f.helpers.arrayElement(['National', 'Regional', 'United', 'Democratic'])} ${f.helpers.arrayElement(['Workers', 'Farmers', 'Citizens', 'Teachers'])} ${f.helpers.arrayElement(['Front', 'Alliance', 'Union', 'Movement'])}`,
  };
}

function paragraphEn(f: Faker, c: Cast): string {
  const person = f.helpers.arrayElement(c.people);
  const role = f.helpers.arrayElement(c.roles);
  const town = f.helpers.arrayElement(c.places);
  const weekday = f.helpers.arrayElement(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
  const date = `${f.number.int({ min: 1, max: 28 })} ${f.helpers.arrayElement(months)} ${f.number.int({ min: 2019, max: 2025 })}`;
  const n = () => f.number.int({ min: 2, max: 480 });
  const noun = () => f.word.noun();
  const sentences = [
    `Police in ${town} detained ${n()} protesters on ${weekday} after a march against the ${noun()} project, according to the ${c.org}.`,
    `At least ${n()} people were injured and ${f.number.int({ min: 1, max: 12 })} were killed in clashes near ${town}, the ${role}, ${person}, said.`,
    `"We will not accept a ${noun()} that nobody asked for," ${person} told reporters in ${town}.`,
    `The council voted ${n()} to ${n()} on ${date} to suspend the ${noun()} contract, worth ${n()} million dollars.`,
    `${person}, who became ${role} in ${f.number.int({ min: 2010, max: 2024 })}, said the ${noun()} would be reviewed by ${f.helpers.arrayElement(months)}.`,
    `Officials said ${n()} families had been displaced from ${town} since last ${weekday}, and that ${n()} remain missing.`,
    `According to the ${c.org}, the ${noun()} had been promised for years; "the money never arrived," a resident said.`,
    `The ${role} of ${town} was arrested on ${date} and sentenced to ${f.number.int({ min: 2, max: 15 })} years in prison for ${f.word.noun()} fraud.`,
    `${f.person.firstName()} ${f.person.lastName()}, a ${f.word.adjective()} ${noun()} seller, said the road had been blocked for ${f.number.int({ min: 2, max: 30 })} days.`,
    `About ${n()} percent of voters in ${town} approved the ${noun()} plan, the electoral board said on ${weekday}.`,
  ];
  return f.helpers.arrayElements(sentences, f.number.int({ min: 2, max: 4 })).join(' ');
}

function paragraphEs(f: Faker, c: Cast): string {
  const person = f.helpers.arrayElement(c.people);
  const town = f.helpers.arrayElement(c.places);
  const role = f.helpers.arrayElement(['alcalde', 'gobernador', 'fiscal', 'dirigente sindical', 'ministro de Salud', 'portavoz']);
  const weekday = f.helpers.arrayElement(['lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo']);
  const date = `${f.number.int({ min: 1, max: 28 })} de ${f.helpers.arrayElement(meses)} de ${f.number.int({ min: 2019, max: 2025 })}`;
  const n = () => f.number.int({ min: 2, max: 480 });
  const sentences = [
    `La policía detuvo a ${n()} manifestantes en ${town} el ${weekday}, según informó el ${c.org}.`,
    `Al menos ${n()} personas resultaron heridas y ${f.number.int({ min: 1, max: 12 })} murieron en los enfrentamientos cerca de ${town}, dijo el ${role}, ${person}.`,
    `"No vamos a aceptar un proyecto que nadie pidió", declaró ${person} a la prensa en ${town}.`,
    `El concejo votó ${n()} a ${n()} el ${date} para suspender el contrato, valorado en ${n()} millones de dólares.`,
    `${person}, que asumió como ${role} en ${f.number.int({ min: 2010, max: 2024 })}, afirmó que el plan será revisado antes de ${f.helpers.arrayElement(meses)}.`,
    `Las autoridades indicaron que ${n()} familias fueron desplazadas de ${town} desde el ${weekday} pasado y que ${n()} siguen desaparecidas.`,
    `El ${role} de ${town} fue detenido el ${date} y condenado a ${f.number.int({ min: 2, max: 15 })} años de prisión por fraude.`,
    `Cerca del ${n()} por ciento de los votantes de ${town} aprobó el plan, informó el jurado electoral el ${weekday}.`,
  ];
  return f.helpers.arrayElements(sentences, f.number.int({ min: 2, max: 4 })).join(' ');
}
