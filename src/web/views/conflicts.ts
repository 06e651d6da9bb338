/// <reference lib="dom" />
/**
 * Figures across outlets: each group of reports of the same figure (a toll for one place and day, a running total,
 * a sentence) with its verdict — agree, conflict, evolving — a small chart of the values by report date and outlet,
 * drawn here as SVG, and the reports as a table, each linking to the figure in its article.
 */
import { type ComponentChildren, h } from 'preact';
import { useState } from 'preact/hooks';
import { describeGroup, durationMonths, durationText } from '../../core/figure-words.ts';
import { type CopyChange, type CopyChangeRow, type CopyPair, type DateConflict, type FigureGroup, type FigureReport, type Page, query, type Verdict } from '../api.ts';
import { dateText, entityHref, ErrorNote, type Loaded, Loading, number, Pager, spanHref, Title, titleText, useApi, useLocation, withParams } from '../ui.ts';
import { pairHref } from './copies.ts';

const verdicts: [Verdict | '' | 'dates' | 'copies', string][] = [
  ['', 'All'],
  ['conflict', 'Conflicts'],
  ['evolving', 'Evolving'],
  ['scope', 'Scope'],
  ['superseded', 'Superseded'],
  ['outlier', 'Outliers'],
  ['agree', 'Agree'],
  ['dates', 'Dates'],
  ['copies', 'Copy changes'],
];
/** Copy changes shown above the figures on the All and Conflicts tabs; the rest are on their own tab. */
const copyChangesPreview = 3;
/** Outlet colours, distinguishable for the common colour-vision deficiencies (Okabe–Ito). */
const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442'];

export function Conflicts() {
  const loc = useLocation();
  const verdict = loc.params.get('verdict') ?? '';
  const offset = Number(loc.params.get('offset') ?? 0) || 0;
  // One group, reached from the overview: the same page, filtered to it.
  const key = loc.params.get('key') ?? '';
  const dates = verdict === 'dates';
  const copies = verdict === 'copies';
  const page = useApi<Page<FigureGroup>>(dates || copies ? null : `/api/conflicts${query({ verdict, key, offset })}`);
  const datePage = useApi<Page<DateConflict>>(dates ? `/api/date-conflicts${query({ offset })}` : null);
  // A copy that changed a fact is a disagreement too: listed on its tab, and its first few beside the figure conflicts.
  const preview = (verdict === '' || verdict === 'conflict') && !key;
  const copyPage = useApi<Page<CopyChangeRow>>(copies ? `/api/copy-changes${query({ offset })}` : preview ? `/api/copy-changes${query({ limit: copyChangesPreview })}` : null);
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': 'Verdict' },
    ...verdicts.map(([value, label]) => h('a', { href: withParams(loc, { verdict: value, key: null, offset: null }), 'aria-current': value === verdict && !key ? 'page' : undefined }, label)),
  );
  if (copies) {
    return h(TabList<CopyChangeRow>, {
      title: 'Facts copies changed',
      intro: 'A copy that gives a figure, a date or a name otherwise than the article it copies, in a paragraph the two share: "this copy says 17 dead where its source says 12".',
      tabs,
      loaded: copyPage,
      none: 'No copy changed a fact of its original.',
      label: 'Copy',
      item: (row) => h(CopyChangeGroup, { row, key: `${row.copy.id}>${row.original.id}` }),
    });
  }
  if (dates) {
    return h(TabList<DateConflict>, {
      title: 'Dates across outlets',
      intro: 'A happening that befalls a person once — an arrest, a removal, a swearing-in, a death, a sentencing — dated differently by different articles.',
      tabs,
      loaded: datePage,
      none: 'No two articles give different days for the same happening.',
      label: 'Date conflict',
      item: (conflict) => h(DateGroup, { conflict, key: conflict.key }),
    });
  }
  return h(
    'section',
    null,
    h(Title, null, 'Figures across outlets'),
    h('p', { class: 'muted' }, 'The same figure as several articles report it. A conflict is a count for one place and day that differs; an evolving total grows with the report date.'),
    tabs,
    preview && copyPage.data && copyPage.data.total > 0
      ? h(
          'div',
          { class: 'copy-changes-preview' },
          h('h2', null, `Facts copies changed (${number(copyPage.data.total)})`),
          ...copyPage.data.items.map((row) => h(CopyChangeGroup, { row, key: `${row.copy.id}>${row.original.id}` })),
          copyPage.data.total > copyPage.data.items.length
            ? h('p', null, h('a', { href: withParams(loc, { verdict: 'copies', key: null, offset: null }) }, `All ${number(copyPage.data.total)} copies that changed a fact →`))
            : null,
        )
      : null,
    page.error ? h(ErrorNote, { error: page.error }) : null,
    page.data
      ? h(
          'div',
          { class: page.loading ? 'stale' : '' },
          page.data.total === 0 ? h('p', null, 'No figure is reported by more than one article here.') : null,
          ...page.data.items.map((group) => h(Group, { group, key: group.key })),
          h(Pager, { ...page.data, label: 'Figure group' }),
        )
      : page.loading
        ? h(Loading, null)
        : null,
  );
}

