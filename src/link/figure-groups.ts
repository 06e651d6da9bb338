/**
 * The same figure across articles: grouped by measure, place (diacritics and case folded), who is counted
 * and the date it refers to (or the date a running total counts from), then told apart as `agree`,
 * `conflict` (a toll for one day and one place that differs) or `evolving` (a running total that grows
 * with the report date). Pure: no store access; the caller passes the figures of the articles it compares.
 */
import { compareCodePoints } from '../core/names.ts';
import type { Doc, FigureMeasure } from '../core/doc.ts';

/** One figure as one article reports it: the unit figure groups compare. */
export interface FigureRecord {
  articleId: string;
  outlet: string | null;
  /** The article's publication date (ISO prefix): the report date, never the figure's own date. */
  reported: string | null;
  measure: FigureMeasure;
  value: number;
  high?: number;
  approx?: string;
  unit: string;
  duration?: string;
  place?: string;
  /** The date the figure refers to (ISO prefix / TIMEX3 calendar value). */
  date?: string;
  cumulative?: boolean;
  since?: string;
  /** Who is counted ("protesters", "police officers") or, for a prison sentence, who was sentenced. */
  subject?: string;
  /** Character range of the figure in its article, for highlights. */
  start?: number;
  end?: number;
}

export type Verdict = 'agree' | 'conflict' | 'evolving';

export interface FigureGroup {
  /** A stable key: measure, place, who, and the date or the start of the running total. */
  key: string;
  measure: FigureMeasure;
  place: string | null;
  /** For a sentence, who was sentenced (the fullest name reported); for a toll of police or soldiers, "security forces"; else null. */
  subject: string | null;
  date: string | null;
  since: string | null;
  cumulative: boolean;
  verdict: Verdict;
  /** Distinct values stated (for a sentence, durations). */
  values: string[];
  /** Every report, sorted by report date then outlet: the points of a chart. */
  reports: FigureRecord[];
  /** Distinct articles and outlets behind the group. */
  articles: number;
  outlets: number;
}

/** Measures whose figures are compared across articles; `other` never is. */
const compared = new Set<FigureMeasure>([
  'killed', 'injured', 'hospitalized', 'detained', 'missing', 'displaced', 'protesters', 'votes_for', 'votes_against', 'abstentions', 'votes_needed', 'seats',
  'approval', 'disapproval', 'money', 'troops', 'sentence',
]);
const security = /\b(?:officers?|policemen|police|agents?|soldiers?|troops|guards?|policias?|agentes|soldados|militares|efectivos|uniformados|policiales)\b/;

