/// <reference lib="dom" />
/**
 * The entity network: the most-mentioned entities as nodes, linked when they are named in the same sentence or
 * article, or when one's claims mention the other. Drawn as SVG with a force layout computed here (layout.ts).
 * Every node is a link: Tab walks the nodes from the most mentioned, Enter opens the entity page; focusing or
 * hovering a node lights up its neighbours. The strongest links are also listed as a table.
 */
import { h } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { type EntityGraph, type GraphEdge, query } from '../api.ts';
import { forceLayout } from '../layout.ts';
import { entityHref, ErrorNote, Loading, navigate, number, Title, useApi, useLocation, withParams } from '../ui.ts';

const links: [string, string][] = [
  ['sentence', 'Same sentence'],
  ['article', 'Same article'],
  ['quote', 'Claims about'],
];
const sizes = ['20', '40', '80', '150'];
const types: [string, string][] = [
  ['', 'any type'],
  ['PER', 'people'],
  ['ORG', 'organizations'],
  ['LOC', 'places'],
  ['MISC', 'other'],
];
const width = 960;
const height = 600;
const typeColour: Record<string, string> = { PER: '#3b6fd4', ORG: '#8a4fd1', LOC: '#14907f', MISC: '#7a7f8c' };
const what: Record<string, string> = { sentence: 'sentences naming both', article: 'articles naming both', quote: 'claims by the first naming the second' };

export function Graph() {
  const loc = useLocation();
  const link = loc.params.get('link') ?? 'sentence';
  const type = loc.params.get('type') ?? '';
  const limit = loc.params.get('limit') ?? '40';
  const loaded = useApi<EntityGraph>(`/api/graph${query({ link, type, limit })}`);
  return h(
    'section',
    { class: 'graph-view' },
    h(Title, null, 'Entity network'),
    h(
      'p',
      { class: 'muted' },
      'The entities named in the most articles, linked when they are named together or when one’s claims name the other. Tab moves through the nodes (most mentioned first); Enter opens the entity.',
    ),
    h(
      'div',
      { class: 'graph-controls' },
      h(
        'nav',
        { class: 'tabs', 'aria-label': 'Links' },
        ...links.map(([value, label]) => h('a', { href: withParams(loc, { link: value === 'sentence' ? null : value }), 'aria-current': value === link ? 'page' : undefined }, label)),
      ),
      h(
        'label',
        null,
        'Type ',
        h(
          'select',
          { value: type, onChange: (e: Event) => navigate(withParams(loc, { type: (e.target as HTMLSelectElement).value })) },
          ...types.map(([value, label]) => h('option', { value }, label)),
        ),
      ),
      h(
        'label',
        null,
        'Entities ',
        h(
          'select',
          { value: limit, onChange: (e: Event) => navigate(withParams(loc, { limit: (e.target as HTMLSelectElement).value === '40' ? null : (e.target as HTMLSelectElement).value })) },
          ...sizes.map((n) => h('option', { value: n }, n)),
        ),
      ),
    ),
    loaded.error ? h(ErrorNote, { error: loaded.error }) : null,
    loaded.data ? h('div', { class: loaded.loading ? 'stale' : '' }, h(Network, { graph: loaded.data, key: `${link}:${type}:${limit}` })) : loaded.loading ? h(Loading, null) : null,
  );
}

