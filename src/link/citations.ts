/**
 * Citations between articles and outlets ("This article first appeared in X", "republished with permission",
 * "as recently reported by A and B", "according to <outlet>", "según <medio>", "Source: X"), and the grouping
 * of articles into independent origins: a repost, a syndicated copy or a piece that cites another is not a
 * second witness. Pure functions over text and ids.
 */
import { compareCodePoints } from '../core/names.ts';
import type { Copy } from './copies.ts';

export type CitationKind = 'first-appeared' | 'republished' | 'reported-by' | 'according-to' | 'source' | 'wire';

export interface Citation {
  /** Id of the article that cites. */
  citing: string;
  /** The outlet or author names cited, as written ("The Andean Ledger", "Vijay Prashad and José Carlos Llerena Robles"). */
  cited: string;
  /** The cited names one by one. */
  names: string[];
  kind: CitationKind;
  /** The characters of the citing phrase in the citing article. */
  span: { start: number; end: number };
  /** Set by `resolveCitations` when the cited outlet or author is an article in the pile. */
  citedArticle?: string;
}

/** One capitalized word of a name ("Ledger", "O'Neill", "U.S"), never running past a sentence's period. */
const WORD = String.raw`\p{Lu}[\p{L}\p{N}'’&-]*(?:\.\p{Lu}[\p{L}\p{N}]*)*`;
const NAME = String.raw`(?:(?:The|El|La|Los|Las)\s+)?${WORD}(?:(?:\s+(?:de|del|de la|of|the|y|&))?\s+${WORD})*`;
const nameAt = new RegExp(String.raw`\s*(${NAME}(?:\s*(?:,\s*(?:and\s+|y\s+)?|\s+and\s+|\s+y\s+)${NAME})*)`, 'uy');
const oneNameAt = new RegExp(String.raw`\s*(${NAME})`, 'uy');

/** Lead phrases, matched on a lower-cased copy of the text (same offsets); the cited names follow them in the original. */
const patterns: { kind: CitationKind; lead: RegExp; names: 'one' | 'many' | 'optional' }[] = [
  {
    kind: 'first-appeared',
    names: 'one',
    lead: /\b(?:this (?:article|story|piece|report|interview|column|op-ed) (?:first|originally) (?:appeared|ran|was (?:first |originally )?published)|(?:first|originally) (?:published|appeared)|este (?:artículo|texto|reportaje) (?:fue publicado|apareció) originalmente|publicado originalmente|apareció originalmente)\s+(?:in|on|at|by|en|por)\b/gu,
  },
  {
    kind: 'republished',
    names: 'optional',
    lead: /\b(?:republished|reproduced|reprinted|reposted|republicado|reproducido)\s+(?:here\s+)?(?:with|under)\s+(?:the\s+)?(?:kind\s+)?(?:permission|licen[cs]e|autorización|permiso)(?:\s+(?:of|from|de))?/gu,
  },
  { kind: 'reported-by', names: 'many', lead: /\b(?:as\s+)?(?:(?:recently|first|previously|originally|earlier)\s+)?(?:reported|revealed|documented|informado|revelado)\s+(?:by|por)\b/gu },
  {
    kind: 'according-to',
    names: 'one',
    lead: /\b(?:according to|según|de acuerdo con|citing|citando a)(?:\s+(?:(?:the|el|la)\s+)?(?:newspaper|daily|paper|magazine|news agency|agency|website|outlet|diario|periódico|revista|agencia|medio|portal))?\b/gu,
  },
  { kind: 'reported-by', names: 'one', lead: /\b(?:the|el|la)\s+(?:newspaper|daily|magazine|news agency|website|diario|periódico|revista|agencia|portal)\b/gu },
  { kind: 'source', names: 'one', lead: /^(?:source|fuente|originally published at)\s*:/gmu },
];

/** Words that make a capitalized name an outlet rather than a person or an office. */
const outletWord =
  /\b(?:times|post|news|press|monitor|ledger|current|dispatch|herald|journal|tribune|gazette|radio|tv|television|agency|agencia|diario|faro|prensa|noticias|reuters|bloomberg|efe|afp|ap|telesur|cnn|bbc|sputnik|rt|guardian|observer|review|weekly|daily|desk|wire|magazine|revista|semanario|canal|cadena|commons|counterpunch|samizdat|andina|mundo|país|pais|comercio|república|republica|eco|voz|nación|nacion|tiempo|universal|heraldo|correo|expreso|razón|razon|informador|observador|crónica|cronica|semana)\b/iu;