/** Case- and diacritics-folded form of a place or name ("Tumbá" = "TUMBA"). */
export function normalizePlace(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/['’]s$/, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The figures of one annotated article as records, with its outlet and report date. */
export function figureRecords(doc: Readonly<Doc>): FigureRecord[] {
  return (doc.figures ?? []).map((f) => {
    const extra = f as typeof f & { cumulative?: boolean; since?: string };
    const record: FigureRecord = { articleId: doc.id, outlet: doc.meta.outlet, reported: doc.meta.published, measure: f.measure, value: f.value, unit: f.unit, start: f.start, end: f.end };
    if (f.high !== undefined) record.high = f.high;
    if (f.approx) record.approx = f.approx;
    if (f.duration) record.duration = f.duration;
    if (f.place) record.place = f.place.text;
    if (f.date) record.date = f.date;
    if (extra.cumulative) record.cumulative = true;
    if (extra.since) record.since = extra.since;
    if (f.subject) record.subject = f.subject.text;
    return record;
  });
}

/** Whether two ISO prefixes can name the same day ("2025-11" and "2025-11-10"). */
function compatible(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** Surname-like tokens of a person's name, for matching "Ramiro Etxeberri Salcedo" with "Etxeberri" and "Echeberri". */
function nameTokens(name: string): string[] {
  const tokens = normalizePlace(name).split(' ').filter((t) => t.length >= 3);
  return tokens.length > 1 ? tokens.slice(1) : tokens;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function sameName(a: string, b: string): boolean {
  const ta = nameTokens(a);
  const tb = nameTokens(b);
  return ta.some((x) => tb.some((y) => x === y || (Math.min(x.length, y.length) >= 6 && editDistance(x, y) <= Math.floor(Math.min(x.length, y.length) / 4))));
}

/** What a figure's interval of possible values is, given its approximation marker. */
function interval(r: FigureRecord): [number, number] {
  const v = r.measure === 'sentence' && r.duration ? months(r.duration) : r.value;
  const hi = r.high ?? v;
  switch (r.approx) {
    case 'at_least': return [v, Infinity];
    case 'more_than': return [v + 1e-9, Infinity];
    case 'at_most': case 'up_to': return [0, hi];
    case 'less_than': return [0, hi - 1e-9];
    case 'nearly': return [v * 0.9, v];
    case 'about': return [v * 0.9, hi * 1.1];
    default: return [v, hi];
  }
}

function months(duration: string): number {
  const m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?$/.exec(duration);
  if (!m) return NaN;
  return Number(m[1] ?? 0) * 12 + Number(m[2] ?? 0) + Number(m[3] ?? 0) * 12 / 52 + Number(m[4] ?? 0) / 30;
}

function valueLabel(r: FigureRecord): string {
  if (r.measure === 'sentence' && r.duration) return r.duration;
  return r.high !== undefined ? `${r.value}-${r.high}` : String(r.value);
}

/** The longest name the reports give the sentenced person ("Ramiro Etxeberri" over "Etxeberri"); ties to the first. */
function fullestSubject(reports: readonly FigureRecord[]): string | null {
  let best: string | null = null;
  for (const r of reports) if (r.subject && (!best || r.subject.length > best.length)) best = r.subject;
  return best;
}

/**
 * Groups the same figure across articles and gives each group a verdict. Figures with neither a place,
 * a date nor a running-total marker cannot be matched and are left out, as are `other` figures.
 */
export function groupFigures(records: readonly FigureRecord[]): FigureGroup[] {
  const buckets = new Map<string, FigureRecord[]>();
  const sentenceSubjects: { name: string; key: string }[] = [];
  for (const r of records) {
    if (!compared.has(r.measure)) continue;
    let base: string;
    if (r.measure === 'sentence') {
      // A person's sentence is told by the verdict, the appeal or no date at all: the person is the key.
      if (!r.subject) continue;
      let known = sentenceSubjects.find((s) => sameName(s.name, r.subject!));
      if (!known) {
        known = { name: r.subject, key: nameTokens(r.subject).join(' ') };
        sentenceSubjects.push(known);
      }
      base = `sentence|${known.key}`;
    } else {
      if (!r.place && !r.date && !r.cumulative) continue;
      const who = r.subject && security.test(normalizePlace(r.subject)) ? 'security' : 'people';
      const unit = r.measure === 'money' ? r.unit : '';
      base = `${r.measure}|${unit}|${r.place ? normalizePlace(r.place) : ''}|${who}|${r.cumulative ? 'running' : 'point'}`;
    }
    const list = buckets.get(base);
    if (list) list.push(r);
    else buckets.set(base, [r]);
  }

  const groups: FigureGroup[] = [];
  for (const [base, list] of buckets) {
    const running = base.endsWith('|running');
    const field = (r: FigureRecord) => (base.startsWith('sentence|') ? undefined : running ? r.since : r.date);
    // Clusters by compatible dates, most precise first; a figure without a date joins the only cluster there is.
    const dated = list.filter((r) => field(r)).sort((a, b) => field(b)!.length - field(a)!.length || compareCodePoints(field(a)!, field(b)!));
    const clusters: { date: string | null; members: FigureRecord[] }[] = [];
    for (const r of dated) {
      const d = field(r)!;
      const fits = clusters.filter((c) => c.date !== null && compatible(c.date, d));
      if (fits.length === 1) fits[0]!.members.push(r);
      else clusters.push({ date: d, members: [r] });
    }
    const undated = list.filter((r) => !field(r));
    if (undated.length > 0) {
      if (clusters.length === 1) clusters[0]!.members.push(...undated);
      else if (clusters.length === 0 || running || base.startsWith('sentence|')) clusters.push({ date: null, members: undated });
      else clusters.push({ date: null, members: undated });
    }
    for (const cluster of clusters) {
      const reports = [...cluster.members].sort((a, b) => compareCodePoints((a.reported ?? ''), b.reported ?? '') || compareCodePoints((a.outlet ?? ''), b.outlet ?? '') || (a.start ?? 0) - (b.start ?? 0));
      const [measure, , place] = base.split('|') as [FigureMeasure, string, string];
      const first = reports[0]!;
      groups.push({
        key: `${base}|${cluster.date ?? ''}`,
        measure,
        place: base.startsWith('sentence|') ? null : first.place ?? (place || null),
        subject: base.startsWith('sentence|') ? fullestSubject(reports) : base.split('|')[3] === 'security' ? 'security forces' : null,
        date: running ? null : cluster.date,
        since: running ? cluster.date : null,
        cumulative: running,
        // A prison sentence is one decision, not a running count: two lengths for it are a conflict whatever the dates.
        verdict: verdict(reports, !base.startsWith('sentence|') && (running || cluster.date === null)),
        values: [...new Set(reports.map(valueLabel))],
        reports,
        articles: new Set(reports.map((r) => r.articleId)).size,
        outlets: new Set(reports.map((r) => r.outlet ?? r.articleId)).size,
      });
    }
  }
  return groups.sort((a, b) => compareCodePoints(a.key, b.key));
}

/**
 * `agree` when one value fits every report (an "at least 12" fits a 14); `evolving` when a running total
 * (or an undated count, read as "as of the report") never goes down as the report date advances;
 * `conflict` otherwise.
 */
function verdict(reports: readonly FigureRecord[], asOfReport: boolean): Verdict {
  let lo = -Infinity;
  let hi = Infinity;
  for (const r of reports) {
    const [a, b] = interval(r);
    lo = Math.max(lo, a);
    hi = Math.min(hi, b);
  }
  if (lo <= hi) return 'agree';
  if (!asOfReport) return 'conflict';
  // Each article's own latest statement of the total (an article may recall earlier counts): the interval of its largest value.
  const byArticle = new Map<string, { reported: string; lo: number; hi: number }>();
  for (const r of reports) {
    const [lo, hi] = interval(r);
    const prev = byArticle.get(r.articleId);
    if (!prev || lo > prev.lo) byArticle.set(r.articleId, { reported: r.reported ?? '', lo, hi });
  }
  // Evolving when some non-decreasing series of values fits every report in date order: a lower bound ("more than 12")
  // after a larger count is no contradiction, a smaller exact count is; two counts on the same day must agree.
  const points = [...byArticle.values()].sort((a, b) => compareCodePoints(a.reported, b.reported) || a.lo - b.lo);
  let floor = -Infinity;
  for (let k = 0; k < points.length; k++) {
    const p = points[k]!;
    if (p.hi < floor) return 'conflict';
    const sameDay = points.filter((q) => q !== p && q.reported === p.reported);
    if (sameDay.some((q) => q.hi < p.lo || p.hi < q.lo)) return 'conflict';
    floor = Math.max(floor, p.lo);
  }
  return 'evolving';
}