function Network(props: { graph: EntityGraph }) {
  const { graph } = props;
  const [focus, setFocus] = useState<string | null>(null);
  const index = useMemo(() => new Map(graph.nodes.map((n, i) => [n.key, i])), [graph]);
  const points = useMemo(
    () =>
      forceLayout(
        graph.nodes.length,
        graph.edges.map((e) => ({ source: index.get(e.source)!, target: index.get(e.target)!, weight: e.weight })),
        { width, height, margin: 48 },
      ),
    [graph, index],
  );
  if (graph.nodes.length === 0) return h('p', null, 'No entity is named in this store yet.');
  const maxArticles = Math.max(1, ...graph.nodes.map((n) => n.articles));
  const maxWeight = Math.max(1, ...graph.edges.map((e) => e.weight));
  const radius = (articles: number) => 5 + 13 * Math.sqrt(articles / maxArticles);
  const neighbours = new Set<string>();
  if (focus) for (const e of graph.edges) if (e.source === focus || e.target === focus) neighbours.add(e.source).add(e.target);
  const directed = graph.link === 'quote';
  const name = (key: string) => graph.nodes[index.get(key)!]?.name ?? key;
  const lit = (e: GraphEdge) => focus !== null && (e.source === focus || e.target === focus);
  return h(
    'div',
    null,
    h(
      'p',
      { class: 'muted' },
      `${number(graph.nodes.length)} of ${number(graph.totalEntities)} entities; ${number(graph.edges.length)} links shown` +
        (graph.totalEdges > graph.edges.length ? ` (the strongest few per entity, of ${number(graph.totalEdges)})` : '') +
        `; a line’s width is the number of ${what[graph.link]}.`,
    ),
    h(
      'svg',
      {
        class: `network${focus ? ' focused' : ''}`,
        viewBox: `0 0 ${width} ${height}`,
        role: 'group',
        'aria-label': `Network of ${graph.nodes.length} entities`,
        onMouseLeave: () => setFocus(null),
      },
      directed
        ? h(
            'defs',
            null,
            h(
              'marker',
              { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
              h('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#6b7385' }),
            ),
          )
        : null,
      h(
        'g',
        { class: 'edges', 'aria-hidden': 'true' },
        ...graph.edges.map((e) => {
          const a = points[index.get(e.source)!]!;
          const b = points[index.get(e.target)!]!;
          // Quote arrows stop at the target's rim.
          const r = directed ? radius(graph.nodes[index.get(e.target)!]!.articles) + 2 : 0;
          const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
          return h('line', {
            key: `${e.source}>${e.target}`,
            x1: a.x,
            y1: a.y,
            x2: b.x - ((b.x - a.x) * r) / d,
            y2: b.y - ((b.y - a.y) * r) / d,
            class: lit(e) ? 'edge lit' : 'edge',
            'stroke-width': 1 + 5 * Math.sqrt(e.weight / maxWeight),
            ...(directed ? { 'marker-end': 'url(#arrow)' } : {}),
          });
        }),
      ),
      h(
        'g',
        { class: 'nodes' },
        ...graph.nodes.map((n, i) => {
          const p = points[i]!;
          const r = radius(n.articles);
          const state = focus === n.key ? ' current' : neighbours.has(n.key) ? ' near' : '';
          return h(
            'a',
            {
              key: n.key,
              href: entityHref(n.key),
              class: `node${state}`,
              'aria-label': `${n.name}, ${n.type}, ${n.articles === 1 ? '1 article' : `${number(n.articles)} articles`}, ${n.degree === 1 ? '1 link' : `${n.degree} links`}`,
              tabIndex: 0,
              onKeyDown: (e: KeyboardEvent) => {
                // Enter follows the link in every browser, SVG links included (some only follow a click).
                if (e.key !== 'Enter') return;
                e.preventDefault();
                navigate(entityHref(n.key));
                scrollTo(0, 0);
              },
              onFocus: () => setFocus(n.key),
              onBlur: () => setFocus(null),
              onMouseEnter: () => setFocus(n.key),
            },
            h('circle', { cx: p.x, cy: p.y, r, fill: typeColour[n.type] ?? typeColour.MISC }),
            // Labels sit beside the node, on the side with more room.
            h('text', { x: p.x > width - 160 ? p.x - r - 4 : p.x + r + 4, y: p.y + 4, 'text-anchor': p.x > width - 160 ? 'end' : 'start' }, n.name),
          );
        }),
      ),
    ),
    h(
      'p',
      { class: 'legend' },
      ...Object.entries(typeColour).map(([type, colour]) =>
        h('span', { key: type }, h('svg', { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true' }, h('circle', { cx: 6, cy: 6, r: 6, fill: colour })), ` ${type} `),
      ),
    ),
    graph.edges.length > 0
      ? h(
          'details',
          { class: 'graph-links', open: graph.edges.length <= 12 },
          h('summary', null, `Strongest links (${number(Math.min(graph.edges.length, 50))})`),
          h(
            'table',
            null,
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { scope: 'col' }, directed ? 'Speaker' : 'Entity'),
                h('th', { scope: 'col' }, directed ? 'Names' : 'With'),
                h('th', { scope: 'col', class: 'num' }, 'Sentences'),
                h('th', { scope: 'col', class: 'num' }, 'Articles'),
                h('th', { scope: 'col', class: 'num' }, 'Claims'),
              ),
            ),
            h(
              'tbody',
              null,
              ...graph.edges
                .slice(0, 50)
                .map((e) =>
                  h(
                    'tr',
                    { key: `${e.source}>${e.target}` },
                    h('td', null, h('a', { href: entityHref(e.source) }, name(e.source))),
                    h('td', null, h('a', { href: entityHref(e.target) }, name(e.target))),
                    h('td', { class: 'num' }, number(e.sentences)),
                    h('td', { class: 'num' }, number(e.articles)),
                    h('td', { class: 'num' }, number(e.quotes + (directed ? 0 : e.quotesBack))),
                  ),
                ),
            ),
          ),
        )
      : h('p', null, 'No links of this kind among these entities.'),
  );
}
