/**
 * Calendar points at a granularity (a day, an ISO week, a quarter, a year, …) and the arithmetic
 * that relative expressions need, formatted as TIMEX3 values. A point keeps its first day so every
 * granularity shares one representation.
 */

export type Gran = 'century' | 'decade' | 'year' | 'half' | 'quarter' | 'season' | 'month' | 'week' | 'weekend' | 'day' | 'time';

export interface Point {
  gran: Gran;
  y: number;
  m: number;
  d: number;
  /** `SP`, `SU`, `FA`, `WI` when gran is season. */
  season?: string;
  /** A part of day (`MO`, `AF`, `EV`, `NI`) or a clock time `HH:MM`, when gran is time. */
  time?: string;
}

const rank: Record<Gran, number> = {
  century: 0,
  decade: 1,
  year: 2,
  half: 3,
  quarter: 4,
  season: 4,
  month: 5,
  week: 6,
  weekend: 6,
  day: 7,
  time: 8,
};

/** True when `a` is at least as fine as `b` (a day is finer than a month). */
export const finerOrEqual = (a: Gran, b: Gran): boolean => rank[a] >= rank[b];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const dayNumber = (y: number, m: number, d: number): number => Math.floor(Date.UTC(y, m - 1, d) / 86_400_000);

export function fromDayNumber(n: number): { y: number; m: number; d: number } {
  const date = new Date(n * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** ISO weekday, Monday = 1 … Sunday = 7. */
export const weekday = (y: number, m: number, d: number): number => ((((dayNumber(y, m, d) + 3) % 7) + 7) % 7) + 1;

/** ISO 8601 week-numbering year and week of a day. */
export function isoWeek(y: number, m: number, d: number): { year: number; week: number } {
  const n = dayNumber(y, m, d);
  const thursday = n - weekday(y, m, d) + 4;
  const t = fromDayNumber(thursday);
  const jan1 = dayNumber(t.y, 1, 1);
  return { year: t.y, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** The Monday of an ISO week. */
export function weekStart(year: number, week: number): { y: number; m: number; d: number } {
  const jan4 = dayNumber(year, 1, 4);
  const monday1 = jan4 - (weekday(year, 1, 4) - 1);
  return fromDayNumber(monday1 + (week - 1) * 7);
}

export const point = (gran: Gran, y: number, m = 1, d = 1, extra: Partial<Point> = {}): Point => ({ gran, y, m, d, ...extra });

/** Truncates a point to a coarser granularity (a day to its month, its ISO week, its quarter, …). */
export function truncate(p: Point, gran: Gran): Point {
  switch (gran) {
    case 'century':
      return point(gran, Math.floor(p.y / 100) * 100);
    case 'decade':
      return point(gran, Math.floor(p.y / 10) * 10);
    case 'year':
      return point(gran, p.y);
    case 'half':
      return point(gran, p.y, p.m <= 6 ? 1 : 7);
    case 'quarter':
      return point(gran, p.y, Math.floor((p.m - 1) / 3) * 3 + 1);
    case 'season':
      return p.gran === 'season' ? p : point(gran, p.y, p.m, 1, { season: seasonOf(p.m) });
    case 'month':
      return point(gran, p.y, p.m);
    case 'week':
    case 'weekend': {
      if (!finerOrEqual(p.gran, 'week')) return { ...p, gran };
      const w = isoWeek(p.y, p.m, p.d);
      const s = weekStart(w.year, w.week);
      return point(gran, s.y, s.m, s.d);
    }
    case 'day':
      return point(gran, p.y, p.m, p.d);
    case 'time':
      return p;
  }
}

const seasonOf = (m: number) => (m <= 2 || m === 12 ? 'WI' : m <= 5 ? 'SP' : m <= 8 ? 'SU' : 'FA');

export type Unit = 'century' | 'decade' | 'year' | 'half' | 'quarter' | 'month' | 'week' | 'weekend' | 'day' | 'hour' | 'minute' | 'second';

/** Moves a point by `n` units, keeping its own granularity when it is finer than the unit. */
export function shift(p: Point, unit: Unit, n: number): Point {
  const months = unit === 'century' ? 1200 : unit === 'decade' ? 120 : unit === 'year' ? 12 : unit === 'half' ? 6 : unit === 'quarter' ? 3 : unit === 'month' ? 1 : 0;
  if (months > 0) {
    const total = p.y * 12 + (p.m - 1) + months * n;
    const y = Math.floor(total / 12);
    const m = total - y * 12 + 1;
    const d = Math.min(p.d, daysIn(y, m));
    if (p.gran === 'season' && p.season === 'WI' && p.m === 12) return { ...p, y, m, d };
    return { ...p, y, m, d };
  }
  const days = unit === 'week' || unit === 'weekend' ? 7 * n : unit === 'day' ? n : 0;
  const moved = fromDayNumber(dayNumber(p.y, p.m, p.d) + days);
  return { ...p, ...moved };
}

/** Formats a point as a TIMEX3 value. */
export function format(p: Point): string {
  const y = pad(p.y, 4);
  switch (p.gran) {
    case 'century':
      return pad(Math.floor(p.y / 100), 2);
    case 'decade':
      return pad(Math.floor(p.y / 10), 3);
    case 'year':
      return y;
    case 'half':
      return `${y}-H${p.m <= 6 ? 1 : 2}`;
    case 'quarter':
      return `${y}-Q${Math.floor((p.m - 1) / 3) + 1}`;
    case 'season':
      return `${y}-${p.season ?? seasonOf(p.m)}`;
    case 'month':
      return `${y}-${pad(p.m)}`;
    case 'week':
    case 'weekend': {
      const w = isoWeek(p.y, p.m, p.d);
      return `${pad(w.year, 4)}-W${pad(w.week)}${p.gran === 'weekend' ? '-WE' : ''}`;
    }
    case 'day':
      return `${y}-${pad(p.m)}-${pad(p.d)}`;
    case 'time':
      return `${y}-${pad(p.m)}-${pad(p.d)}T${p.time ?? 'XX:XX'}`;
  }
}

/** The TIMEX3 value of an unknown point at a granularity (`XXXX-XX-XX` for a day). */
export function unknown(gran: Gran): string {
  switch (gran) {
    case 'century':
      return 'XX';
    case 'decade':
      return 'XXX';
    case 'year':
      return 'XXXX';
    case 'half':
      return 'XXXX-HX';
    case 'quarter':
      return 'XXXX-QX';
    case 'season':
      return 'XXXX-XX';
    case 'month':
      return 'XXXX-XX';
    case 'week':
      return 'XXXX-WXX';
    case 'weekend':
      return 'XXXX-WXX-WE';
    case 'day':
      return 'XXXX-XX-XX';
    case 'time':
      return 'XXXX-XX-XXTXX:XX';
  }
}

/** Reads a TIMEX3 calendar value (`2023`, `2023-01`, `2023-01-10`, `2023-W05`, `2023-Q1`, `2023-H2`, `2023-SU`, `2023-01-10T14:30`) as a point. */
export function parsePoint(value: string): Point | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}|MO|AF|EV|NI|DT))?$/.exec(value);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return null;
    return m[4] ? point('time', y, mo, d, { time: m[4] }) : point('day', y, mo, d);
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(value))) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? point('month', Number(m[1]), mo) : null;
  }
  if ((m = /^(\d{4})-W(\d{1,2})(-WE)?$/.exec(value))) {
    const s = weekStart(Number(m[1]), Number(m[2]));
    return point(m[3] ? 'weekend' : 'week', s.y, s.m, s.d);
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(value))) return point('quarter', Number(m[1]), (Number(m[2]) - 1) * 3 + 1);
  if ((m = /^(\d{4})-H([12])$/.exec(value))) return point('half', Number(m[1]), m[2] === '1' ? 1 : 7);
  if ((m = /^(\d{4})-(SP|SU|FA|WI)$/.exec(value))) return point('season', Number(m[1]), { SP: 3, SU: 6, FA: 9, WI: 12 }[m[2] as 'SP'], 1, { season: m[2]! });
  if ((m = /^(\d{4})$/.exec(value))) return point('year', Number(m[1]));
  if ((m = /^(\d{3})$/.exec(value))) return point('decade', Number(m[1]) * 10);
  return null;
}
