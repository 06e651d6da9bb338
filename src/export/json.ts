/**
 * `quipu export --format json`: everything Quipu knows about the pile as one JSON document (schema in
 * docs/export.md). Deterministic: the same pile gives the same bytes however it was ingested (one process or
 * several workers, in any order), so two stores can be compared by their exports.
 */
import type { Doc } from '../core/doc.ts';
import { allStoredClaims } from '../analyze/claims.ts';
import { storedOrigins } from '../analyze/origins.ts';
import { independentOrigins } from '../link/citations.ts';
import type { Copy } from '../link/copies.ts';
import { allDateConflicts, allEvents, allFigureGroups } from '../analyze/read.ts';
import { describeGroup } from '../core/figure-words.ts';
import { figureRecords } from '../link/figure-groups.ts';
import { foldName, namesDisagree } from '../link/entity-names.ts';
import { type Repository, storedDoc } from '../store/repository.ts';

export const exportVersion = 1;

export interface ExportDocument {
  quipuExport: number;
  articles: ExportArticle[];
  entities: ExportEntity[];
  events: ExportEvent[];
  claims: ExportClaim[];
  figures: ExportFigure[];
  conflicts: ExportConflict[];
}

export interface ExportArticle {
  id: string;
  title: string | null;
  outlet: string | null;
  authors: string[];
  published: string | null;
  lang: string;
  source: string;
  /** The article this one copies (syndicated or reposted), if any. */
  copyOf: string | null;
}

export interface ExportEntity {
  id: string;
  type: string;
  name: string;
  aliases: string[];
  roles: { role: string; articleId: string; start: number; end: number }[];
  articleIds: string[];
  mentions: { articleId: string; start: number; end: number }[];
}

export interface ExportEvent {
  id: string;
  date: string;
  text: string;
  entityIds: string[];
  reports: { articleId: string; start: number; end: number }[];
}

export interface ExportClaim {
  id: string;
  source: { entityId: string | null; text: string; kind: string } | null;
  cue: string;
  content: string;
  hedge: string;
  articleId: string;
  start: number;
  end: number;
  /** Who carries whom, outermost first ("Peru21" → "high-level sources"). */
  chain: string[];
  /** Claims of the same speaker with the same content in other articles, this one included. */
  sameClaim: string[];
  /** Independent origins among the articles carrying the claim: copies and citing pieces are one origin. */
  independentOrigins: number;
}

export interface ExportFigure {
  id: string;
  measure: string;
  value: number;
  high: number | null;
  unit: string;
  duration: string | null;
  approx: string | null;
  place: string | null;
  refDate: string | null;
  cumulative: boolean;
  articleId: string;
  outlet: string | null;
  published: string | null;
  start: number;
  end: number;
}

