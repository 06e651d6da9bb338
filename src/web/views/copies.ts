/// <reference lib="dom" />
/** Copies: articles republished by another outlet (syndicated) or carried again (repost), in whole or in part, in their language or translated, with the facts each copy changed. */
import { type ComponentChildren, h } from 'preact';
import { type ArticleRef, type CopyRow, type Page, query } from '../api.ts';
import { dateText, ErrorNote, Loading, Pager, spanHref, Title, titleText, useApi, useLocation } from '../ui.ts';

const kinds: Record<CopyRow['kind'], string> = {
  syndicated: 'another outlet republished it',
  repost: 'the same outlet’s article carried again',
};

/** How much of the original the copy carries: shared paragraphs and the share of the copy they make ("3 ¶ · 80% of the copy"). */
function sharedText(c: CopyRow): string {
  if (!c.extent || c.extent.length === 0) return '';
  return `${c.extent.length} ¶${c.coverage !== undefined ? ` · ${Math.round(c.coverage * 100)}% of the copy` : ''}`;
}

/** The facts the copy changed, each linking to where the copy says it. */
function changesList(c: CopyRow) {
  const changes = c.changes ?? [];
  if (changes.length === 0) return null;
  return h(
    'ul',
    { class: 'copy-changes' },
    ...changes.map((x, i) =>
      h('li', { key: i }, h('a', { href: spanHref(c.copy.id, x.copy.start, x.copy.end) }, x.note), ' ', h('span', { class: 'muted' }, `(${x.original.text} → ${x.copy.text})`)),
    ),
  );
}

export function Copies() {
  const loc = useLocation();
  const offset = Number(loc.params.get('offset') ?? 0) || 0;
  const page = useApi<Page<CopyRow>>(`/api/copies${query({ offset })}`);
  const cell = (ref: ArticleRef, extra: ComponentChildren = null) =>
    h(
      'td',
      null,
      h('a', { href: `/articles/${encodeURIComponent(ref.id)}` }, titleText(ref.title)),
      h('div', { class: 'muted' }, `${ref.outlet ?? '(unknown outlet)'} · ${dateText(ref.published)}`),
      extra,
    );
  return h(
    'section',
    null,
    h(Title, null, 'Copies'),
    h('p', { class: 'muted' }, 'Articles that repeat others, in whole or in part and in either language, each copy with the article it most likely copies (the earlier one, else the one it cites), how much they share and the facts the copy changed.'),
    page.error ? h(ErrorNote, { error: page.error }) : null,
    page.data
      ? page.data.total === 0
        ? h('p', null, 'No copies found.')
        : h(
            'div',
            { class: page.loading ? 'stale' : '' },
            h(
              'table',
              { class: 'copies' },
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Copy'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'copies')), h('th', { scope: 'col' }, 'Original'), h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col', class: 'num' }, 'Similarity'), h('th', { scope: 'col' }, 'Shared'))),
              h(
                'tbody',
                null,
                ...page.data.items.map((c, i) =>
                  h(
                    'tr',
                    { key: i },
                    cell(c.copy, changesList(c)),
                    h('td', { 'aria-hidden': 'true', class: 'arrow' }, '→'),
                    cell(c.original),
                    h(
                      'td',
                      null,
                      h('span', { class: `badge kind-${c.kind}`, title: kinds[c.kind] ?? c.kind }, c.kind),
                      c.translated ? [' ', h('span', { class: 'badge kind-translated', title: 'the copy is in another language than its original' }, 'translated')] : null,
                    ),
                    c.translated ? h('td', { class: 'num', title: 'a translation shares no wording with its original' }, '—') : h('td', { class: 'num' }, `${Math.round(c.similarity * 100)}%`),
                    h('td', null, sharedText(c)),
                  ),
                ),
              ),
            ),
            h(Pager, { ...page.data, label: 'Copy' }),
          )
      : page.loading
        ? h(Loading, null)
        : null,
  );
}