/** A tab that lists one kind of finding a page at a time (dates, copy changes): its heading, what it holds, the tabs, the page. */
function TabList<T>(props: { title: string; intro: string; tabs: ComponentChildren; loaded: Loaded<Page<T>>; none: string; label: string; item: (item: T) => ComponentChildren }) {
  const { loaded } = props;
  return h(
    'section',
    null,
    h(Title, null, props.title),
    h('p', { class: 'muted' }, props.intro),
    props.tabs,
    loaded.error ? h(ErrorNote, { error: loaded.error }) : null,
    loaded.data
      ? h(
          'div',
          { class: loaded.loading ? 'stale' : '' },
          loaded.data.total === 0 ? h('p', null, props.none) : null,
          ...loaded.data.items.map(props.item),
          h(Pager, { ...loaded.data, label: props.label }),
        )
      : h(Loading, null),
  );
}

/** One fact a copy changed: its note linking to where the copy says it, and what the original says, linking there. */
function ChangeItem(props: { row: CopyChangeRow; change: CopyChange }) {
  const { row, change } = props;
  return h(
    'li',
    null,
    h('a', { href: spanHref(row.copy.id, change.copy.start, change.copy.end), title: 'Open the copy at this fact' }, change.note),
    ' ',
    h('span', { class: 'muted' }, '(source: '),
    h('a', { href: spanHref(row.original.id, change.original.start, change.original.end), title: 'Open the original at this fact' }, change.original.text),
    h('span', { class: 'muted' }, ')'),
  );
}

/**
 * The changes after a row's first, opened on demand: the page carries the first change and the count only, and the rest
 * come with the pair (`/api/copies/{copy}/{original}`), asked for when they are opened.
 */
function MoreChanges(props: { row: CopyChangeRow }) {
  const { row } = props;
  const [open, setOpen] = useState(false);
  const pair = useApi<CopyPair>(open ? `/api/copies/${encodeURIComponent(row.copy.id)}/${encodeURIComponent(row.original.id)}` : null);
  const more = row.changeCount - 1;
  if (more <= 0) return null;
  return h(
    'details',
    { class: 'more-changes', onToggle: (e: Event) => setOpen((e.currentTarget as HTMLDetailsElement).open) },
    h('summary', null, more === 1 ? '1 more fact changed' : `${number(more)} more facts changed`),
    pair.error
      ? h(ErrorNote, { error: pair.error })
      : pair.data
        ? h('ul', { class: 'copy-changes' }, ...(pair.data.link.changes ?? []).slice(1).map((change, i) => h(ChangeItem, { row, change, key: i })))
        : open
          ? h(Loading, null)
          : null,
  );
}

/** A copy that changed facts of its original: the pair, its first change linking to where the copy says it, the others on demand, and the pair side by side. */
function CopyChangeGroup(props: { row: CopyChangeRow }) {
  const { row } = props;
  const ref = (r: CopyChangeRow['copy']) => [
    h('a', { href: `/articles/${encodeURIComponent(r.id)}` }, titleText(r.title)),
    h('span', { class: 'muted' }, ` (${r.outlet ?? 'unknown outlet'}, ${dateText(r.published)})`),
  ];
  return h(
    'article',
    { class: 'copy-change' },
    h('h2', null, h('span', { class: 'badge kind-changed' }, row.translated ? 'translated copy' : 'copy'), ' ', ...ref(row.copy)),
    h('p', { class: 'muted' }, 'copies ', ...ref(row.original), ' · ', h('a', { href: pairHref(row) }, 'side by side')),
    h('ul', { class: 'copy-changes' }, h(ChangeItem, { row, change: row.change })),
    h(MoreChanges, { row }),
  );
}