export interface ExportConflict {
  id: string;
  kind: 'figure' | 'date' | 'name' | 'claim';
  subject: string;
  status: 'conflict' | 'evolving' | 'scope' | 'superseded' | 'outlier';
  /** For a figure group, one line of why it got its status. */
  why?: string;
  values: { value: string; articleIds: string[]; outlets: string[] }[];
  /** Figure ids (kind figure), the entity id (kind name), or `articleId:start:end` of each dated sentence (kind date). */
  items: string[];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Builds the export document from the store. */
export async function exportJson(repository: Repository): Promise<ExportDocument> {
  const docs: Doc[] = [];
  for await (const article of repository.allArticles()) docs.push(storedDoc(article));
  docs.sort(byId);
  const docById = new Map(docs.map((d) => [d.id, d]));
  const copies = await repository.listCopies();
  const copyOf = new Map<string, string>();
  for (const c of copies) if (!copyOf.has(c.copyId) || c.originalId < copyOf.get(c.copyId)!) copyOf.set(c.copyId, c.originalId);

  const articles: ExportArticle[] = docs.map((d) => ({
    id: d.id,
    title: d.meta.title,
    outlet: d.meta.outlet,
    authors: d.meta.authors,
    published: d.meta.published,
    lang: d.meta.language,
    source: d.meta.source,
    copyOf: copyOf.get(d.id) ?? null,
  }));

  // Entities: every linked entity, with the mentions behind it.
  const entityOfMention = new Map<string, Map<number, string>>();
  const entityIds = new Set<string>();
  for (const d of docs) {
    const map = await repository.articleEntities(d.id);
    entityOfMention.set(d.id, map);
    for (const id of map.values()) entityIds.add(id);
  }
  const entities: ExportEntity[] = [];
  for (const id of [...entityIds].sort()) {
    const e = await repository.getEntity(id);
    if (!e) continue;
    entities.push({
      id,
      type: e.type,
      name: e.name,
      aliases: e.aliases.map((a) => a.text).sort(),
      roles: e.roles,
      articleIds: e.articleIds,
      mentions: e.mentionList.map((m) => ({ articleId: m.articleId, start: m.start, end: m.end })),
    });
  }

  // Events: dated sentences grouped by day and shared people or organizations (stored at ingest, src/analyze).
  const events: ExportEvent[] = (await allEvents(repository)).map((g) => ({ id: g.id, date: g.date, text: g.text, entityIds: g.entityIds, reports: g.reports }));

  // Claims as stored at analysis time, with the same claim across articles and its independent origins.
  const origin = docs.map((d) => ({ id: d.id, outlet: d.meta.outlet, authors: d.meta.authors, published: d.meta.published }));
  const { citations } = await storedOrigins(
    repository,
    docs.map((d) => d.id),
  );
  const copyLinks: Copy[] = copies.map((c) => ({ copy: c.copyId, original: c.originalId, similarity: c.similarity, kind: c.kind as Copy['kind'] }) as Copy);
  const claims: ExportClaim[] = (await allStoredClaims(repository)).map(({ row, source, chain }) => ({
    id: `${row.articleId}:${row.start}`,
    source: source ? { entityId: source.mention !== null ? (entityOfMention.get(row.articleId)?.get(source.mention) ?? null) : null, text: source.text, kind: source.kind } : null,
    cue: row.cue,
    content: row.content,
    hedge: row.hedge,
    articleId: row.articleId,
    start: row.start,
    end: row.end,
    chain,
    sameClaim: [],
    independentOrigins: 1,
  }));
  const claimKey = (c: ExportClaim) => `${c.source?.entityId ?? foldName(c.source?.text ?? '')}|${foldName(c.content).split(' ').slice(0, 12).join(' ')}`;
  const sameClaims = new Map<string, ExportClaim[]>();
  for (const c of claims) {
    if (!c.content) continue;
    const key = claimKey(c);
    sameClaims.set(key, [...(sameClaims.get(key) ?? []), c]);
  }
  for (const group of sameClaims.values()) {
    const ids = group.map((c) => c.id).sort();
    const articleIds = new Set(group.map((c) => c.articleId));
    const origins =
      articleIds.size === 1
        ? 1
        : independentOrigins(
            origin.filter((a) => articleIds.has(a.id)),
            copyLinks,
            citations.filter((c) => articleIds.has(c.citing)),
          ).length;
    for (const c of group) {
      c.sameClaim = ids;
      c.independentOrigins = origins;
    }
  }

  // Figures and their groups.
  const figures: ExportFigure[] = [];
  const figureIdOf = new Map<string, string>();
  for (const d of docs) {
    figureRecords(d).forEach((r, index) => {
      const id = `${d.id}:f${index}`;
      figureIdOf.set(`${d.id}:${r.start}:${r.end}:${r.measure}:${r.value}`, id);
      figures.push({
        id,
        measure: r.measure,
        value: r.value,
        high: r.high ?? null,
        unit: r.unit,
        duration: r.duration ?? null,
        approx: r.approx ?? null,
        place: r.place ?? null,
        refDate: r.date ?? r.since ?? null,
        cumulative: !!r.cumulative,
        articleId: d.id,
        outlet: r.outlet,
        published: r.reported,
        start: r.start ?? 0,
        end: r.end ?? 0,
      });
    });
  }
  const conflicts: ExportConflict[] = [];
  for (const group of await allFigureGroups(repository)) {
    if (group.verdict === 'agree') continue;
    const values = new Map<string, { articleIds: Set<string>; outlets: Set<string> }>();
    for (const r of group.reports) {
      const label = `${r.approx ? `${r.approx} ` : ''}${r.duration ?? (r.high !== undefined ? `${r.value}-${r.high}` : r.value)}`;
      const v = values.get(label) ?? { articleIds: new Set(), outlets: new Set() };
      v.articleIds.add(r.articleId);
      if (r.outlet) v.outlets.add(r.outlet);
      values.set(label, v);
    }
    conflicts.push({
      id: `figure:${group.key}`,
      kind: 'figure',
      subject: describeGroup(group),
      status: group.verdict,
      why: group.why,
      values: [...values].map(([value, v]) => ({ value, articleIds: [...v.articleIds].sort(), outlets: [...v.outlets].sort() })),
      items: group.reports.map((r) => figureIdOf.get(`${r.articleId}:${r.start}:${r.end}:${r.measure}:${r.value}`)!).filter(Boolean),
    });
  }
  // Names: one person written two ways ("Jeanine Áñez" / "Jenine Áñez", "Carlos Gallo Zamora" / "Carlos Rafael Zamora Rodríguez").
  for (const e of entities) {
    if (e.type !== 'PER') continue;
    const full = new Map<string, Set<string>>();
    const detail = e.mentions;
    for (const m of detail) {
      const text = docById.get(m.articleId)!.text.slice(m.start, m.end);
      if (!text.includes(' ')) continue;
      full.set(text, (full.get(text) ?? new Set()).add(m.articleId));
    }
    const forms = [...full.keys()];
    const variants = forms.filter((f) => forms.some((g) => namesDisagree(f, g)));
    if (variants.length < 2) continue;
    conflicts.push({
      id: `name:${e.id}`,
      kind: 'name',
      subject: e.name,
      status: 'conflict',
      values: variants.sort().map((value) => {
        const ids = [...full.get(value)!].sort();
        return { value, articleIds: ids, outlets: [...new Set(ids.map((id) => docById.get(id)!.meta.outlet).filter((o): o is string => !!o))].sort() };
      }),
      items: [e.id],
    });
  }
  // Dates: one person's arrest, removal, swearing-in, death … put on different days by different articles.
  const entityName = new Map(entities.map((e) => [e.id, e.name]));
  for (const c of await allDateConflicts(repository)) {
    conflicts.push({
      id: `date:${c.key}`,
      kind: 'date',
      subject: `${entityName.get(c.entityId) ?? c.entityId} ${c.happening}`,
      status: 'conflict',
      values: c.values.map((v) => ({ value: v.date, articleIds: v.articleIds, outlets: v.outlets })),
      items: c.reports.map((r) => `${r.articleId}:${r.start}:${r.end}`),
    });
  }
  conflicts.sort(byId);
  return { quipuExport: exportVersion, articles, entities, events, claims, figures, conflicts };
}
