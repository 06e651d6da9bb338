/// <reference lib="dom" />
/**
 * Entities across the pile: the list (by folded full name, short forms counted under it) and one entity's page —
 * aliases, roles, articles, the claims it makes and the entities seen in the same articles.
 */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type EntityPage, type EntitySummary, type Page, query } from '../api.ts';
import { dateText, entityHref, ErrorNote, Loading, navigate, number, Pager, spanHref, Title, titleText, useApi, useLocation, withParams } from '../ui.ts';
import { ClaimTable } from './claims.ts';

const pageSize = 100;
const types: [string, string][] = [
  ['', 'any'],
  ['PER', 'people'],
  ['ORG', 'organizations'],
  ['LOC', 'places'],
  ['MISC', 'other'],
];

export function Entities() {
  const loc = useLocation();
  const filters = { q: loc.params.get('q') ?? '', type: loc.params.get('type') ?? '' };
  const offset = Number(loc.params.get('offset') ?? 0) || 0;
  const page = useApi<Page<EntitySummary>>(`/api/entities${query({ ...filters, limit: pageSize, offset })}`);
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [loc.params.toString()]);
  return h(
    'section',
    null,
    h(Title, null, 'Entities'),
    h('p', { class: 'muted' }, 'People, organizations and places named in the articles. Short forms (“Etxeberri”) count under the full name they refer to in the same article.'),
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': 'Filter entities',
        onSubmit: (e: Event) => {
          e.preventDefault();
          navigate(withParams(loc, { ...draft, offset: null }));
        },
      },
      h(
        'label',
        null,
        h('span', null, 'Name'),
        h('input', { name: 'q', value: draft.q, maxLength: 200, placeholder: 'Cárcamo', onInput: (e: Event) => setDraft({ ...draft, q: (e.target as HTMLInputElement).value }) }),
      ),
      h(
        'label',
        null,
        h('span', null, 'Type'),
        h(
          'select',
          { name: 'type', value: draft.type, onChange: (e: Event) => setDraft({ ...draft, type: (e.target as HTMLSelectElement).value }) },
          ...types.map(([value, label]) => h('option', { value }, label)),
        ),
      ),
      h('button', { type: 'submit' }, 'Filter'),
      Object.values(filters).some(Boolean) ? h('a', { href: '/entities', class: 'clear' }, 'Clear') : null,
    ),
    page.error ? h(ErrorNote, { error: page.error }) : null,
    page.data
      ? h(
          'div',
          { class: page.loading ? 'stale' : '' },
          page.data.total === 0
            ? h('p', null, 'No entity matches.')
            : h(
                'table',
                { class: 'entities' },
                h(
                  'thead',
                  null,
                  h(
                    'tr',
                    null,
                    h('th', { scope: 'col' }, 'Name'),
                    h('th', { scope: 'col' }, 'Type'),
                    h('th', { scope: 'col', class: 'num' }, 'Articles'),
                    h('th', { scope: 'col', class: 'num' }, 'Mentions'),
                  ),
                ),
                h(
                  'tbody',
                  null,
                  ...page.data.items.map((e) =>
                    h(
                      'tr',
                      { key: e.key },
                      h('td', null, h('a', { href: entityHref(e.key) }, e.name)),
                      h('td', null, h('span', { class: `tag entity-${e.type}` }, e.type)),
                      h('td', { class: 'num' }, number(e.articles)),
                      h('td', { class: 'num' }, number(e.mentions)),
                    ),
                  ),
                ),
              ),
          h(Pager, { ...page.data, label: 'Entity' }),
        )
      : page.loading
        ? h(Loading, null)
        : null,
  );
}

