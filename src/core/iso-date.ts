/**
 * Dates as ISO prefixes whose length is their precision (`2023`, `2023-01`, `2023-01-09`,
 * `2023-01-09T14:30`), as followthemoney does: a date is never more precise than its source says.
 */
export type IsoDate = string;

export type DatePrecision = 'year' | 'month' | 'day' | 'minute';

const isoPrefix = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?$/;

/** True when `value` is a well-formed ISO prefix naming a real calendar date. */
export function isIsoDate(value: string): boolean {
  const match = isoPrefix.exec(value);
  if (!match) return false;
  const [, , month, day, hour, minute] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return false;
  if (day !== undefined && (Number(day) < 1 || Number(day) > daysInMonth(Number(match[1]), Number(month)))) return false;
  if (hour !== undefined && Number(hour) > 23) return false;
  if (minute !== undefined && Number(minute) > 59) return false;
  return true;
}

export function precisionOf(value: IsoDate): DatePrecision {
  if (value.length >= 16) return 'minute';
  if (value.length >= 10) return 'day';
  if (value.length >= 7) return 'month';
  return 'year';
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Builds an ISO prefix from parts, or null when they name no real date. */
export function isoFromParts(year: number, month?: number, day?: number): IsoDate | null {
  if (!Number.isInteger(year) || year < 1000 || year > 2999) return null;
  let value = String(year);
  if (month !== undefined) {
    value += '-' + String(month).padStart(2, '0');
    if (day !== undefined) value += '-' + String(day).padStart(2, '0');
  }
  return isIsoDate(value) ? value : null;
}

/** Reads a machine date (ISO 8601 timestamp, RFC 2822 as in RSS) down to the day, keeping only what it states. */
export function isoFromMachineDate(raw: string): IsoDate | null {
  const text = raw.trim();
  const iso = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text);
  if (iso) {
    const value = isoFromParts(Number(iso[1]), iso[2] ? Number(iso[2]) : undefined, iso[3] ? Number(iso[3]) : undefined);
    if (value) return value;
  }
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) return null;
  // RFC 2822 dates carry an offset; the calendar day the outlet meant is the one in its own zone.
  const offset = /([+-])(\d{2}):?(\d{2})\s*$/.exec(text);
  const shift = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000 : 0;
  const date = new Date(parsed + shift);
  return isoFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}
