/** Search results: ranked hits with their snippets, the matched words marked, paged on the server. */
import { h } from 'preact';
import { type Page, query, type SearchHit } from '../api.ts';
import { snippetMarks } from '../highlight.ts';
import { dateText, ErrorNote, Loading, number, Pager, Title, titleText, useApi, useLocation } from '../ui.ts';

const pageSize = 20;

export function Search() {
  const loc = useLocation();
  const q = loc.params.get('q')?.trim() ?? '';
  const offset = Number(loc.params.get('offset') ?? 0) || 0;
  const page = useApi<Page<SearchHit>>(q ? `/api/search${query({ q, limit: pageSize, offset })}` : null);
  if (!q) {
    return h(
      'section',
      null,
      h(Title, null, 'Search'),
      h('p', null, 'Type in the search box above (press ', h('kbd', null, '/'), ' to get there). Words match without accents: Junin finds Junín.'),
      h('p', { class: 'muted' }, '"exact phrase" · -exclude · a OR b · prefix*'),
    );
  }
  return h(
    'section',
    null,
    h(Title, null, 'Search: ', h('q', null, q)),
    page.error ? h(ErrorNote, { error: page.error }) : null,
    page.data
      ? h(
          'div',
          { class: page.loading ? 'stale' : '' },
          h('p', { class: 'muted', 'aria-live': 'polite' }, page.data.total === 1 ? '1 article' : `${number(page.data.total)} articles`),
          h('ol', { class: 'hits', start: offset + 1 }, ...page.data.items.map((hit) => h(Hit, { hit, q, key: hit.article.id }))),
          h(Pager, { ...page.data, label: 'Result' }),
        )
      : page.loading
        ? h(Loading, null)
        : null,
  );
}

function Hit(props: { hit: SearchHit; q: string }) {
  const { article, snippet, highlights } = props.hit;
  const parts: (string | ReturnType<typeof h>)[] = [];
  let at = 0;
  for (const { start, end } of snippetMarks(snippet, highlights, props.q)) {
    if (start < at) continue;
    parts.push(snippet.slice(at, start), h('mark', null, snippet.slice(start, end)));
    at = end;
  }
  parts.push(snippet.slice(at));
  return h(
    'li',
    { class: 'hit' },
    h('a', { href: `/articles/${article.id}${query({ q: props.q })}`, class: 'hit-title' }, titleText(article.meta.title)),
    h('div', { class: 'muted' }, [article.meta.outlet, dateText(article.meta.published), article.meta.language].filter(Boolean).join(' · ')),
    h('p', { class: 'snippet' }, ...parts),
  );
}
