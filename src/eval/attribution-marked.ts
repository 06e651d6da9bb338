/**
 * Hand-annotated articles in a readable inline markup, turned into PolNeAR's layout (plain text plus brat
 * standoff), for attribution test sets written in-house (test/fixtures/attribution-es).
 *
 * Markup: `{S1:…}` source, `{C1:…}` cue, `{Q1:…}` content of attribution 1; several `{Q1:…}` (or `{C1:…}`)
 * are the fragments of one discontinuous content (or cue: "dieron por controlado"); `{S1,4:…}` is one
 * source of attributions 1 and 4. No nesting (PolNeAR is univocal: a token has at most one role).
 */

export interface Marked {
  text: string;
  spans: { role: 'S' | 'C' | 'Q'; ids: number[]; start: number; end: number }[];
}

/** Strips the markup, keeping each span's offsets into the plain text. */
export function parseMarked(source: string): Marked {
  const spans: Marked['spans'] = [];
  let text = '';
  const re = /\{([SCQ])([\d,]+):([^{}]*)\}/gu;
  let last = 0;
  for (const m of source.matchAll(re)) {
    text += source.slice(last, m.index);
    const start = text.length;
    text += m[3]!;
    spans.push({ role: m[1] as 'S' | 'C' | 'Q', ids: m[2]!.split(',').map(Number), start, end: text.length });
    last = m.index! + m[0].length;
  }
  text += source.slice(last);
  if (/[{}]/u.test(text)) throw new Error(`unbalanced markup near "${text.slice(text.search(/[{}]/u) - 30, text.search(/[{}]/u) + 30)}"`);
  return { text, spans };
}

/** The brat standoff for a parsed article: one T line per span (content fragments joined), one E line per attribution. */
export function toBrat({ text, spans }: Marked): string {
  const lines: string[] = [];
  let t = 0;
  const ids = [...new Set(spans.flatMap((s) => s.ids))].sort((a, b) => a - b);
  const sourceT = new Map<string, string>();
  let e = 0;
  for (const id of ids) {
    const mine = spans.filter((s) => s.ids.includes(id));
    const cue = mine.filter((s) => s.role === 'C');
    const content = mine.filter((s) => s.role === 'Q');
    const source = mine.filter((s) => s.role === 'S');
    if (cue.length === 0) throw new Error(`attribution ${id}: no cue`);
    const tLine = (label: string, parts: { start: number; end: number }[]) => {
      t++;
      lines.push(`T${t}\t${label} ${parts.map((p) => `${p.start} ${p.end}`).join(';')}\t${parts.map((p) => text.slice(p.start, p.end)).join(' ')}`);
      return `T${t}`;
    };
    const roles: string[] = [];
    const c = tLine('Cue', cue);
    const anchor = tLine(source.length ? 'Attribution' : 'Attribution-no-source', cue);
    roles.push(`Attribution:${anchor}`);
    if (content.length) roles.push(`Content:${tLine('Content', content)}`);
    roles.push(`Cue:${c}`);
    if (source.length) {
      const key = `${source[0]!.start}-${source[0]!.end}`;
      if (!sourceT.has(key)) sourceT.set(key, tLine('Source', source));
      roles.push(`Source:${sourceT.get(key)}`);
    }
    e++;
    lines.push(`E${e}\t${roles.join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}
