/// <reference lib="dom" />
/**
 * The document viewer: metadata, and the clean text with its annotation layers highlighted (timexes with their
 * normalized value, entities when the store has them, search matches). `#start-end` in the URL marks and scrolls to
 * exactly those characters; every date in the side list is such a link. The text is rendered as text only.
 */
import { type ComponentChild, h } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, type Article, type Source } from '../api.ts';
import { findTerms, type Mark, parseFragment, queryTerms, segment, toRawOffset } from '../highlight.ts';
import { dateText, ErrorNote, Loading, number, Title, titleText, useApi, useLocation } from '../ui.ts';

export function Viewer(props: { id: string }) {
  const loc = useLocation();
  const q = loc.params.get('q') ?? '';
  const loaded = useApi<Article>(`/api/articles/${encodeURIComponent(props.id)}?layers=timexes,entities`);
  const [show, setShow] = useState({ timexes: true, entities: true, hits: true });
  const article = loaded.data;
  const fragment = article ? parseFragment(loc.hash, article.text.length) : null;
  const hits = useMemo(() => (article && q ? findTerms(article.text, queryTerms(q)) : []), [article, q]);
  const textRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const target = textRef.current?.querySelector(fragment ? '.fragment' : '.hit');
    target?.scrollIntoView({ block: 'center' });
  }, [article, loc.hash, hits]);

  if (loaded.error) return h('section', null, h(Title, null, 'Article'), h(ErrorNote, { error: loaded.error }));
  if (!article) return h(Loading, null);

  const timexes = article.layers.timexes ?? [];
  const entities = article.layers.entities ?? [];
  const marks: Mark[] = [];
  if (show.timexes) for (const t of timexes) marks.push({ start: t.start, end: t.end, kind: 'timex', label: timexLabel(t) });
  if (show.entities) for (const e of entities) marks.push({ start: e.start, end: e.end, kind: `entity entity-${e.type}`, label: e.type });
  if (show.hits) for (const s of hits) marks.push({ ...s, kind: 'hit', label: 'search match' });
  if (fragment) marks.push({ ...fragment, kind: 'fragment', label: `characters ${fragment.start}–${fragment.end}` });

  const toggle = (key: keyof typeof show, label: string, count: number) =>
    count > 0
      ? h('label', { class: `toggle toggle-${key}` }, h('input', { type: 'checkbox', checked: show[key], onChange: () => setShow({ ...show, [key]: !show[key] }) }), ` ${label} (${number(count)})`)
      : null;

  return h(
    'article',
    { class: 'viewer' },
    h(Title, null, titleText(article.meta.title)),
    h(Metadata, { article }),
    h(
      'div',
      { class: 'viewer-body' },
      h(
        'div',
        { class: 'viewer-main' },
        h(
          'div',
          { class: 'layer-toggles', role: 'group', 'aria-label': 'Highlights' },
          toggle('timexes', 'dates', timexes.length),
          toggle('entities', 'entities', entities.length),
          toggle('hits', 'search matches', hits.length),
        ),
        h('div', { class: 'doc-text', ref: textRef, lang: article.meta.language === 'und' ? undefined : article.meta.language }, ...renderText(article.text, marks)),
      ),
      h(
        'aside',
        { class: 'viewer-side' },
        timexes.length > 0
          ? h(
              'section',
              null,
              h('h2', null, 'Dates'),
              h('ul', { class: 'spans' }, ...timexes.map((t) => h('li', null, h('a', { href: `#${t.start}-${t.end}`, title: timexLabel(t) }, t.text), ' ', h('code', null, t.value)))),
            )
          : null,
        entities.length > 0
          ? h(
              'section',
              null,
              h('h2', null, 'Entities'),
              h('ul', { class: 'spans' }, ...entities.map((e) => h('li', null, h('a', { href: `#${e.start}-${e.end}` }, e.text), ' ', h('span', { class: `tag entity-${e.type}` }, e.type)))),
            )
          : null,
        article.messages.length > 0
          ? h(
              'section',
              null,
              h('h2', null, 'Notes'),
              h('ul', { class: 'messages' }, ...article.messages.map((m) => h('li', null, h('a', { href: `#${m.start}-${Math.max(m.end, m.start + 1)}` }, m.rule), ': ', m.reason))),
            )
          : null,
      ),
    ),
    h(Original, { id: article.id, fragment }),
  );
}

