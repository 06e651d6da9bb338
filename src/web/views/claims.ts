/// <reference lib="dom" />
/**
 * The claims ledger: who said what, across the stored articles, as a table sorted on the server by date, speaker,
 * hedge or outlet, filtered by speaker, subject and hedge. Each claim links to its characters in the document viewer.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Claim, hedges, type Page, query } from '../api.ts';
import { dateText, entityHref, entityKey, ErrorNote, Loading, navigate, number, Pager, spanHref, Title, titleText, useApi, useLocation, withParams } from '../ui.ts';

const pageSize = 50;
const sortable: [string, string][] = [
  ['speaker', 'Speaker'],
  ['hedge', 'Hedge'],
  ['outlet', 'Outlet'],
  ['published', 'Published'],
];

export function Claims() {
  const loc = useLocation();
  const filters = { by: loc.params.get('by') ?? '', about: loc.params.get('about') ?? '', hedge: loc.params.get('hedge') ?? '' };
  const sort = loc.params.get('sort') ?? 'published';
  const order = loc.params.get('order') === 'desc' ? 'desc' : 'asc';
  const offset = Number(loc.params.get('offset') ?? 0) || 0;
  const page = useApi<Page<Claim>>(`/api/claims${query({ ...filters, sort, order, limit: pageSize, offset })}`);
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [loc.params.toString()]);

  const submit = (event: Event) => {
    event.preventDefault();
    navigate(withParams(loc, { ...draft, offset: null }));
  };
  const text = (name: 'by' | 'about', label: string, placeholder: string) =>
    h(
      'label',
      null,
      h('span', null, label),
      h('input', { name, value: draft[name], placeholder, maxLength: 200, onInput: (e: Event) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value }) }),
    );

  return h(
    'section',
    null,
    h(Title, null, 'Claims'),
    h('p', { class: 'muted' }, 'Who said what, in every stored article: the speaker, the verb that carries the claim, what was claimed and how firmly.'),
    h(
      'form',
      { class: 'filters', onSubmit: submit, role: 'search', 'aria-label': 'Filter claims' },
      text('by', 'Speaker', 'Etxeberri'),
      text('about', 'About', 'Chaupimayo'),
      h(
        'label',
        null,
        h('span', null, 'Hedge'),
        h(
          'select',
          { name: 'hedge', value: draft.hedge, onChange: (e: Event) => setDraft({ ...draft, hedge: (e.target as HTMLSelectElement).value }) },
          h('option', { value: '' }, 'any'),
          ...hedges.map((hedge) => h('option', { value: hedge }, hedge)),
        ),
      ),
      h('button', { type: 'submit' }, 'Filter'),
      Object.values(filters).some(Boolean) ? h('a', { href: '/claims', class: 'clear' }, 'Clear') : null,
    ),
    page.error ? h(ErrorNote, { error: page.error }) : null,
    page.data
      ? h(
          'div',
          { class: page.loading ? 'stale' : '' },
          h('p', { class: 'muted', 'aria-live': 'polite' }, page.data.total === 1 ? '1 claim' : `${number(page.data.total)} claims`),
          page.data.total === 0 ? null : h(ClaimTable, { items: page.data.items, sort, order }),
          h(Pager, { ...page.data, label: 'Claim' }),
        )
      : page.loading
        ? h(Loading, null)
        : null,
  );
}

/** A table of claims; with `sort`, its column headers are buttons that sort the ledger (a second press reverses). */
export function ClaimTable(props: { items: Claim[]; sort?: string; order?: 'asc' | 'desc' }) {
  const loc = useLocation();
  const header = (key: string, label: string) => {
    if (!props.sort) return h('th', { scope: 'col' }, label);
    const active = props.sort === key;
    const next = active && props.order === 'asc' ? 'desc' : 'asc';
    return h(
      'th',
      { scope: 'col', 'aria-sort': active ? (props.order === 'desc' ? 'descending' : 'ascending') : undefined },
      h(
        'a',
        { href: withParams(loc, { sort: key === 'published' ? null : key, order: next === 'asc' ? null : next, offset: null }), class: 'sort' },
        label,
        active ? (props.order === 'desc' ? ' ▼' : ' ▲') : '',
      ),
    );
  };
  const th = (key: string) => header(key, sortable.find(([k]) => k === key)![1]);
  return h(
    'table',
    { class: 'claims' },
    h('thead', null, h('tr', null, th('speaker'), h('th', { scope: 'col' }, 'Cue'), h('th', { scope: 'col' }, 'Claim'), th('hedge'), th('outlet'), th('published'))),
    h(
      'tbody',
      null,
      ...props.items.map((c) => {
        const name = c.speakerEntity ?? c.speaker;
        const speaker = c.speakerEntity ? h('a', { href: entityHref(entityKey(c.speakerEntity)) }, c.speakerEntity) : (name ?? h('span', { class: 'muted' }, '(unattributed)'));
        return h(
          'tr',
          { key: `${c.articleId}:${c.start}` },
          h(
            'td',
            null,
            speaker,
            c.speakerEntity && c.speaker && entityKey(c.speaker) !== entityKey(c.speakerEntity) ? h('div', { class: 'muted' }, `as “${c.speaker}”`) : null,
            c.via ? h('div', { class: 'muted' }, `via ${c.via}`) : null,
          ),
          h('td', null, c.cue, c.recipient ? h('div', { class: 'muted' }, `to ${c.recipient}`) : null),
          h('td', { class: 'claim' }, h('a', { href: spanHref(c.articleId, c.start, c.end), title: `Open “${titleText(c.title)}” at this claim` }, c.content || '(no content)')),
          h('td', null, h('span', { class: `badge hedge-${c.hedge}` }, c.hedge)),
          h('td', null, c.outlet ?? '—'),
          h('td', { class: 'date' }, dateText(c.published)),
        );
      }),
    ),
  );
}
