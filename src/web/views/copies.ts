/// <reference lib="dom" />
/**
 * Copies: articles republished by another outlet (syndicated) or carried again (repost), in whole or in part, in their
 * language or translated, with the facts each copy changed; `?copy=…&original=…` shows one pair side by side.
 */
import { type ComponentChildren, h } from 'preact';
import { useState } from 'preact/hooks';
import { type ArticleRef, type CopyListRow, type CopyPage, type CopyPair, type CopyRow, query } from '../api.ts';
import { type PairSide, pairRows } from '../copy-pair.ts';
import { dateText, ErrorNote, Loading, Pager, spanHref, Title, titleText, useApi, useLocation } from '../ui.ts';

const kinds: Record<CopyRow['kind'], string> = {
  syndicated: 'another outlet republished it',
  repost: 'the same outlet’s article carried again',
};

/** How much of the original the copy carries: shared paragraphs and the share of the copy they make ("3 ¶ · 80% of the copy"). */
function sharedText(c: Pick<CopyRow, 'coverage'>, paragraphs: number): string {
  if (paragraphs === 0) return '';
  return `${paragraphs} ¶${c.coverage !== undefined ? ` · ${Math.round(c.coverage * 100)}% of the copy` : ''}`;
}

/**
 * A list row's changed facts: the first one's note and how many, opened on demand. The list carries counts only; the
 * changes come with the pair (`/api/copies/{copy}/{original}`), asked for when the row is opened.
 */
function RowChanges(props: { row: CopyListRow }) {
  const { row } = props;
  const [open, setOpen] = useState(false);
  const pair = useApi<CopyPair>(open ? `/api/copies/${encodeURIComponent(row.copy.id)}/${encodeURIComponent(row.original.id)}` : null);
  if (row.changeCount === 0) return null;
  const label = `${row.changeCount === 1 ? '1 fact changed' : `${row.changeCount} facts changed`}: ${row.firstChange ?? ''}`;
  return h(
    'details',
    { class: 'row-changes', onToggle: (e: Event) => setOpen((e.currentTarget as HTMLDetailsElement).open) },
    h('summary', null, label),
    pair.error ? h(ErrorNote, { error: pair.error }) : pair.data ? changesList(pair.data.link) : open ? h(Loading, null) : null,
  );
}

/** The facts the copy changed, each linking to where the copy says it. */
function changesList(c: CopyRow) {
  const changes = c.changes ?? [];
  if (changes.length === 0) return null;
  return h(
    'ul',
    { class: 'copy-changes' },
    ...changes.map((x, i) => h('li', { key: i }, h('a', { href: spanHref(c.copy.id, x.copy.start, x.copy.end) }, x.note), ' ', h('span', { class: 'muted' }, `(${x.original.text} → ${x.copy.text})`))),
  );
}

/** The pair view's address: the copies page with the pair named in its query. */
export function pairHref(c: { copy: { id: string }; original: { id: string } }): string {
  return `/copies${query({ copy: c.copy.id, original: c.original.id })}`;
}

