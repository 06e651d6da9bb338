/**
 * The Doc invariants, checked in every test: spans inside the text, layers sorted,
 * stored surface text equal to its slice, sentence and entity edges on token edges.
 */
import type { Doc, Span } from './doc.ts';
import { QuipuError } from './errors.ts';
import { isIsoDate } from './iso-date.ts';

/** Throws a QuipuError (E_INVALID_DOC) describing the first broken invariant; returns the doc otherwise. */
export function validate<D extends Doc>(doc: D): D {
  const fail = (what: string): never => {
    throw new QuipuError('E_INVALID_DOC', `${doc.id}: ${what}`, doc.meta.source);
  };
  const { text } = doc;
  const checkSpans = (layer: string, spans: readonly (Span & { text?: string })[]) => {
    let previous: Span | undefined;
    spans.forEach((span, index) => {
      if (!(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= text.length)) {
        fail(`${layer}[${index}] has offsets ${span.start}..${span.end} outside 0..${text.length}`);
      }
      if (previous && (span.start < previous.start || (span.start === previous.start && span.end < previous.end))) {
        fail(`${layer}[${index}] at ${span.start} is out of order`);
      }
      if (span.text !== undefined && span.text !== text.slice(span.start, span.end)) {
        fail(`${layer}[${index}] stores "${span.text}" but the text there is "${text.slice(span.start, span.end)}"`);
      }
      previous = span;
    });
  };

  if (doc.meta.published !== null && !isIsoDate(doc.meta.published)) fail(`published "${doc.meta.published}" is not an ISO date prefix`);
  let lastText = -1;
  for (const anchor of doc.sourceMap) {
    if (anchor.textOffset < lastText || anchor.textOffset > text.length || anchor.rawOffset < 0) {
      fail(`source map anchor ${anchor.textOffset}→${anchor.rawOffset} is out of order or range`);
    }
    lastText = anchor.textOffset;
  }
  checkSpans('messages', doc.messages);

  const tokens = doc.tokens;
  if (tokens) {
    checkSpans('tokens', tokens);
    tokens.forEach((token, index) => {
      if (token.start === token.end) fail(`tokens[${index}] is empty`);
      const next = tokens[index + 1];
      if (next && next.start < token.end) fail(`tokens[${index}] overlaps the next token`);
    });
  }
  const tokenStarts = new Set(tokens?.map((t) => t.start));
  const tokenEnds = new Set(tokens?.map((t) => t.end));
  const onTokenEdges = (layer: string, spans: readonly (Span & { tokenStart: number; tokenEnd: number })[]) => {
    if (!tokens) fail(`${layer} present without tokens`);
    spans.forEach((span, index) => {
      if (!tokenStarts.has(span.start) || !tokenEnds.has(span.end)) fail(`${layer}[${index}] ${span.start}..${span.end} does not fall on token edges`);
      if (tokens![span.tokenStart]?.start !== span.start || tokens![span.tokenEnd - 1]?.end !== span.end) {
        fail(`${layer}[${index}] token indices ${span.tokenStart}..${span.tokenEnd} disagree with its offsets`);
      }
    });
  };
  if (doc.sentences) {
    checkSpans('sentences', doc.sentences);
    onTokenEdges('sentences', doc.sentences);
  }
  if (doc.entities) {
    checkSpans('entities', doc.entities);
    onTokenEdges('entities', doc.entities);
  }
  if (doc.timexes) checkSpans('timexes', doc.timexes);
  if (doc.roles) checkSpans('roles', doc.roles);
  if (doc.figures) checkSpans('figures', doc.figures);
  if (doc.events) {
    checkSpans('events', doc.events);
    doc.events.forEach((event, index) => {
      const sentence = doc.sentences?.[event.sentence];
      if (!sentence || sentence.start !== event.start || sentence.end !== event.end) fail(`events[${index}] does not cover sentence ${event.sentence}`);
    });
  }
  if (doc.quotes) {
    checkSpans('quotes', doc.quotes);
    doc.quotes.forEach((quote, index) => {
      const parts = [quote.cue, ...(quote.source ? [quote.source] : []), ...quote.content, ...(quote.recipient ? [quote.recipient] : []), ...(quote.subject ? [quote.subject] : [])];
      checkSpans(
        `quotes[${index}] parts`,
        [...parts].sort((a, b) => a.start - b.start || a.end - b.end),
      );
      for (const part of parts) if (part.start < quote.start || part.end > quote.end) fail(`quotes[${index}] has a part outside its extent`);
    });
  }
  return doc;
}
