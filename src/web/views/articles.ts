/// <reference lib="dom" />
/** The article list: filters by outlet, language and date range, paged on the server. */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type ArticleSummary, type Page, query, type Stats } from '../api.ts';
import { dateText, ErrorNote, Loading, navigate, number, Pager, Title, titleText, useApi, useLocation } from '../ui.ts';

const pageSize = 50;

export function Articles() {
  const loc = useLocation();
  const filters = { outlet: loc.params.get('outlet') ?? '', language: loc.params.get('language') ?? '', from: loc.params.get('from') ?? '', to: loc.params.get('to') ?? '' };
  const offset = Number(loc.params.get('offset') ?? 0) || 0;
  const page = useApi<Page<ArticleSummary>>(`/api/articles${query({ ...filters, limit: pageSize, offset })}`);
  const stats = useApi<Stats>('/api/stats');
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [loc.params.toString()]);

  const submit = (event: Event) => {
    event.preventDefault();
    navigate(`/articles${query(draft)}`);
  };
  const field = (name: keyof typeof draft, label: string, attributes: Record<string, unknown>) =>
    h('label', null, h('span', null, label), h('input', { name, value: draft[name], onInput: (e: Event) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value }), ...attributes }));
  const filtered = Object.values(filters).some(Boolean);

  return h(
    'section',
    null,
    h(Title, null, 'Articles'),
    h(
      'form',
      { class: 'filters', onSubmit: submit, role: 'search', 'aria-label': 'Filter articles' },
      field('outlet', 'Outlet', { list: 'outlet-names', autocomplete: 'off' }),
      h('datalist', { id: 'outlet-names' }, ...(stats.data?.outlets ?? []).filter((o) => o.outlet).map((o) => h('option', { value: o.outlet! }))),
      h(
        'label',
        null,
        h('span', null, 'Language'),
        h(
          'select',
          { name: 'language', value: draft.language, onChange: (e: Event) => setDraft({ ...draft, language: (e.target as HTMLSelectElement).value }) },
          h('option', { value: '' }, 'any'),
          ...(stats.data?.languages ?? []).map((l) => h('option', { value: l.language }, `${l.language} (${number(l.articles)})`)),
        ),
      ),
      field('from', 'From', { placeholder: '2023-01', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', title: 'A date: 2023, 2023-01 or 2023-01-10', size: 10 }),
      field('to', 'To', { placeholder: '2023-03-15', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', title: 'A date: 2023, 2023-01 or 2023-01-10', size: 10 }),
      h('button', { type: 'submit' }, 'Filter'),
      filtered ? h('a', { href: '/articles', class: 'clear' }, 'Clear') : null,
    ),
    page.error ? h(ErrorNote, { error: page.error }) : null,
    page.data
      ? h(
          'div',
          { class: page.loading ? 'stale' : '' },
          page.data.total === 0 ? h('p', null, 'No articles match these filters.') : h(ArticleTable, { items: page.data.items }),
          h(Pager, { ...page.data, label: 'Article' }),
        )
      : page.loading
        ? h(Loading, null)
        : null,
  );
}

/** A table of article summaries: title (link), outlet, date, language, length. */
export function ArticleTable(props: { items: ArticleSummary[] }) {
  return h(
    'table',
    { class: 'articles' },
    h('thead', null, h('tr', null, h('th', null, 'Title'), h('th', null, 'Outlet'), h('th', null, 'Published'), h('th', null, 'Lang'), h('th', { class: 'num' }, 'Chars'))),
    h(
      'tbody',
      null,
      ...props.items.map((a) =>
        h(
          'tr',
          { key: a.id },
          h(
            'td',
            null,
            h('a', { href: `/articles/${a.id}` }, titleText(a.meta.title)),
            a.meta.partCount > 1 ? h('span', { class: 'muted' }, ` (part ${a.meta.partIndex + 1}/${a.meta.partCount})`) : null,
          ),
          h('td', null, a.meta.outlet ?? '—'),
          h('td', { class: 'date' }, dateText(a.meta.published)),
          h('td', null, a.meta.language),
          h('td', { class: 'num' }, number(a.length)),
        ),
      ),
    ),
  );
}
