/**
 * Wire agencies by every name they are credited with, each under one canonical name: "(AP)" and "Associated Press" are
 * one origin for corroboration (link/citations.ts), and each is an organization wherever an article writes it
 * (annotate/entities).
 */
export const wireAgencies: readonly { name: string; forms: readonly string[] }[] = [
  { name: 'AFP', forms: ['Agence France-Presse', 'Agence France Presse', 'France-Presse', 'France Presse', 'AFP'] },
  { name: 'AP', forms: ['The Associated Press', 'Associated Press', 'AP'] },
  { name: 'EFE', forms: ['Agencia EFE', 'EFE'] },
  { name: 'Reuters', forms: ['Thomson Reuters', 'Reuters'] },
  { name: 'UPI', forms: ['United Press International', 'UPI'] },
  { name: 'TASS', forms: ['ITAR-TASS', 'TASS'] },
  { name: 'Xinhua', forms: ['Xinhua News Agency', 'Agencia Xinhua', 'Xinhua'] },
  { name: 'Europa Press', forms: ['Europa Press'] },
  { name: 'ANSA', forms: ['Agenzia ANSA', 'ANSA'] },
  { name: 'DPA', forms: ['Deutsche Presse-Agentur', 'DPA', 'dpa'] },
  { name: 'Prensa Latina', forms: ['Prensa Latina', 'PL'] },
  { name: 'Télam', forms: ['Agencia Télam', 'Télam', 'Telam'] },
  { name: 'Sputnik', forms: ['Sputnik Mundo', 'Sputnik'] },
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Regex source matching any of `forms` (tried in the order given: put longer forms first). */
export function alternation(forms: readonly string[]): string {
  return `(?:${forms.map(escapeRegExp).join('|')})`;
}

/** Regex source matching any credited form, longest first within each agency. */
export const wireAgencyPattern = alternation(wireAgencies.flatMap((a) => a.forms));

const canonical = new Map(wireAgencies.flatMap((a) => a.forms.map((f) => [f, a.name] as const)));

/** The canonical name of a credited form ("Associated Press" → `AP`), or null. */
export function wireAgencyOf(form: string): string | null {
  return canonical.get(form) ?? null;
}
