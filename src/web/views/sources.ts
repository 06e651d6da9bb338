/// <reference lib="dom" />
/**
 * Sources: the outlets of the pile with their article counts, languages and date range, and who copies or cites
 * whom — drawn as a ring of outlets with arrows from the copier (or citer) to the outlet it takes from, and listed
 * as a table whose rows open an example of each relation.
 */
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { type OutletEdges, query, type SourceEdge, type Sources as SourcesPage } from '../api.ts';
import { dateText, ErrorNote, Loading, number, Pager, spanHref, Title, useApi, useLocation } from '../ui.ts';

const size = 520;
const ring = 190;
const palette = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442'];

export function Sources() {
  const loc = useLocation();
  const offset = Number(loc.params.get('offset') ?? 0) || 0;
  const outlet = loc.params.get('outlet');
  const page = useApi<SourcesPage>(outlet ? null : `/api/sources${query({ offset })}`);
  if (outlet) return h(OutletEdgeList, { outlet, offset });
  return h(
    'section',
    { class: 'sources' },
    h(Title, null, 'Sources'),
    h('p', { class: 'muted' }, 'The outlets in the store, and who copies or cites whom: an arrow runs from the outlet that copies or cites to the one it takes from.'),
    page.error ? h(ErrorNote, { error: page.error }) : null,
    page.data
      ? page.data.total === 0
        ? h('p', null, 'No article in this store names its outlet.')
        : h(
            'div',
            { class: page.loading ? 'stale' : '' },
            h(OutletTable, { page: page.data }),
            h(Pager, { ...page.data, label: 'Outlet' }),
            h('h2', { id: 'source-edges' }, 'Who copies or cites whom'),
            h(
              'p',
              { class: 'muted' },
              page.data.edges.length < page.data.edgeTotal
                ? `The strongest ${number(page.data.edges.length)} of the ${number(page.data.edgeTotal)} relations of these outlets (at most ${page.data.edgesPerOutlet} each); an outlet's count of relations opens them all.`
                : `The ${number(page.data.edgeTotal)} relations of these outlets.`,
            ),
            h('div', { class: 'sources-body' }, h(Ring, { page: page.data }), h(EdgeTable, { edges: page.data.edges })),
          )
      : page.loading
        ? h(Loading, null)
        : null,
  );
}

function OutletTable(props: { page: SourcesPage }) {
  const { page } = props;
  return h(
    'table',
    { class: 'outlets' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'Outlet'),
        h('th', { scope: 'col', class: 'num' }, 'Articles'),
        h('th', { scope: 'col' }, 'Languages'),
        h('th', { scope: 'col' }, 'First'),
        h('th', { scope: 'col' }, 'Last'),
        h('th', { scope: 'col', class: 'num', title: 'Its articles that copy another outlet' }, 'Copies'),
        h('th', { scope: 'col', class: 'num', title: 'Its articles that other outlets copy' }, 'Copied'),
        h('th', { scope: 'col', class: 'num', title: 'Citations of other outlets in the store' }, 'Cites'),
        h('th', { scope: 'col', class: 'num', title: 'Outlets it copies or cites, or is copied or cited by' }, 'Relations'),
      ),
    ),
    h(
      'tbody',
      null,
      ...page.items.map((o) =>
        h(
          'tr',
          { key: o.outlet },
          h(
            'th',
            { scope: 'row' },
            h('a', { href: `/articles${query({ outlet: o.outlet })}` }, o.outlet),
            o.citesOutside.length > 0
              ? h(
                  'div',
                  { class: 'muted outside' },
                  'also cites ',
                  o.citesOutside
                    .slice(0, 3)
                    .map((c) => c.name)
                    .join(', '),
                )
              : null,
          ),
          h('td', { class: 'num' }, number(o.articles)),
          h('td', null, o.languages.join(', ')),
          h('td', { class: 'date' }, dateText(o.earliest)),
          h('td', { class: 'date' }, dateText(o.latest)),
          h('td', { class: 'num' }, o.copiesMade ? number(o.copiesMade) : '—'),
          h('td', { class: 'num' }, o.copiedBy ? number(o.copiedBy) : '—'),
          h('td', { class: 'num' }, o.citationsMade ? number(o.citationsMade) : '—'),
          h('td', { class: 'num' }, o.edges ? h('a', { href: `/sources${query({ outlet: o.outlet })}`, title: `Every relation of ${o.outlet}` }, number(o.edges)) : '—'),
        ),
      ),
      page.unknownOutlet > 0 ? h('tr', { class: 'muted' }, h('th', { scope: 'row' }, '(unknown outlet)'), h('td', { class: 'num' }, number(page.unknownOutlet)), h('td', { colSpan: 7 })) : null,
    ),
  );
}