const happeningWords: Record<string, string> = {
  arrest: 'arrested',
  removal: 'removed from office',
  inauguration: 'sworn in',
  death: 'died',
  resignation: 'resigned',
  sentencing: 'sentenced',
  election: 'elected',
  birth: 'born',
};

/** One person's happening with the days the outlets give it, and each report linking to its sentence. */
function DateGroup(props: { conflict: DateConflict }) {
  const { conflict } = props;
  return h(
    'article',
    { class: 'figure-group date-conflict verdict-conflict' },
    h(
      'h2',
      null,
      h('span', { class: 'badge verdict verdict-conflict' }, 'dates'),
      ' ',
      h('a', { href: entityHref(conflict.entity.key) }, conflict.entity.name),
      ` ${happeningWords[conflict.happening] ?? conflict.happening}`,
    ),
    h(
      'p',
      { class: 'values' },
      conflict.values.map((v) => v.date).join(' vs '),
      h(
        'span',
        { class: 'muted' },
        ` — ${conflict.values.map((v) => `${v.date}: ${v.outlets.slice(0, 6).join(', ') || 'unknown outlet'}${v.outlets.length > 6 ? ` and ${number(v.outlets.length - 6)} more` : ''}`).join('; ')}${conflict.reportTotal > conflict.reports.length ? `; ${number(conflict.reportTotal)} reports, ${conflict.reports.length} distinct shown` : ''}`,
      ),
    ),
    h(
      'table',
      { class: 'reports' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Reported'), h('th', { scope: 'col' }, 'Outlet'), h('th', { scope: 'col' }, 'Date given'), h('th', { scope: 'col' }, 'Sentence'))),
      h(
        'tbody',
        null,
        ...conflict.reports.map((r, i) =>
          h(
            'tr',
            { key: i },
            h('td', { class: 'date' }, dateText(r.article.published)),
            h('td', null, r.article.outlet ?? '(unknown outlet)'),
            h('td', { class: 'date' }, r.date),
            h(
              'td',
              null,
              h('a', { href: spanHref(r.article.id, r.start, r.end), title: 'Open the article at this sentence' }, r.text.length > 160 ? `${r.text.slice(0, 160)}…` : r.text),
              r.repeats > 1 ? h('span', { class: 'muted' }, ` ×${number(r.repeats)}`) : null,
            ),
          ),
        ),
      ),
    ),
  );
}

/** The values of a group as the page shows them: durations in words. */
export function valuesText(group: FigureGroup): string {
  return group.values.map((v) => (v.startsWith('P') ? durationText(v) : v)).join(' vs ');
}

function valueText(r: FigureReport): string {
  if (r.duration) return durationText(r.duration);
  const approx = r.approx ? `${r.approx.replace(/_/g, ' ')} ` : '';
  const value = r.high !== undefined ? `${number(r.value)}–${number(r.high)}` : number(r.value);
  return `${approx}${value}${r.unit === 'percent' ? '%' : r.unit !== 'count' ? ` ${r.unit}` : ''}`;
}

function Group(props: { group: FigureGroup }) {
  const { group } = props;
  const outlets = [...new Set(group.reports.map((r) => r.outlet ?? '(unknown outlet)'))];
  const colour = (outlet: string | null) => palette[outlets.indexOf(outlet ?? '(unknown outlet)') % palette.length]!;
  return h(
    'article',
    { class: `figure-group verdict-${group.verdict}` },
    h('h2', null, h('span', { class: `badge verdict verdict-${group.verdict}` }, group.verdict), ' ', describeGroup(group)),
    group.why ? h('p', { class: 'why' }, group.why) : null,
    h(
      'p',
      { class: 'values' },
      valuesText(group),
      h(
        'span',
        { class: 'muted' },
        ` — ${group.articles} articles, ${group.outlets} outlets${group.reportTotal > group.reports.length ? `; ${number(group.reportTotal)} reports, ${group.reports.length} distinct points shown` : ''}`,
      ),
    ),
    h(
      'div',
      { class: 'figure-body' },
      h(Chart, { group, outlets, colour }),
      h(
        'table',
        { class: 'reports' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', { scope: 'col' }, 'Reported'),
            h('th', { scope: 'col' }, 'Outlet'),
            h('th', { scope: 'col', class: 'num' }, 'Value'),
            h('th', { scope: 'col', class: 'num' }, h('span', { class: 'visually-hidden' }, 'Reports')),
          ),
        ),
        h(
          'tbody',
          null,
          ...group.reports.map((r, i) =>
            h(
              'tr',
              { key: i },
              h('td', { class: 'date' }, dateText(r.reported)),
              h(
                'td',
                null,
                h('span', { class: 'swatch', 'aria-hidden': 'true' }, h('svg', { width: 10, height: 10, viewBox: '0 0 10 10' }, h('circle', { cx: 5, cy: 5, r: 5, fill: colour(r.outlet) }))),
                ' ',
                r.outlet ?? '(unknown outlet)',
              ),
              h(
                'td',
                { class: 'num' },
                r.start !== undefined && r.end !== undefined ? h('a', { href: spanHref(r.articleId, r.start, r.end), title: 'Open the article at this figure' }, valueText(r)) : valueText(r),
              ),
              h(
                'td',
                { class: 'num muted' },
                r.repeats > 1 ? h('span', { title: `${number(r.repeats)} reports from this outlet on this date state this value; the link opens the first` }, `×${number(r.repeats)}`) : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

const width = 360;
const height = 160;
const pad = { left: 40, right: 24, top: 12, bottom: 34 };

/** Values (y) by report date (x, one column per date), a dot per report coloured by outlet. A sentence is charted in months. */
function Chart(props: { group: FigureGroup; outlets: string[]; colour: (outlet: string | null) => string }) {
  const { group } = props;
  const points = group.reports.map((r) => ({ r, y: r.duration ? durationMonths(r.duration) : r.value })).filter((p) => Number.isFinite(p.y));
  if (points.length === 0) return null;
  const dates = [...new Set(points.map((p) => p.r.reported ?? '?'))].sort();
  const max = Math.max(...points.map((p) => p.y), 1);
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const x = (date: string) => pad.left + (dates.length === 1 ? innerW / 2 : (dates.indexOf(date) / (dates.length - 1)) * innerW);
  const y = (value: number) => pad.top + innerH - (value / (max * 1.1)) * innerH;
  const ticks = [...new Set(points.map((p) => p.y))].sort((a, b) => a - b);
  // Reports at the same date and value would hide each other: spread them a little sideways.
  const seen = new Map<string, number>();
  const unit = group.measure === 'sentence' ? ' months' : '';
  const label = `${describeGroup(group)}: ${points.map((p) => `${p.r.outlet ?? 'unknown outlet'} ${p.y}${unit} on ${p.r.reported ?? 'an unknown date'}`).join('; ')}`;
  return h(
    'svg',
    { class: 'chart', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label },
    h('line', { x1: pad.left, y1: pad.top + innerH, x2: width - pad.right, y2: pad.top + innerH, class: 'axis' }),
    h('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: pad.top + innerH, class: 'axis' }),
    ...ticks.flatMap((t) => [
      h('line', { x1: pad.left - 4, y1: y(t), x2: width - pad.right, y2: y(t), class: 'grid' }),
      h('text', { x: pad.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, `${Math.round(t * 10) / 10}`),
    ]),
    ...dates.map((d, i) =>
      dates.length <= 6 || i % Math.ceil(dates.length / 6) === 0 || i === dates.length - 1
        ? h('text', { x: x(d), y: height - pad.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, d.slice(5) || d)
        : null,
    ),
    h('text', { x: pad.left + innerW / 2, y: height - 4, 'text-anchor': 'middle', class: 'tick' }, `report date${dates[0] && dates[0] !== '?' ? ` (${dates[0].slice(0, 4)})` : ''}`),
    ...points.map((p) => {
      const date = p.r.reported ?? '?';
      const spot = `${date}|${p.y}`;
      const n = seen.get(spot) ?? 0;
      seen.set(spot, n + 1);
      return h('circle', { cx: x(date) + n * 7, cy: y(p.y), r: 5, fill: props.colour(p.r.outlet), class: 'dot' }, h('title', null, `${p.r.outlet ?? 'unknown outlet'}, ${date}: ${valueText(p.r)}`));
    }),
  );
}
