/**
 * Article language. English and Spanish, the users' two main languages, are told apart by their
 * function words, which is near certain on a paragraph; other languages fall to franc's trigram
 * model; too little text, or no clear winner, is `und`.
 */
import { francAll } from 'franc-min';

const iso1: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  por: 'pt',
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  cat: 'ca',
  glg: 'gl',
  nld: 'nl',
  rus: 'ru',
  arb: 'ar',
  cmn: 'zh',
  jpn: 'ja',
  tur: 'tr',
  pol: 'pl',
  ukr: 'uk',
  ron: 'ro',
  swe: 'sv',
  ell: 'el',
  hin: 'hi',
  quy: 'qu',
  ayr: 'ay',
};

const functionWords: Record<'en' | 'es', Set<string>> = {
  en: new Set('the of and to in a is that for on with as was by it he at from his an are were which this be has have had not but its their who been they would said will'.split(' ')),
  es: new Set('de la que el en y a los se del las un por con no una su para es al lo como más pero sus le ya o fue este ha sido porque esta entre cuando muy sin sobre también dijo según'.split(' ')),
};

const minWords = 12;

/** ISO 639-1 code of the text's language (ISO 639-3 where there is none), or `und`. */
export function detectLanguage(text: string, declared?: string | null): string {
  const words =
    text
      .slice(0, 6000)
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [];
  const fallback = declared && /^[a-z]{2}$/.test(declared) ? declared : 'und';
  if (words.length < minWords) return fallback;
  const share = (lang: 'en' | 'es') => words.filter((w) => functionWords[lang].has(w)).length / words.length;
  const en = share('en');
  const es = share('es');
  if (en >= 0.12 && en > es * 2) return 'en';
  if (es >= 0.12 && es > en * 2) return 'es';
  const [best, second] = francAll(text.slice(0, 4000), { minLength: 40 });
  if (!best || best[0] === 'und') return fallback;
  // franc's scores are relative to the best (1); a runner-up this close means it cannot tell.
  if (second && second[1] > 0.98) return fallback;
  return iso1[best[0]] ?? best[0];
}
