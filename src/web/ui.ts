/// <reference lib="dom" />
/**
 * The app's small shared pieces: the location (history API; the hash is left to the page), data loading,
 * paging links and error notes. Written with `h` rather than JSX so the files typecheck under the root tsconfig too.
 */
import { createContext, h, type ComponentChildren } from 'preact';
import { useContext, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, ApiFailure } from './api.ts';

export interface Location {
  path: string;
  params: URLSearchParams;
  hash: string;
}

export function readLocation(): Location {
  return { path: location.pathname, params: new URLSearchParams(location.search), hash: location.hash };
}

export const LocationContext = createContext<Location>({ path: '/', params: new URLSearchParams(), hash: '' });

export function useLocation(): Location {
  return useContext(LocationContext);
}

/** Goes to an in-app URL without reloading. */
export function navigate(url: string, replace = false): void {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

export interface Loaded<T> {
  data: T | null;
  error: ApiFailure | null;
  loading: boolean;
}

/**
 * GETs `path` whenever it changes (null: nothing to load); a newer request cancels the older one. The request starts
 * as soon as the component is in the document (a layout effect), not after the browser's next paint as a plain
 * effect would: on a first load that is a frame or more sooner for every view.
 */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: path !== null });
  useLayoutEffect(() => {
    if (path === null) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, error: null, loading: true }));
    api<T>(path, {}, controller.signal).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: null, error: error instanceof ApiFailure ? error : new ApiFailure(0, 'E_CLIENT', String(error)), loading: false });
      },
    );
    return () => controller.abort();
  }, [path]);
  return state;
}

export const number = (n: number) => n.toLocaleString('en');

/** An href for the current path with some query parameters changed (empty values dropped). */
export function withParams(loc: Location, changes: Record<string, string | number | null>): string {
  const params = new URLSearchParams(loc.params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '' || value === 0) params.delete(key);
    else params.set(key, String(value));
  }
  const text = params.toString();
  return loc.path + (text ? `?${text}` : '');
}

/** "1–50 of 10,000" with previous and next links. */
export function Pager(props: { total: number; limit: number; offset: number; label: string }) {
  const loc = useLocation();
  const { total, limit, offset } = props;
  if (total === 0) return null;
  const last = Math.min(offset + limit, total);
  return h(
    'nav',
    { class: 'pager', 'aria-label': `${props.label} pages` },
    offset > 0 ? h('a', { href: withParams(loc, { offset: Math.max(offset - limit, 0) }), rel: 'prev' }, '← Previous') : h('span', { class: 'disabled' }, '← Previous'),
    h('span', { class: 'count' }, `${number(offset + 1)}–${number(last)} of ${number(total)}`),
    last < total ? h('a', { href: withParams(loc, { offset: offset + limit }), rel: 'next' }, 'Next →') : h('span', { class: 'disabled' }, 'Next →'),
  );
}

export function ErrorNote(props: { error: ApiFailure | Error }) {
  return h('p', { class: 'error', role: 'alert' }, props.error.message);
}

export function Loading() {
  return h('p', { class: 'muted', 'aria-live': 'polite' }, 'Loading…');
}

let titleWantsFocus = false;

/** Asks the next page heading to take focus once it renders (views render theirs after their data arrives). */
export function focusNextTitle(): void {
  titleWantsFocus = true;
}

/** The page heading; focused after navigation so a screen reader or keyboard user starts at the new content. */
export function Title(props: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!titleWantsFocus) return;
    titleWantsFocus = false;
    ref.current?.focus({ preventScroll: true });
  }, []);
  return h('h1', { tabIndex: -1, id: 'page-title', ref }, props.children);
}

/** `2023-01-10` as is; a missing date as a dash. */
export function dateText(value: string | null): string {
  return value ?? '—';
}

/** The article's title, or a stand-in when it has none. */
export function titleText(title: string | null): string {
  return title?.trim() ? title : '(untitled)';
}

/** The document viewer at exactly these characters of an article. */
export function spanHref(articleId: string, start: number, end: number): string {
  return `/articles/${encodeURIComponent(articleId)}#${start}-${end}`;
}

/** The entity page of a folded name key. */
export function entityHref(key: string): string {
  return `/entities/${encodeURIComponent(key)}`;
}

/** The key the API shows and links an entity by: the server's own function (src/core/names.ts). */
export { entityKey } from '../core/names.ts';
