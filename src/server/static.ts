/**
 * The web UI's files from the vite build folder, with the single-page-app fallback: a path that names no file
 * and has no extension gets index.html, so `/articles/abc` opens in the app; a missing asset stays a 404.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  body: Uint8Array;
  type: string;
  /** Vite names assets by content hash: they never change under the same name. */
  immutable: boolean;
}

/** The file `urlPath` names inside `root`, or index.html for an app route, or null. Never leaves `root`. */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const target = resolve(join(base, decoded));
  if (target !== base && !target.startsWith(base + sep)) return null;
  const file = await fileAt(target === base ? join(base, 'index.html') : target);
  if (file) return { body: file, type: types[extname(target === base ? 'index.html' : target).toLowerCase()] ?? 'application/octet-stream', immutable: decoded.startsWith('/assets/') };
  if (extname(decoded) !== '') return null;
  const index = await fileAt(join(base, 'index.html'));
  return index ? { body: index, type: types['.html']!, immutable: false } : null;
}

async function fileAt(path: string): Promise<Uint8Array | null> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return null;
  return readFile(path);
}
