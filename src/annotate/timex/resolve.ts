/**
 * Turning what a mention says ("December", "last Tuesday", "two days later") into a TIMEX3 value,
 * given the article's date (at its own precision), the narrative's last set date and the tense
 * of the sentence.
 */
import { dayNumber, finerOrEqual, format, point, shift, truncate, unknown, weekday, type Gran, type Point, type Unit } from './calendar.ts';
import type { Tense } from './tense.ts';

export interface Env {
  /** The article's date, or null when unknown. */
  anchor: Point | null;
  /** The date the narrative set last (an explicit or resolved mention before this one). */
  ref: Point | null;
  /** The date of the last mention written out with its year, when it is a few sentences back at most. */
  near: Point | null;
  /** The last date any mention resolved to, when it is in this sentence or the one before. */
  recent: Point | null;
  tense: Tense | null;
  /** The first quarter or half the article resolved: the period an earnings story is about ("Net Rose 20% In the Third Quarter"). */
  topic?: Point | null;
}

export interface Resolved {
  value: string;
  anchored: boolean;
  /** The calendar point, when the value names one; it may become the narrative's reference. */
  point?: Point;
}

export type Resolver = (env: Env) => Resolved;

const isPeriod = (p: Point | null | undefined): boolean => !!p && (p.gran === 'quarter' || p.gran === 'half');

/**
 * The quarter or half "the quarter", "the year-earlier period" and "a year ago" speak of: one named in this sentence or
 * the last, else none when a whole year was, else the article's first (its topic, which a passing "after a weak second
 * quarter" does not replace), else the narrative's last.
 */
export function periodOf(env: Env, yearBack = false): Point | null {
  // "in the year-ago quarter. The year-ago results": a year back from the story's quarter, not from the last comparison.
  if (yearBack && env.recent && isPeriod(env.recent) && env.topic && isPeriod(env.topic) && env.recent.y < env.topic.y) return env.topic;
  if (env.recent && isPeriod(env.recent)) return env.recent;
  // "Last year storm losses came to … The year-earlier results": the narrative has just turned to a whole year.
  if (env.recent?.gran === 'year') return null;
  if (env.topic && isPeriod(env.topic)) return env.topic;
  return env.ref && isPeriod(env.ref) ? env.ref : null;
}

/** A direction words give: `last` (-1), `this` (0), `next` (+1), or none (the tense decides). */
export type Dir = -1 | 0 | 1 | undefined;

