/** Shared output helpers: tables sized to the terminal, JSON, and safe terminal text. */
import Table from 'cli-table3';
import { openRepository } from '../store/open.ts';
import type { Repository } from '../store/repository.ts';

export const isTty = Boolean(process.stdout.isTTY);
const bold = (s: string) => (isTty ? `\x1b[1m${s}\x1b[22m` : s);
export const dim = (s: string) => (isTty ? `\x1b[2m${s}\x1b[22m` : s);
export const style = { bold, dim };

/** Article text is untrusted: control characters (terminal escape sequences) never reach the terminal. */
export function safe(text: string | null | undefined): string {
  return (text ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '�');
}

export function truncate(text: string, width: number): string {
  const clean = safe(text).replace(/\s+/g, ' ');
  return clean.length <= width ? clean : `${clean.slice(0, Math.max(width - 1, 1))}…`;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A borderless table whose widest column shrinks to fit the terminal. */
export function printTable(head: string[], rows: (string | number)[][], flexColumn = 0): void {
  const width = process.stdout.columns ?? 120;
  const natural = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const fixed = natural.reduce((sum, w, i) => (i === flexColumn ? sum : sum + w + 2), 0);
  const flex = Math.max(12, Math.min(natural[flexColumn] ?? 12, width - fixed - 2));
  const table = new Table({
    head: head.map((h) => bold(h)),
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 2 },
    chars: {
      top: '',
      'top-mid': '',
      'top-left': '',
      'top-right': '',
      bottom: '',
      'bottom-mid': '',
      'bottom-left': '',
      'bottom-right': '',
      left: '',
      'left-mid': '',
      mid: '',
      'mid-mid': '',
      right: '',
      'right-mid': '',
      middle: '',
    },
  });
  for (const row of rows) table.push(row.map((cell, i) => (i === flexColumn ? truncate(String(cell), flex) : safe(String(cell)))));
  process.stdout.write(`${table.toString()}\n`);
}

/** Opens the store named by --db, migrated, and closes it when `work` is done. */
export async function withRepository<T>(file: string, work: (repository: Repository) => Promise<T>, options: { asyncCommit?: boolean } = {}): Promise<T> {
  const repository = openRepository(file, options);
  try {
    await repository.migrate();
    return await work(repository);
  } finally {
    await repository.close();
  }
}
