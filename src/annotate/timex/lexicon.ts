/**
 * Words the timex grammar reads, in English and Spanish: months, weekdays, units,
 * number words, parts of the day, seasons and the fuzzy references (`now`, `recientemente`).
 */
import type { Unit } from './calendar.ts';

export const monthsEn: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};
/** Abbreviations need a following period or number, so "Jun" inside a name never reads as June. */
export const monthAbbrevEn: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
export const monthsEs: Record<string, number> = {
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9, setiembre: 9, octubre: 10,
  noviembre: 11, diciembre: 12,
};
export const monthAbbrevEs: Record<string, number> = {
  ene: 1, feb: 2, mar: 3, abr: 4, may: 5, jun: 6, jul: 7, ago: 8, sep: 9, sept: 9, set: 9, oct: 10, nov: 11, dic: 12,
};

export const weekdaysEn: Record<string, number> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 };
export const weekdaysEs: Record<string, number> = {
  lunes: 1, martes: 2, miércoles: 3, miercoles: 3, jueves: 4, viernes: 5, sábado: 6, sabado: 6, domingo: 7,
};

export const seasonsEn: Record<string, string> = { spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' };
export const seasonsEs: Record<string, string> = { primavera: 'SP', verano: 'SU', otoño: 'FA', invierno: 'WI' };

export const partsOfDayEn: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };
export const partsOfDayEs: Record<string, string> = { mañana: 'MO', tarde: 'AF', noche: 'NI', madrugada: 'MO', mediodía: 'AF' };

/** Unit words, singular and plural, with the TIMEX3 duration letter each maps to. */
export const unitsEn: Record<string, Unit> = {
  second: 'second', seconds: 'second', minute: 'minute', minutes: 'minute', hour: 'hour', hours: 'hour', day: 'day', days: 'day',
  week: 'week', weeks: 'week', weekend: 'weekend', weekends: 'weekend', fortnight: 'week', month: 'month', months: 'month',
  quarter: 'quarter', quarters: 'quarter', year: 'year', years: 'year', decade: 'decade', decades: 'decade', century: 'century',
  centuries: 'century',
};
export const unitsEs: Record<string, Unit> = {
  segundo: 'second', segundos: 'second', minuto: 'minute', minutos: 'minute', hora: 'hour', horas: 'hour', día: 'day', días: 'day',
  dia: 'day', dias: 'day', semana: 'week', semanas: 'week', quincena: 'week', quincenas: 'week', mes: 'month', meses: 'month',
  trimestre: 'quarter', trimestres: 'quarter', semestre: 'half', semestres: 'half', año: 'year', años: 'year', década: 'decade',
  décadas: 'decade', lustro: 'year', lustros: 'year', siglo: 'century', siglos: 'century',
};
/** Units whose words count more than one of the base unit (a fortnight is two weeks, a lustro five years). */
export const unitMultiplier: Record<string, number> = { fortnight: 2, quincena: 2, quincenas: 2, lustro: 5, lustros: 5 };

export const plural = (word: string): boolean => /s$/.test(word) && word !== 'mes';

export const numbersEn: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40,
  fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
export const numbersEs: Record<string, number> = {
  un: 1, una: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12,
  trece: 13, catorce: 14, quince: 15, dieciséis: 16, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19, veinte: 20,
  veintiún: 21, veintiuno: 21, veintiuna: 21, veintidós: 22, veintitrés: 23, veinticuatro: 24, veinticinco: 25, treinta: 30, cuarenta: 40,
  cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90, cien: 100, ciento: 100, mil: 1000,
};
/** Quantities that name no number: the value gets an X (`PXY`). */
export const fuzzyCountEn = new Set(['several', 'few', 'many', 'some', 'numerous', 'recent', 'coming', 'past', 'next', 'last']);
export const fuzzyCountEs = new Set(['varios', 'varias', 'unos', 'unas', 'algunos', 'algunas', 'pocos', 'pocas', 'muchos', 'muchas']);

export const ordinalsEn: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
  'twenty-first': 21, thirtieth: 30, last: 4,
};
export const ordinalsEs: Record<string, number> = {
  primer: 1, primero: 1, primera: 1, segundo: 2, segunda: 2, tercer: 3, tercero: 3, tercera: 3, cuarto: 4, cuarta: 4, quinto: 5,
  sexto: 6, último: 4, última: 4,
};

// Lookups by word must never reach Object.prototype ("constructor", "toString" are words too).
for (const table of [
  monthsEn, monthAbbrevEn, monthsEs, monthAbbrevEs, weekdaysEn, weekdaysEs, seasonsEn, seasonsEs, partsOfDayEn, partsOfDayEs,
  unitsEn, unitsEs, unitMultiplier, numbersEn, numbersEs, ordinalsEn, ordinalsEs,
]) Object.setPrototypeOf(table, null);
