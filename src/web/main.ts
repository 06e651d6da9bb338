/// <reference lib="dom" />
/**
 * The Quipu web app: a frame (header, nav, search box) and the views the store's data supports today:
 * overview, articles, search, the document viewer, ingest, and the views across articles (claims, figures,
 * timeline, entities, the entity network, sources, copies). Routes are paths; the hash is left to the viewer.
 */
import { h, render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { adoptTokenFromUrl, onUnauthorized, setToken } from './api.ts';
import { focusNextTitle, LocationContext, navigate, readLocation, Title, useLocation } from './ui.ts';
import { Articles } from './views/articles.ts';
import { Claims } from './views/claims.ts';
import { Conflicts } from './views/conflicts.ts';
import { Copies } from './views/copies.ts';
import { Entities, Entity } from './views/entities.ts';
import { Graph } from './views/graph.ts';
import { Ingest } from './views/ingest.ts';
import { Overview } from './views/overview.ts';
import { Search } from './views/search.ts';
import { Sources } from './views/sources.ts';
import { Timeline } from './views/timeline.ts';
import { Viewer } from './views/viewer.ts';

const nav: [string, string][] = [
  ['/', 'Overview'],
  ['/articles', 'Articles'],
  ['/claims', 'Claims'],
  ['/conflicts', 'Conflicts'],
  ['/timeline', 'Timeline'],
  ['/entities', 'Entities'],
  ['/graph', 'Network'],
  ['/sources', 'Sources'],
  ['/copies', 'Copies'],
  ['/ingest', 'Ingest'],
];

function App() {
  const [loc, setLoc] = useState(readLocation);
  const [needsToken, setNeedsToken] = useState(false);

  useEffect(() => {
    const sync = () => setLoc(readLocation());
    addEventListener('popstate', sync);
    addEventListener('hashchange', sync);
    const stopListening = onUnauthorized(() => setNeedsToken(true));
    return () => {
      removeEventListener('popstate', sync);
      removeEventListener('hashchange', sync);
      stopListening();
    };
  }, []);

  // Focus moves to the new page's heading when the path changes, not when only the hash or query does.
  const [shownPath, setShownPath] = useState(loc.path);
  if (shownPath !== loc.path) {
    setShownPath(loc.path);
    focusNextTitle();
  }

  return h(
    LocationContext.Provider,
    { value: loc },
    h(
      'a',
      {
        href: '#main',
        class: 'skip',
        onClick: (e: Event) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        },
      },
      'Skip to content',
    ),
    h(
      'header',
      { class: 'frame' },
      h('a', { href: '/', class: 'brand' }, 'Quipu'),
      h('nav', { 'aria-label': 'Main' }, ...nav.map(([href, label]) => h('a', { href, 'aria-current': isCurrent(loc.path, href) ? 'page' : undefined }, label))),
      h(SearchBox, null),
    ),
    h('main', { id: 'main', tabIndex: -1 }, needsToken ? h(TokenForm, { onDone: () => location.reload() }) : h(Route, null)),
  );
}

function isCurrent(path: string, href: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

function Route() {
  const loc = useLocation();
  const article = /^\/articles\/([^/]+)$/.exec(loc.path);
  const entity = /^\/entities\/([^/]+)$/.exec(loc.path);
  if (loc.path === '/') return h(Overview, null);
  if (loc.path === '/articles') return h(Articles, null);
  if (article) return h(Viewer, { id: decodeURIComponent(article[1]!), key: article[1] });
  if (loc.path === '/search') return h(Search, null);
  if (loc.path === '/ingest') return h(Ingest, null);
  if (loc.path === '/claims') return h(Claims, null);
  if (loc.path === '/conflicts') return h(Conflicts, null);
  if (loc.path === '/timeline') return h(Timeline, null);
  if (loc.path === '/copies') return h(Copies, null);
  if (loc.path === '/graph') return h(Graph, null);
  if (loc.path === '/sources') return h(Sources, null);
  if (loc.path === '/entities') return h(Entities, null);
  if (entity) return h(Entity, { entityKey: decodeURIComponent(entity[1]!), key: entity[1] });
  return h('section', null, h(Title, null, 'Not found'), h('p', null, 'Nothing lives at this address. ', h('a', { href: '/' }, 'Back to the overview')));
}

/** The header's search box; `/` anywhere outside a text field focuses it. */
function SearchBox() {
  const loc = useLocation();
  const current = loc.path === '/search' ? (loc.params.get('q') ?? '') : '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  return h(
    'form',
    {
      role: 'search',
      class: 'search-box',
      onSubmit: (e: Event) => {
        e.preventDefault();
        if (text.trim()) navigate(`/search?q=${encodeURIComponent(text.trim())}`);
      },
    },
    h('label', { for: 'global-search', class: 'visually-hidden' }, 'Search articles'),
    h('input', {
      id: 'global-search',
      type: 'search',
      name: 'q',
      placeholder: 'Search articles  ( / )',
      value: text,
      maxLength: 500,
      onInput: (e: Event) => setText((e.target as HTMLInputElement).value),
    }),
    h('button', { type: 'submit' }, 'Search'),
  );
}

function TokenForm(props: { onDone: () => void }) {
  const [value, setValue] = useState('');
  return h(
    'section',
    null,
    h(Title, null, 'Access token'),
    h('p', null, 'This Quipu server was started with a token. Paste it here (it is kept for this browser tab only).'),
    h(
      'form',
      {
        onSubmit: (e: Event) => {
          e.preventDefault();
          setToken(value.trim());
          props.onDone();
        },
      },
      h('label', { for: 'token' }, 'Token '),
      h('input', { id: 'token', type: 'password', autocomplete: 'off', value, onInput: (e: Event) => setValue((e.target as HTMLInputElement).value) }),
      h('button', { type: 'submit' }, 'Continue'),
    ),
  );
}

/** In-app links change the view without a reload; modified clicks, downloads and other targets keep the browser's behaviour. */
function interceptLinks(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const href = anchor.getAttribute('href');
  if (!href || !href.startsWith('/') || href.startsWith('//') || href.startsWith('/api/')) return;
  event.preventDefault();
  navigate(href);
  if (!href.includes('#')) scrollTo(0, 0);
}

function focusSearch(event: KeyboardEvent): void {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target as HTMLElement | null;
  if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
  event.preventDefault();
  const box = document.getElementById('global-search') as HTMLInputElement | null;
  box?.focus();
  box?.select();
}

adoptTokenFromUrl();
document.addEventListener('click', interceptLinks);
document.addEventListener('keydown', focusSearch);
render(h(App, null), document.getElementById('app')!);
