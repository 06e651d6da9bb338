/**
 * Golden files as JSON with one record per line: the top two levels of arrays and objects are opened, anything deeper
 * (an annotation's offsets and labels) stays on its line, so a review diff shows which annotation of which article changed.
 */
export function goldenJson(value: unknown): string {
  return `${write(value, 0)}\n`;
}

const opened = 3;

function write(value: unknown, depth: number): string {
  const pad = ' '.repeat(depth + 1);
  const close = ' '.repeat(depth);
  if (depth < opened && Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null)) {
    return value.length === 0 ? '[]' : `[\n${value.map((v) => pad + write(v, depth + 1)).join(',\n')}\n${close}]`;
  }
  if (depth < opened - 1 && typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const entries = Object.entries(value);
    return entries.length === 0 ? '{}' : `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${write(v, depth + 1)}`).join(',\n')}\n${close}}`;
  }
  return JSON.stringify(value);
}