/** The outlets on a ring, most articles at the top, clockwise; arrows for the edges between two of them. */
function Ring(props: { page: SourcesPage }) {
  const [focus, setFocus] = useState<string | null>(null);
  const outlets = props.page.items.slice(0, 24).map((o) => o.outlet);
  const at = new Map(
    outlets.map((name, i) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * i) / outlets.length;
      return [name, { x: size / 2 + ring * Math.cos(angle), y: size / 2 + ring * Math.sin(angle), angle }];
    }),
  );
  const edges = props.page.edges.filter((e) => e.from !== e.to && at.has(e.from) && at.has(e.to));
  const max = Math.max(1, ...edges.map((e) => e.syndicated + e.repost + e.citations));
  return h(
    'figure',
    { class: 'ring' },
    h(
      'svg',
      { viewBox: `-90 0 ${size + 180} ${size}`, role: 'img', 'aria-labelledby': 'ring-caption' },
      h(
        'defs',
        null,
        h(
          'marker',
          { id: 'ring-arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
          h('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#4b5366' }),
        ),
      ),
      ...edges.map((e) => {
        const a = at.get(e.from)!;
        const b = at.get(e.to)!;
        // A slight curve keeps A→B and B→A apart; the arrow stops short of the target's dot.
        const mx = (a.x + b.x) / 2 + (b.y - a.y) * 0.12;
        const my = (a.y + b.y) / 2 - (b.x - a.x) * 0.12;
        const d = Math.hypot(b.x - mx, b.y - my) || 1;
        const ex = b.x - ((b.x - mx) * 9) / d;
        const ey = b.y - ((b.y - my) * 9) / d;
        const copies = e.syndicated + e.repost;
        const lit = focus === e.from || focus === e.to;
        return h('path', {
          key: `${e.from}>${e.to}`,
          d: `M${a.x},${a.y} Q${mx},${my} ${ex},${ey}`,
          class: `${copies > 0 ? 'copy' : 'cite'}${lit ? ' lit' : ''}`,
          'stroke-width': 1.5 + 4 * Math.sqrt((copies + e.citations) / max),
          'marker-end': 'url(#ring-arrow)',
        });
      }),
      ...outlets.map((name, i) => {
        const p = at.get(name)!;
        const right = Math.cos(p.angle) >= -0.01;
        return h(
          'g',
          { key: name, class: focus === name ? 'outlet lit' : 'outlet', onMouseEnter: () => setFocus(name), onMouseLeave: () => setFocus(null) },
          h('circle', { cx: p.x, cy: p.y, r: 7, fill: palette[i % palette.length] }),
          h('text', { x: p.x + (right ? 11 : -11), y: p.y + 4, 'text-anchor': right ? 'start' : 'end' }, name),
        );
      }),
    ),
    h(
      'figcaption',
      { id: 'ring-caption', class: 'muted' },
      edges.length > 0 ? `${edges.length} relations between outlets: solid for copies, dashed for citations.` : 'No outlet copies or cites another here.',
    ),
  );
}

/** Every relation of one outlet, strongest first, a page at a time (`/sources?outlet=…`). */
function OutletEdgeList(props: { outlet: string; offset: number }) {
  const page = useApi<OutletEdges>(`/api/sources/edges${query({ outlet: props.outlet, offset: props.offset })}`);
  return h(
    'section',
    { class: 'sources' },
    h(Title, null, `Relations of ${props.outlet}`),
    h('p', { class: 'muted' }, 'Whom this outlet copies or cites, and who copies or cites it, strongest first. ', h('a', { href: '/sources' }, 'All outlets')),
    page.error ? h(ErrorNote, { error: page.error }) : null,
    page.data
      ? h('div', { class: page.loading ? 'stale' : '' }, h(EdgeTable, { edges: page.data.items, label: `Relations of ${props.outlet}` }), h(Pager, { ...page.data, label: 'Relation' }))
      : page.loading
        ? h(Loading, null)
        : null,
  );
}

function EdgeTable(props: { edges: SourceEdge[]; label?: string }) {
  if (props.edges.length === 0) return h('p', { class: 'muted' }, 'No outlet copies or cites another here.');
  return h(
    'table',
    { class: 'source-edges', ...(props.label ? { 'aria-label': props.label } : { 'aria-labelledby': 'source-edges' }) },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'From'),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'takes from')),
        h('th', { scope: 'col' }, 'To'),
        h('th', { scope: 'col', class: 'num' }, 'Syndicated'),
        h('th', { scope: 'col', class: 'num' }, 'Reposts'),
        h('th', { scope: 'col', class: 'num' }, 'Citations'),
        h('th', { scope: 'col' }, 'Example'),
      ),
    ),
    h(
      'tbody',
      null,
      ...props.edges.map((e) =>
        h(
          'tr',
          { key: `${e.from}>${e.to}` },
          h('td', null, e.from),
          h('td', { class: 'arrow', 'aria-hidden': 'true' }, e.from === e.to ? '↻' : '→'),
          h('td', null, e.from === e.to ? `${e.to} (itself)` : e.to),
          h('td', { class: 'num' }, e.syndicated ? number(e.syndicated) : '—'),
          h('td', { class: 'num' }, e.repost ? number(e.repost) : '—'),
          h('td', { class: 'num' }, e.citations ? number(e.citations) : '—'),
          h(
            'td',
            null,
            e.copyExample ? h('a', { href: `/articles/${encodeURIComponent(e.copyExample.copy)}` }, 'the copy') : null,
            e.copyExample ? ' of ' : null,
            e.copyExample ? h('a', { href: `/articles/${encodeURIComponent(e.copyExample.original)}` }, 'its original') : null,
            e.copyExample && e.citationExample ? ' · ' : null,
            e.citationExample ? h('a', { href: spanHref(e.citationExample.article, e.citationExample.start, e.citationExample.end) }, 'the citation') : null,
          ),
        ),
      ),
    ),
  );
}