export function Entity(props: { entityKey: string }) {
  const loaded = useApi<EntityPage>(`/api/entities/${encodeURIComponent(props.entityKey)}`);
  if (loaded.error) return h('section', null, h(Title, null, 'Entity'), h(ErrorNote, { error: loaded.error }));
  const e = loaded.data;
  if (!e) return h(Loading, null);
  // Roles grouped by their wording, each with the places it is stated.
  const roles = new Map<string, EntityPage['roles']>();
  for (const role of e.roles) roles.set(role.role, [...(roles.get(role.role) ?? []), role]);
  return h(
    'article',
    { class: 'entity' },
    h(Title, null, e.name),
    h(
      'p',
      null,
      h('span', { class: `tag entity-${e.type}` }, e.type),
      ` ${number(e.mentions)} mentions in ${e.articles === 1 ? '1 article' : `${number(e.articles)} articles`} · `,
      h('a', { href: `/timeline${query({ entity: e.name })}` }, 'timeline'),
      ' · ',
      h('a', { href: `/claims${query({ by: e.name })}` }, 'claims by this name'),
      ' · ',
      h('a', { href: `/search${query({ q: `"${e.name}"` })}` }, 'search'),
    ),
    h(
      'div',
      { class: 'columns' },
      h(
        'div',
        null,
        h('h2', { id: 'entity-articles' }, 'Articles'),
        e.articleTotal > e.articleList.length ? h('p', { class: 'muted' }, `The first ${number(e.articleList.length)} of ${number(e.articleTotal)}, by date.`) : null,
        h(
          'table',
          { class: 'articles', 'aria-labelledby': 'entity-articles' },
          h(
            'thead',
            null,
            h('tr', null, h('th', { scope: 'col' }, 'Title'), h('th', { scope: 'col' }, 'Outlet'), h('th', { scope: 'col' }, 'Published'), h('th', { scope: 'col', class: 'num' }, 'Mentions')),
          ),
          h(
            'tbody',
            null,
            ...e.articleList.map((a) =>
              h(
                'tr',
                { key: a.id },
                h('td', null, h('a', { href: spanHref(a.id, a.start, a.end), title: 'Open at the first mention' }, titleText(a.title))),
                h('td', null, a.outlet ?? '—'),
                h('td', { class: 'date' }, dateText(a.published)),
                h('td', { class: 'num' }, number(a.mentions)),
              ),
            ),
          ),
        ),
        h('h2', null, 'Claims'),
        e.claimTotal > e.claims.length
          ? h('p', { class: 'muted' }, `The first ${number(e.claims.length)} of ${number(e.claimTotal)}; `, h('a', { href: `/claims${query({ by: e.name })}` }, 'all claims by this name'), '.')
          : null,
        e.claims.length > 0 ? h(ClaimTable, { items: e.claims }) : h('p', { class: 'muted' }, 'No claim is attributed to this name.'),
      ),
      h(
        'aside',
        null,
        h('h2', null, 'Aliases'),
        h('ul', { class: 'aliases' }, ...e.aliases.map((a) => h('li', { key: a.text }, a.text, h('span', { class: 'muted' }, ` (${number(a.mentions)})`)))),
        h('h2', null, 'Roles'),
        roles.size > 0
          ? h(
              'ul',
              { class: 'roles' },
              ...[...roles].map(([role, places]) =>
                h(
                  'li',
                  { key: role },
                  role,
                  ' ',
                  ...places.map((p, i) =>
                    h('a', { href: spanHref(p.article.id, p.start, p.end), title: `${p.article.outlet ?? ''} ${titleText(p.article.title)}`.trim(), class: 'cite' }, `[${i + 1}]`),
                  ),
                ),
              ),
            )
          : h('p', { class: 'muted' }, 'No role stated beside this name.'),
        h('h2', null, 'Seen with'),
        h(
          'ul',
          { class: 'cooccurring' },
          ...e.cooccurring.map((o) =>
            h(
              'li',
              { key: o.key },
              h('a', { href: entityHref(o.key) }, o.name),
              ' ',
              h('span', { class: `tag entity-${o.type}` }, o.type),
              h('span', { class: 'muted' }, ` ${o.shared === 1 ? '1 article' : `${number(o.shared)} articles`}`),
            ),
          ),
        ),
      ),
    ),
  );
}
