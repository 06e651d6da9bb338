/// <reference lib="dom" />
/** The timeline: dated sentences from every article, by date, filtered by entity and date range; each links to its sentence. */
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Page, query, type TimelineEvent } from '../api.ts';
import { entityHref, ErrorNote, Loading, navigate, number, Pager, spanHref, Title, titleText, useApi, useLocation, withParams } from '../ui.ts';

const pageSize = 100;

export function Timeline() {
  const loc = useLocation();
  const filters = { entity: loc.params.get('entity') ?? '', from: loc.params.get('from') ?? '', to: loc.params.get('to') ?? '' };
  const offset = Number(loc.params.get('offset') ?? 0) || 0;
  const page = useApi<Page<TimelineEvent>>(`/api/timeline${query({ ...filters, limit: pageSize, offset })}`);
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [loc.params.toString()]);
  const field = (name: keyof typeof draft, label: string, attributes: Record<string, unknown>) =>
    h('label', null, h('span', null, label), h('input', { name, value: draft[name], onInput: (e: Event) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value }), ...attributes }));
  const datePattern = { pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?', title: 'A date: 2023, 2023-01 or 2023-01-10', size: 10 };

  // Consecutive events of one date share a heading.
  const days: { date: string; events: TimelineEvent[] }[] = [];
  for (const event of page.data?.items ?? []) {
    const last = days[days.length - 1];
    if (last && last.date === event.date) last.events.push(event);
    else days.push({ date: event.date, events: [event] });
  }

  return h(
    'section',
    null,
    h(Title, null, filters.entity ? `Timeline: ${filters.entity}` : 'Timeline'),
    h(
      'form',
      {
        class: 'filters',
        role: 'search',
        'aria-label': 'Filter the timeline',
        onSubmit: (e: Event) => {
          e.preventDefault();
          navigate(withParams(loc, { ...draft, offset: null }));
        },
      },
      field('entity', 'Entity', { placeholder: 'Etxeberri', maxLength: 200 }),
      field('from', 'From', { placeholder: '2025-11', ...datePattern }),
      field('to', 'To', { placeholder: '2025-12', ...datePattern }),
      h('button', { type: 'submit' }, 'Filter'),
      Object.values(filters).some(Boolean) ? h('a', { href: '/timeline', class: 'clear' }, 'Clear') : null,
    ),
    page.error ? h(ErrorNote, { error: page.error }) : null,
    page.data
      ? h(
          'div',
          { class: page.loading ? 'stale' : '' },
          h('p', { class: 'muted', 'aria-live': 'polite' }, page.data.total === 1 ? '1 event' : `${number(page.data.total)} events`),
          h(
            'ol',
            { class: 'timeline' },
            ...days.map((day) =>
              h(
                'li',
                { key: day.date },
                h('h2', { class: 'day' }, h('time', null, day.date)),
                h(
                  'ul',
                  null,
                  ...day.events.map((e) =>
                    h(
                      'li',
                      { class: 'event', key: `${e.article.id}:${e.start}` },
                      h('a', { href: spanHref(e.article.id, e.start, e.end), class: 'sentence' }, e.text),
                      h(
                        'div',
                        { class: 'muted' },
                        [e.article.outlet, e.article.published && `reported ${e.article.published}`].filter(Boolean).join(' · '),
                        ' · ',
                        titleText(e.article.title),
                        e.inherited ? ' · date from the narrative' : '',
                      ),
                      e.entities.length > 0
                        ? h(
                            'ul',
                            { class: 'chips', 'aria-label': 'Entities' },
                            ...e.entities.map((x) => h('li', { key: x.key }, h('a', { href: entityHref(x.key), class: `tag entity-${x.type}` }, x.name))),
                          )
                        : null,
                    ),
                  ),
                ),
              ),
            ),
          ),
          h(Pager, { ...page.data, label: 'Event' }),
        )
      : page.loading
        ? h(Loading, null)
        : null,
  );
}
