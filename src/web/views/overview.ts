/**
 * The overview: what the store holds, by outlet, language and date; the most-mentioned entities; the latest
 * conflicting figures; the latest articles. The counts show first; the entities and conflicts are other requests (stored
 * findings, paged by index), so they fill in apart.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { type ArticleSummary, type DateConflict, type EntitySummary, type FigureGroup, type Page, query, type Stats } from '../api.ts';
import { entityHref, ErrorNote, Loading, number, Title, useApi } from '../ui.ts';
import { ArticleTable } from './articles.ts';
import { describeGroup } from '../../core/figure-words.ts';
import { valuesText } from './conflicts.ts';

const shownOutlets = 12;

export function Overview() {
  const stats = useApi<Stats>('/api/stats');
  const latest = useApi<Page<ArticleSummary>>('/api/articles?limit=10');
  const top = useApi<Page<EntitySummary>>('/api/entities?limit=10');
  const conflicts = useApi<Page<FigureGroup>>('/api/conflicts?verdict=conflict&sort=latest&limit=5');
  const dateConflicts = useApi<Page<DateConflict>>('/api/date-conflicts?limit=1');
  const [allOutlets, setAllOutlets] = useState(false);
  if (stats.error) return h('section', null, h(Title, null, 'Overview'), h(ErrorNote, { error: stats.error }));
  if (!stats.data) return h('section', null, h(Title, null, 'Overview'), h(Loading, null));
  const s = stats.data;
  if (s.articles === 0) {
    return h('section', null, h(Title, null, 'Overview'), h('p', null, 'The store is empty. ', h('a', { href: '/ingest' }, 'Ingest some articles'), ' to begin.'));
  }
  const outlets = allOutlets ? s.outlets : s.outlets.slice(0, shownOutlets);
  return h(
    'section',
    { class: 'overview' },
    h(Title, null, 'Overview'),
    h(
      'dl',
      { class: 'figures' },
      figure('articles', number(s.articles)),
      figure('sources', number(s.sources)),
      figure('outlets', number(s.outlets.filter((o) => o.outlet).length)),
      figure('published', s.published.earliest ? `${s.published.earliest} → ${s.published.latest}` : '—'),
    ),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { 'aria-labelledby': 'latest-conflicts' },
        h('h2', { id: 'latest-conflicts' }, 'Latest conflicts'),
        conflicts.error
          ? h(ErrorNote, { error: conflicts.error })
          : !conflicts.data
            ? h(Loading, null)
            : conflicts.data.total === 0
              ? h('p', { class: 'muted' }, 'No figure differs between outlets.')
              : h(
                  'ul',
                  { class: 'latest-conflicts' },
                  ...conflicts.data.items.map((g) =>
                    h(
                      'li',
                      { key: g.key },
                      h('a', { href: `/conflicts${query({ key: g.key })}` }, describeGroup(g)),
                      h('span', { class: 'values' }, ` ${valuesText(g)}`),
                      h('span', { class: 'muted' }, ` — ${number(g.outlets)} outlets, last reported ${g.lastReported ?? '—'}`),
                    ),
                  ),
                ),
        conflicts.data && conflicts.data.total > conflicts.data.items.length ? h('p', null, h('a', { href: '/conflicts?verdict=conflict' }, `All ${number(conflicts.data.total)} conflicts →`)) : null,
        dateConflicts.data && dateConflicts.data.total > 0
          ? h(
              'p',
              { class: 'date-conflicts-link' },
              h('a', { href: '/conflicts?verdict=dates' }, `${number(dateConflicts.data.total)} ${dateConflicts.data.total === 1 ? 'date' : 'dates'} that outlets disagree on →`),
            )
          : null,
      ),
      h(
        'section',
        { 'aria-labelledby': 'most-mentioned' },
        h('h2', { id: 'most-mentioned' }, 'Most mentioned'),
        top.error
          ? h(ErrorNote, { error: top.error })
          : !top.data
            ? h(Loading, null)
            : h('table', { class: 'counts top-entities' }, h('tbody', null, ...top.data.items.map((e) => countRow(e.name, e.articles, s.articles, entityHref(e.key), e.type)))),
      ),
    ),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { 'aria-labelledby': 'by-outlet' },
        h('h2', { id: 'by-outlet' }, 'By outlet'),
        h(
          'table',
          { class: 'counts' },
          h('tbody', null, ...outlets.map((o) => countRow(o.outlet ?? '(unknown outlet)', o.articles, s.articles, o.outlet ? `/articles${query({ outlet: o.outlet })}` : null))),
        ),
        s.outlets.length > shownOutlets && !allOutlets ? h('button', { type: 'button', class: 'link', onClick: () => setAllOutlets(true) }, `Show all ${number(s.outlets.length)} outlets`) : null,
      ),
      h(
        'section',
        { 'aria-labelledby': 'by-language' },
        h('h2', { id: 'by-language' }, 'By language'),
        h('table', { class: 'counts' }, h('tbody', null, ...s.languages.map((l) => countRow(l.language, l.articles, s.articles, `/articles${query({ language: l.language })}`)))),
      ),
    ),
    h('h2', null, 'Latest articles'),
    latest.error ? h(ErrorNote, { error: latest.error }) : latest.data ? h(ArticleTable, { items: latest.data.items }) : h(Loading, null),
    latest.data && latest.data.total > latest.data.items.length ? h('p', null, h('a', { href: '/articles' }, `All ${number(latest.data.total)} articles →`)) : null,
  );
}

function figure(label: string, value: string) {
  return h('div', null, h('dt', null, label), h('dd', null, value));
}

function countRow(label: string, count: number, total: number, href: string | null, type?: string) {
  return h(
    'tr',
    null,
    h('th', { scope: 'row' }, href ? h('a', { href }, label) : label, type ? h('span', { class: 'muted type' }, ` ${type}`) : null),
    h('td', { class: 'num' }, number(count)),
    h('td', { class: 'bar', 'aria-hidden': 'true' }, h('progress', { max: total, value: count, tabIndex: -1 })),
  );
}