/** Wire agencies by the names they are credited with, each to one canonical name (so "(AP)" and "Associated Press" are one origin). */
const agencies: [RegExp, string][] = [
  [/^(?:AFP|Agence France[- ]Presse|France[- ]Presse)$/u, 'AFP'],
  [/^(?:AP|Associated Press|The Associated Press)$/u, 'AP'],
  [/^(?:EFE|Agencia EFE)$/u, 'EFE'],
  [/^(?:Reuters|Thomson Reuters)$/u, 'Reuters'],
  [/^(?:UPI|United Press International)$/u, 'UPI'],
  [/^(?:TASS|ITAR-TASS)$/u, 'TASS'],
  [/^(?:Xinhua|Agencia Xinhua|Xinhua News Agency)$/u, 'Xinhua'],
  [/^(?:Europa Press)$/u, 'Europa Press'],
  [/^(?:ANSA|Agenzia ANSA)$/u, 'ANSA'],
  [/^(?:DPA|dpa|Deutsche Presse-Agentur)$/u, 'DPA'],
  [/^(?:Prensa Latina|PL)$/u, 'Prensa Latina'],
  [/^(?:Télam|Telam|Agencia Télam)$/u, 'Télam'],
  [/^(?:Sputnik|Sputnik Mundo)$/u, 'Sputnik'],
];
const agencyName = String.raw`(?:Agence France[- ]Presse|France[- ]Presse|AFP|The Associated Press|Associated Press|AP|Agencia EFE|EFE|Thomson Reuters|Reuters|United Press International|UPI|ITAR-TASS|TASS|Xinhua News Agency|Agencia Xinhua|Xinhua|Europa Press|Agenzia ANSA|ANSA|Deutsche Presse-Agentur|DPA|dpa|Prensa Latina|Agencia Télam|Télam|Telam|Sputnik Mundo|Sputnik)`;
const agencyList = String.raw`${agencyName}(?:\s*(?:,|/|\by\b|\band\b|\be\b)\s*${agencyName})*`;
/**
 * Wire credits: the agency in parentheses, alone or with others ("(AFP)", "LA PAZ (AP) —", "(EFE/Reuters)"), or after
 * a credit phrase ("con información de EFE", "with information from AP", "Source: Reuters", "Agencia: Xinhua"). A photo
 * credit ("(AP Photo/…)", "Foto: AFP") is not a credit for the text.
 */
const wireCredit = new RegExp(
  String.raw`\((${agencyList})\)|(?:\b(?:con información de|con datos de|información de|with (?:information|reporting) from|reporting by|source|fuente|(?:la\s+)?agencias?(?:\s+de\s+noticias)?|news agency|(?:the\s+)?wire service)\s*:?\s*)(${agencyList})(?![\p{L}])|^[ \t]*(${agencyList})[ \t]*$`,
  'gimu',
);

/** The initials of the capitalized words at the end of `text` ("… Alianza País " → "AP"). */
function initials(text: string): string {
  const words = text.trimEnd().split(/\s+/);
  let out = '';
  for (let i = words.length - 1; i >= 0 && /^\p{Lu}/u.test(words[i]!); i--) out = words[i]![0]! + out;
  return out.toUpperCase();
}

/** The canonical name of a wire agency, or null when `name` is not one. */
export function wireAgency(name: string): string | null {
  const trimmed = name.trim();
  for (const [re, canonical] of agencies) if (re.test(trimmed)) return canonical;
  return null;
}

/** The wire agencies an article credits for its text, each once, with the credit's characters. */
export function wireCredits(text: string): { agency: string; span: { start: number; end: number } }[] {
  const out: { agency: string; span: { start: number; end: number } }[] = [];
  wireCredit.lastIndex = 0;
  for (const m of text.matchAll(wireCredit)) {
    const list = m[1] ?? m[2] ?? m[3]!;
    // "Alianza País (AP)": an acronym in parentheses after the words it abbreviates is a name, not a credit.
    if (m[1] && initials(text.slice(Math.max(0, m.index - 80), m.index)).endsWith(m[1].toUpperCase())) continue;
    // "AP" and "PL" are credits only in capitals; "dpa" is the agency's own spelling.
    for (const part of list.split(/\s*(?:,|\/|\by\b|\band\b|\be\b)\s*/u)) {
      const agency = wireAgency(part);
      if (!agency || (/^(?:AP|PL)$/i.test(part) && part !== part.toUpperCase())) continue;
      if (!out.some((w) => w.agency === agency)) out.push({ agency, span: { start: m.index, end: m.index + m[0].length } });
    }
  }
  return out;
}