export function Copies() {
  const loc = useLocation();
  const pair = { copy: loc.params.get('copy'), original: loc.params.get('original') };
  if (pair.copy && pair.original) return h(PairView, { copy: pair.copy, original: pair.original });
  const offset = Number(loc.params.get('offset') ?? 0) || 0;
  const page = useApi<CopyPage>(`/api/copies${query({ offset })}`);
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
    h(
      'p',
      { class: 'muted' },
      'Articles that repeat others, in whole or in part and in either language, each copy with the article it most likely copies (the earlier one, else the one it cites), how much they share and the facts the copy changed.',
    ),
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
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', { scope: 'col' }, 'Copy'),
                  h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'copies')),
                  h('th', { scope: 'col' }, 'Original'),
                  h('th', { scope: 'col' }, 'Kind'),
                  h('th', { scope: 'col', class: 'num' }, 'Similarity'),
                  h('th', { scope: 'col' }, 'Shared'),
                ),
              ),
              h(
                'tbody',
                null,
                ...page.data.items.map((c) =>
                  h(
                    'tr',
                    { key: `${c.copy.id}:${c.original.id}` },
                    cell(c.copy, h(RowChanges, { row: c })),
                    h('td', { 'aria-hidden': 'true', class: 'arrow' }, '→'),
                    cell(c.original),
                    h(
                      'td',
                      null,
                      h('span', { class: `badge kind-${c.kind}`, title: kinds[c.kind] ?? c.kind }, c.kind),
                      c.translated ? [' ', h('span', { class: 'badge kind-translated', title: 'the copy is in another language than its original' }, 'translated')] : null,
                    ),
                    c.translated ? h('td', { class: 'num', title: 'a translation shares no wording with its original' }, '—') : h('td', { class: 'num' }, `${Math.round(c.similarity * 100)}%`),
                    h('td', null, sharedText(c, c.paragraphs ?? 0), (c.paragraphs ?? 0) > 0 ? h('div', null, h('a', { href: pairHref(c) }, 'side by side')) : null),
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

/** One side's text: plain runs as text (escaped by preact), changed facts marked with their note. */
function sideText(s: PairSide | null, article: { id: string; language: string }) {
  if (!s) return h('td', { class: 'pair-empty' }, h('span', { class: 'visually-hidden' }, 'not in this article'));
  return h(
    'td',
    { lang: article.language },
    h('div', { class: 'pair-text' }, ...s.runs.map((r, i) => (r.change ? h('mark', { key: i, class: 'changed', title: r.change }, r.text) : r.text))),
    h('a', { class: 'muted pair-open', href: spanHref(article.id, s.start, s.end), title: 'Open the article at this passage' }, 'open'),
  );
}

/** A copy and its original side by side: shared paragraphs on one row, what only one has on rows of its own, changed facts marked. */
function PairView(props: { copy: string; original: string }) {
  const answer = useApi<CopyPair>(`/api/copies/${encodeURIComponent(props.copy)}/${encodeURIComponent(props.original)}`);
  if (answer.error) return h('section', null, h(Title, null, 'Copy side by side'), h(ErrorNote, { error: answer.error }));
  if (!answer.data) return h(Loading, null);
  const { link, copy, original } = answer.data;
  const rows = pairRows(original.text, copy.text, link);
  const head = (ref: CopyPair['copy'], role: string) =>
    h(
      'th',
      { scope: 'col', lang: ref.language },
      h('div', { class: 'muted' }, role),
      h('a', { href: `/articles/${encodeURIComponent(ref.id)}` }, titleText(ref.title)),
      h('div', { class: 'muted' }, `${ref.outlet ?? '(unknown outlet)'} · ${dateText(ref.published)}`),
    );
  return h(
    'section',
    { class: 'copy-pair' },
    h(Title, null, 'Copy side by side'),
    h(
      'p',
      { class: 'muted' },
      `${link.kind}${link.translated ? ', translated' : ''} · ${sharedText(link, link.extent?.length ?? 0) || 'no paragraph alignment stored'}. Shared paragraphs sit on one row; a paragraph only one of them has sits alone; a changed fact is marked.`,
      ' ',
      h('a', { href: '/copies' }, 'All copies'),
    ),
    link.evidence && link.evidence.length > 0 ? h('p', { class: 'muted' }, `Original taken for the original because: ${link.evidence.join('; ')}.`) : null,
    changesList(link),
    h(
      'table',
      { class: 'pair' },
      h('thead', null, h('tr', null, head(original, 'Original'), head(copy, 'Copy'))),
      h(
        'tbody',
        null,
        ...rows.map((r, i) =>
          h(
            'tr',
            { key: i, class: r.shared ? 'shared' : 'alone', title: r.shared ? `shared paragraph${r.score !== undefined ? `, ${Math.round(r.score * 100)}% alike` : ''}` : undefined },
            sideText(r.original, original),
            sideText(r.copy, copy),
          ),
        ),
      ),
    ),
  );
}