export interface DateSpec {
  y?: number;
  m?: number;
  d?: number;
  dow?: number;
  season?: string;
  /** `HH:MM` or a part of day (`MO`). */
  time?: string;
  dir?: Dir;
  /** The year is the article's year moved by this much ("noviembre de este año"). */
  yearOffset?: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export const fixed =
  (value: string): Resolver =>
  () => ({ value, anchored: false });

type Mode = 'prev' | 'next' | 'past' | 'future' | 'near' | 'same';

function modeFor(dir: Dir, tense: Tense | null): Mode {
  if (dir === -1) return 'prev';
  if (dir === 1) return 'next';
  if (tense === 'past') return 'past';
  if (tense === 'future') return 'future';
  return dir === 0 ? 'same' : 'near';
}

/** Picks one of three candidate keys (a year apart, a week apart, …) relative to `base`. */
function pick(keys: readonly number[], base: number, mode: Mode, sameIndex = 1, days = false): number {
  switch (mode) {
    case 'prev': {
      let best = 0;
      keys.forEach((k, i) => {
        if (k < base) best = i;
      });
      return best;
    }
    case 'past': {
      let best = 0;
      keys.forEach((k, i) => {
        if (k <= base) best = i;
      });
      return days ? slack(keys, base, best) : best;
    }
    case 'next':
      return Math.max(
        0,
        keys.findIndex((k) => k > base),
      );
    case 'future':
      return days
        ? slack(
            keys,
            base,
            Math.max(
              0,
              keys.findIndex((k) => k >= base),
            ),
          )
        : Math.max(
            0,
            keys.findIndex((k) => k >= base),
          );
    case 'same':
      return sameIndex;
    case 'near': {
      let best = 0;
      keys.forEach((k, i) => {
        if (Math.abs(k - base) < Math.abs(keys[best]! - base)) best = i;
      });
      return best;
    }
  }
}

/** A tense read wrongly must not throw a date a year away when one a few weeks away fits ("iniciado el 3 de enero"). */
function slack(keys: readonly number[], base: number, chosen: number): number {
  let nearest = 0;
  keys.forEach((k, i) => {
    if (Math.abs(k - base) < Math.abs(keys[nearest]! - base)) nearest = i;
  });
  return Math.abs(keys[nearest]! - base) <= 21 && Math.abs(keys[chosen]! - base) > 300 ? nearest : chosen;
}

const withTime = (p: Point, time: string | undefined): Point => (time ? { ...p, gran: 'time', time } : p);

/** The point a mention without a year is read against: the narrative's date when it was just set, else the article's. */
const baseOf = (env: Env, dir: Dir): Point | null => (dir === undefined ? (env.near ?? env.anchor) : env.anchor);

/** Resolves a calendar description, filling what it leaves out from the anchor by direction and tense. */
export function resolveSpec(spec: DateSpec): Resolver {
  return (env) => {
    const { m, d, dow, season, time, dir } = spec;
    const y = spec.y ?? (spec.yearOffset !== undefined && env.anchor ? env.anchor.y + spec.yearOffset : undefined);
    if (y !== undefined) {
      let p: Point;
      if (m !== undefined && d !== undefined) p = point('day', y, m, d);
      else if (m !== undefined) p = point('month', y, m);
      else if (season !== undefined) p = point('season', y, seasonMonth[season] ?? 1, 1, { season });
      else p = point('year', y);
      p = withTime(p, time);
      return { value: format(p), anchored: false, point: p };
    }
    const base = baseOf(env, dir);
    // Inside a narrative that set its own year, a bare month stays in that year ("In March 2019 … In June").
    const mode = env.near && dir === undefined ? 'near' : modeFor(dir, env.tense);
    if (m !== undefined) {
      const gran: Gran = d !== undefined ? 'day' : 'month';
      if (!base || !finerOrEqual(base.gran, 'year')) {
        return { value: `XXXX-${pad(m)}${d !== undefined ? `-${pad(d)}` : ''}${time ? `T${time}` : ''}`, anchored: false };
      }
      const years = [base.y - 1, base.y, base.y + 1];
      let keys: number[];
      let baseKey: number;
      let days = false;
      if (d !== undefined && finerOrEqual(base.gran, 'day')) {
        keys = years.map((yy) => dayNumber(yy, m, Math.min(d, 28)) + Math.max(0, d - 28));
        baseKey = dayNumber(base.y, base.m, base.d);
        days = true;
      } else {
        keys = years.map((yy) => yy * 12 + m);
        baseKey = base.y * 12 + (finerOrEqual(base.gran, 'month') ? base.m : m);
      }
      const yy = years[pick(keys, baseKey, mode, 1, days)]!;
      const p = withTime(point(gran, yy, m, d ?? 1), time);
      return { value: format(p), anchored: true, point: p };
    }
    if (season !== undefined) {
      if (!base) return { value: `XXXX-${season}`, anchored: false };
      const sm = seasonMonth[season] ?? 1;
      const years = [base.y - 1, base.y, base.y + 1];
      const baseKey = base.y * 12 + (finerOrEqual(base.gran, 'month') ? base.m : sm);
      const yy =
        years[
          pick(
            years.map((yr) => yr * 12 + sm),
            baseKey,
            mode,
          )
        ]!;
      const p = point('season', yy, sm, 1, { season });
      return { value: format(p), anchored: true, point: p };
    }
    if (dow !== undefined) {
      const a = env.anchor;
      if (!a || !finerOrEqual(a.gran, 'day')) return { value: `XXXX-WXX-${dow}${time ? `T${time}` : ''}`, anchored: false };
      const today = dayNumber(a.y, a.m, a.d);
      const delta = dow - weekday(a.y, a.m, a.d);
      const keys = [today + delta - 7, today + delta, today + delta + 7];
      // "this Tuesday" means the Tuesday of this week.
      const chosen = keys[pick(keys, today, mode === 'same' ? 'same' : mode)]!;
      const p = withTime(truncate(shift(point('day', a.y, a.m, a.d), 'day', chosen - today), 'day'), time);
      return { value: format(p), anchored: true, point: p };
    }
    return { value: unknown('day'), anchored: false };
  };
}

const seasonMonth: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

export const unitGran = (unit: Unit): Gran => (unit === 'hour' || unit === 'minute' || unit === 'second' ? 'time' : unit === 'weekend' ? 'weekend' : unit);

/**
 * A unit moved from the article date ("last week", "three years ago") or from the narrative
 * ("two days later", "the following year"); the value has the unit's granularity.
 */
export function relative(unit: Unit, offset: number | null, base: 'anchor' | 'ref', options: { keepQuarter?: boolean; time?: string } = {}): Resolver {
  return (env) => {
    const gran = unitGran(unit);
    const from = base === 'ref' ? (env.ref ?? env.anchor) : env.anchor;
    if (offset === null) return { value: offset === null && base === 'anchor' ? 'PAST_REF' : unknown(gran), anchored: false };
    const period = options.keepQuarter && unit === 'year' ? periodOf(env, offset < 0) : null;
    if (period) {
      const p = shift(period, 'year', offset);
      return { value: format(p), anchored: true, point: p };
    }
    if (gran === 'time') {
      if (!from || !finerOrEqual(from.gran, 'day')) return { value: unknown('time'), anchored: false };
      return { value: format(truncate(from, 'day')) + 'T' + (options.time ?? 'XX:XX'), anchored: true };
    }
    if (!from || !finerOrEqual(from.gran, gran === 'weekend' ? 'day' : gran === 'week' ? 'day' : gran)) {
      return { value: unknown(gran), anchored: false };
    }
    let p = shift(truncate(from, gran), unit, offset);
    if (options.time) p = { ...truncate(p, 'day'), gran: 'time', time: options.time };
    return { value: format(p), anchored: true, point: p };
  };
}

/** A quarter or half ("the third quarter", "el primer semestre") with its year from the text or the anchor. */
export function resolvePart(kind: 'quarter' | 'half', n: number, y: number | undefined, dir: Dir = undefined): Resolver {
  return (env) => {
    const month = kind === 'quarter' ? (n - 1) * 3 + 1 : n === 1 ? 1 : 7;
    if (y !== undefined) {
      const p = point(kind, y, month);
      return { value: format(p), anchored: false, point: p };
    }
    const base = env.anchor;
    if (!base) return { value: kind === 'quarter' ? `XXXX-Q${n}` : `XXXX-H${n}`, anchored: false };
    const years = [base.y - 1, base.y, base.y + 1];
    const baseKey = base.y * 12 + (finerOrEqual(base.gran, 'month') ? base.m : month);
    const mode = modeFor(dir, env.tense);
    const starts = years.map((yr) => yr * 12 + month);
    const yy =
      years[
        mode === 'future' || (mode === 'near' && finerOrEqual(base.gran, 'month')) ? nearestPeriod(starts, kind === 'quarter' ? 3 : 6, baseKey) : pick(starts, baseKey, mode === 'near' ? 'same' : mode)
      ]!;
    const p = point(kind, yy, month);
    return { value: format(p), anchored: true, point: p };
  };
}

/**
 * The period (of `months` months from each start key) nearest the base month, a later one on a tie. A quarter is reported
 * on after it ends: "expects to report third-quarter results" a month after September is the quarter just ended, not the
 * one ten months ahead, whatever tense the sentence has.
 */
function nearestPeriod(starts: readonly number[], months: number, base: number): number {
  const distance = (start: number) => (base < start ? start - base : Math.max(0, base - (start + months - 1)));
  let best = 0;
  starts.forEach((start, i) => {
    if (distance(start) <= distance(starts[best]!)) best = i;
  });
  return best;
}

/** A clock time attached to a date resolver, or to the article's day. */
export function resolveTime(time: string, date: Resolver | null): Resolver {
  return (env) => {
    if (date) {
      const r = date(env);
      if (/^\d{4}-\d{2}-\d{2}$/.test(r.value)) return { value: `${r.value}T${time}`, anchored: r.anchored };
      if (/^XXXX/.test(r.value)) return { value: `${r.value}T${time}`, anchored: r.anchored };
      return r;
    }
    const a = env.anchor;
    if (!a || !finerOrEqual(a.gran, 'day')) return { value: `T${time}`, anchored: false };
    return { value: `${format(truncate(a, 'day'))}T${time}`, anchored: true };
  };
}

/** The century or decade the article date falls in, moved by `offset`. */
export function relativeSpan(gran: 'century' | 'decade', offset: number): Resolver {
  return (env) => {
    if (!env.anchor) return { value: unknown(gran), anchored: false };
    const p = shift(truncate(env.anchor, gran), gran, offset);
    return { value: format(p), anchored: true, point: p };
  };
}

Object.setPrototypeOf(seasonMonth, null);