export interface CitationOptions {
  /** Outlet names known in the pile; an "according to X" counts only when X is an outlet. */
  outlets?: readonly string[];
  /** The citing article's own outlet, which it never cites as a source ("Source: Commons Desk" under its own piece). */
  ownOutlet?: string | null;
}

/** Folds an outlet or person name for comparison ("The Andean Ledger" = "andean ledger"). */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/^(?:the|el|la|los|las)\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function splitNames(cited: string): string[] {
  return cited
    .split(/\s*,\s*(?:and\s+|y\s+)?|\s+(?:and|y)\s+/u)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
}

/**
 * A citation found in one article before the pile is known: `outletKey` set when it counts only if the name it cites
 * is an outlet and no outlet word says so ("according to Condorpress" counts when the pile holds Condorpress articles).
 */
export interface CitationCandidate extends Citation {
  outletKey?: string;
}

/** Finds the citations in one article's text. */
export function findCitations(articleId: string, text: string, options: CitationOptions = {}): Citation[] {
  return keepCitations(citationCandidates(articleId, text, options.ownOutlet), new Set((options.outlets ?? []).map(nameKey)));
}

/** The citations `findCitations` keeps of an article's candidates, given the folded names of the outlets known (`nameKey`). */
export function keepCitations(candidates: readonly CitationCandidate[], outlets: ReadonlySet<string>): Citation[] {
  const kept = candidates.filter((c) => c.outletKey === undefined || outlets.has(c.outletKey));
  // One phrase, one citation: the first pattern that took a span keeps it.
  return kept.filter((c, k) => !kept.slice(0, k).some((d) => d.span.start <= c.span.start && c.span.end <= d.span.end)).map(({ outletKey: _key, ...c }) => c);
}

