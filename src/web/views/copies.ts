/// <reference lib="dom" />
/** Copies: articles republished by another outlet (syndicated) or carried again (repost), and repeated paragraphs (pull quotes). */
import { h } from 'preact';
import { type ArticleRef, type CopyRow, type Page, query } from '../api.ts';
import { dateText, ErrorNote, Loading, Pager, spanHref, Title, titleText, useApi, useLocation } from '../ui.ts';

const kinds: Record<CopyRow['kind'], string> = {
  syndicated: 'another outlet republished it',
  repost: 'the same outlet’s article carried again',
  'pull-quote': 'a paragraph repeated',
};

export function Copies() {
  const loc = useLocation();
  const offset = Number(loc.params.get('offset') ?? 0) || 0;
  const page = useApi<Page<CopyRow>>(`/api/copies${query({ offset })}`);
  const cell = (ref: ArticleRef, span?: { start: number; end: number }) =>
    h(
      'td',
      null,
      h('a', { href: span ? spanHref(ref.id, span.start, span.end) : `/articles/${encodeURIComponent(ref.id)}` }, titleText(ref.title)),
      h('div', { class: 'muted' }, `${ref.outlet ?? '(unknown outlet)'} · ${dateText(ref.published)}`),
    );
  return h(
    'section',
    null,
    h(Title, null, 'Copies'),
    h('p', { class: 'muted' }, 'Articles that repeat others, each copy with the article it most likely copies (the earlier one, else the one it cites) and how much of the wording they share.'),
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
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Copy'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'copies')), h('th', { scope: 'col' }, 'Original'), h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col', class: 'num' }, 'Similarity'))),
              h(
                'tbody',
                null,
                ...page.data.items.map((c, i) =>
                  h(
                    'tr',
                    { key: i },
                    cell(c.copy, c.copySpan),
                    h('td', { 'aria-hidden': 'true', class: 'arrow' }, '→'),
                    cell(c.original, c.originalSpan),
                    h('td', null, h('span', { class: `badge kind-${c.kind}`, title: kinds[c.kind] }, c.kind)),
                    h('td', { class: 'num' }, `${Math.round(c.similarity * 100)}%`),
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