function timexLabel(t: { type: string; value: string; mod?: string; anchored?: boolean }): string {
  return `${t.type} ${t.value}${t.mod ? ` (${t.mod})` : ''}${t.anchored ? ' · resolved from context' : ''}`;
}

/** The text cut at every mark edge; marked stretches become spans with classes and a tooltip. */
function renderText(text: string, marks: Mark[]): ComponentChild[] {
  let fragmentSeen = false;
  return segment(text.length, marks).map((s) => {
    const piece = text.slice(s.start, s.end);
    if (s.marks.length === 0) return piece;
    const classes = s.marks.map((m) => m.kind).join(' ');
    const isFragment = s.marks.some((m) => m.kind === 'fragment');
    const id = isFragment && !fragmentSeen ? 'fragment' : undefined;
    if (isFragment) fragmentSeen = true;
    return h(
      'span',
      {
        class: classes,
        title: s.marks
          .map((m) => m.label)
          .filter(Boolean)
          .join(' · '),
        'data-start': s.start,
        id,
      },
      piece,
    );
  });
}

function Metadata(props: { article: Article }) {
  const { meta } = props.article;
  const rows: [string, ComponentChild][] = [
    ['Outlet', meta.outlet],
    ['Via', meta.via],
    ['Authors', meta.authors.join('; ') || null],
    ['Translator', meta.translator],
    ['Published', meta.published ? dateText(meta.published) : null],
    ['Dateline', meta.datelinePlace],
    ['Language', meta.language],
    ['Source', meta.partCount > 1 ? `${meta.source} (part ${meta.partIndex + 1} of ${meta.partCount})` : meta.source],
    [
      'URL',
      meta.canonicalUrl && /^https?:\/\//i.test(meta.canonicalUrl) ? h('a', { href: meta.canonicalUrl, rel: 'noopener noreferrer nofollow', target: '_blank' }, meta.canonicalUrl) : meta.canonicalUrl,
    ],
    ['Length', `${number(props.article.text.length)} characters`],
  ];
  return h('dl', { class: 'meta' }, ...rows.filter(([, value]) => value).flatMap(([key, value]) => [h('dt', null, key), h('dd', null, value)]));
}

/** The raw item, fetched on demand; the selected characters are marked there too through the source map. */
function Original(props: { id: string; fragment: { start: number; end: number } | null }) {
  const [source, setSource] = useState<Source | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [open, setOpen] = useState(false);
  const rawRef = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (!open || source) return;
    api<Source>(`/api/articles/${encodeURIComponent(props.id)}/source`).then(setSource, setError);
  }, [open]);
  useEffect(() => {
    rawRef.current?.querySelector('.fragment')?.scrollIntoView({ block: 'center' });
  }, [source, props.fragment]);

  let body: ComponentChild = null;
  if (open && error) body = h(ErrorNote, { error });
  else if (open && !source) body = h(Loading, null);
  else if (open && source) {
    const f = props.fragment;
    const start = f ? Math.min(toRawOffset(source.sourceMap, f.start), source.raw.length) : -1;
    const end = f ? Math.min(Math.max(toRawOffset(source.sourceMap, f.end - 1) + 1, start), source.raw.length) : -1;
    body = h(
      'div',
      null,
      h('p', { class: 'muted' }, `${source.kind} · ${source.locator}`),
      h('pre', { class: 'raw', ref: rawRef, tabIndex: 0 }, ...(f ? [source.raw.slice(0, start), h('span', { class: 'fragment' }, source.raw.slice(start, end)), source.raw.slice(end)] : [source.raw])),
    );
  }
  return h('section', { class: 'original' }, h('button', { type: 'button', 'aria-expanded': open, onClick: () => setOpen(!open) }, open ? 'Hide the original' : 'Show the original'), body);
}