/** Every citation an article's text may hold, whatever outlets the pile knows (sorted by span, overlaps kept). Pure. */
export function citationCandidates(articleId: string, text: string, ownOutlet?: string | null): CitationCandidate[] {
  const own = ownOutlet ? nameKey(ownOutlet) : null;
  // Lower-casing letter by letter keeps every offset (String#toLowerCase may not: "İ").
  const lower = text.replace(/\p{Lu}/gu, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c));
  const out: CitationCandidate[] = [];
  for (const { kind, lead, names } of patterns) {
    lead.lastIndex = 0;
    for (const m of lower.matchAll(lead)) {
      const at = m.index + m[0].length;
      const re = names === 'many' ? nameAt : oneNameAt;
      re.lastIndex = at;
      const n = re.exec(text);
      let cited = n ? n[1]!.trim() : '';
      const end = n ? at + n[0].length : at;
      if (!cited && names !== 'optional') continue;
      if (kind === 'republished' && !cited && out.some((c) => c.kind === 'first-appeared' && Math.abs(c.span.end - m.index) < 200)) continue;
      const needsOutlet = (kind === 'according-to' || kind === 'source' || (kind === 'reported-by' && names === 'one')) && !outletWord.test(cited);
      const outletKey = needsOutlet ? nameKey(cited) : undefined;
      if (own && cited && nameKey(cited) === own) continue;
      if (/^(?:The|El|La|Los|Las|This|That|He|She|It|They)$/.test(cited)) continue;
      cited = cited.replace(/[’']s$/, '');
      out.push({
        citing: articleId,
        cited,
        names: cited ? (names === 'many' ? splitNames(cited) : [cited]) : [],
        kind,
        span: { start: m.index, end },
        ...(outletKey !== undefined ? { outletKey } : {}),
      });
    }
  }
  // A wire credit names its agency canonically, so "(AP)" and "Associated Press" are one outside origin.
  for (const w of wireCredits(text)) {
    if (own && nameKey(w.agency) === own) continue;
    out.push({ citing: articleId, cited: w.agency, names: [w.agency], kind: 'wire', span: w.span });
  }
  return out.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
}

export interface OriginArticle {
  id: string;
  outlet?: string | null;
  authors?: readonly string[];
  published?: string | null;
}

/** Points each citation at the article in the pile it names (same outlet or author, published no later than the citing one). */
export function resolveCitations(citations: readonly Citation[], articles: readonly OriginArticle[]): Citation[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return citations.map((c) => {
    const citing = byId.get(c.citing);
    const keys = new Set(c.names.map(nameKey));
    const matches = articles
      .filter((a) => a.id !== c.citing && ((a.outlet && keys.has(nameKey(a.outlet))) || (a.authors ?? []).some((n) => keys.has(nameKey(n)))))
      .filter((a) => !citing?.published || !a.published || a.published.slice(0, 10) <= citing.published.slice(0, 10))
      .sort((a, b) => compareCodePoints(b.published ?? '', a.published ?? '') || compareCodePoints(a.id, b.id));
    return matches[0] ? { ...c, citedArticle: matches[0].id } : { ...c };
  });
}

export interface OriginCluster {
  /** The origin's label: the outlet of its earliest article, else that article's id. */
  origin: string;
  /** Ids of the given articles in this origin, sorted. */
  members: string[];
  /** Outlets or authors outside the pile that the members cite. */
  external: string[];
}

/**
 * Groups articles into independent origins. Articles join when one copies the other (syndicated or repost),
 * when one cites the other or the other's outlet, or when they cite the same outside source; articles that carry
 * the same wire agency's story (and the agency's own article) are one origin, the agency. Pass only the citations that bear on the claim in question (e.g. in the same sentence)
 * when asking about one claim rather than whole articles.
 */
export function independentOrigins(articles: readonly (string | OriginArticle)[], copies: readonly Copy[], citations: readonly Citation[]): OriginCluster[] {
  const list: OriginArticle[] = articles.map((a) => (typeof a === 'string' ? { id: a } : a));
  const ids = new Set(list.map((a) => a.id));
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) ?? root;
    let cur = x;
    while (parent.get(cur) !== root) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const add = (x: string) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  const union = (a: string, b: string) => {
    add(a);
    add(b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const a of list) add(a.id);
  const outletsInPile = new Set(list.filter((a) => a.outlet).map((a) => nameKey(a.outlet!)));
  for (const c of copies) {
    if (c.kind === 'pull-quote') continue;
    if (ids.has(c.copy) && ids.has(c.original)) union(c.copy, c.original);
  }
  // A wire agency is the origin of every story it carries, whether or not the pile holds its own articles: a credit is
  // resolved to the agency's latest article, which need not be this story, so the agency itself is the key.
  const agencyKey = (name: string | null | undefined) => {
    const agency = name ? wireAgency(name) : null;
    return agency ? `source:${nameKey(agency)}` : null;
  };
  for (const a of list) {
    const key = agencyKey(a.outlet);
    if (key) union(a.id, key);
  }
  for (const c of citations) {
    if (!ids.has(c.citing)) continue;
    if (c.citedArticle && ids.has(c.citedArticle)) union(c.citing, c.citedArticle);
    // Two articles citing the same outside source share that origin; a source in the pile is linked through citedArticle only.
    for (const name of c.names) {
      const key = agencyKey(name) ?? (outletsInPile.has(nameKey(name)) ? null : `source:${nameKey(name)}`);
      if (key) union(c.citing, key);
    }
  }
  const clusters = new Map<string, OriginCluster>();
  const ordered = [...list].sort((a, b) => compareCodePoints(a.published ?? '', b.published ?? '') || compareCodePoints(a.id, b.id));
  for (const a of ordered) {
    const root = find(a.id);
    let cluster = clusters.get(root);
    if (!cluster) {
      // The earliest article names the origin (by its outlet when known).
      cluster = { origin: a.outlet ?? a.id, members: [], external: [] };
      clusters.set(root, cluster);
    }
    cluster.members.push(a.id);
  }
  for (const c of citations) {
    if (!ids.has(c.citing)) continue;
    const cluster = clusters.get(find(c.citing))!;
    for (const name of c.names) if (!outletsInPile.has(nameKey(name)) && !cluster.external.includes(name)) cluster.external.push(name);
  }
  return [...clusters.values()].map((c) => ({ ...c, members: c.members.sort() })).sort((a, b) => compareCodePoints(a.members[0]!, b.members[0]!));
}
