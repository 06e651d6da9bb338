/// <reference lib="dom" />
/** Ingest: drop or choose files, or paste URLs; each submission is a job whose progress is polled until it ends. */
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type ApiFailure, type Job } from '../api.ts';
import { ErrorNote, number, Title } from '../ui.ts';

const pollMs = 400;

export function Ingest() {
  const [jobs, setJobs] = useState<Job[]>([]);
  const [error, setError] = useState<Error | null>(null);
  const [urls, setUrls] = useState('');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const start = async (init: RequestInit) => {
    setError(null);
    try {
      const job = await api<Job>('/api/ingest', { method: 'POST', ...init });
      setJobs((previous) => [job, ...previous]);
      return true;
    } catch (failure) {
      setError(failure as ApiFailure);
      return false;
    }
  };
  const upload = (files: FileList | File[] | null) => {
    if (!files || files.length === 0) return;
    const form = new FormData();
    for (const file of Array.from(files)) form.append('files', file, file.name);
    void start({ body: form });
    if (fileInput.current) fileInput.current.value = '';
  };
  const submitUrls = async (event: Event) => {
    event.preventDefault();
    const list = urls
      .split(/\s+/)
      .map((u) => u.trim())
      .filter(Boolean);
    if (list.length === 0) return;
    if (await start({ body: JSON.stringify({ urls: list }), headers: { 'Content-Type': 'application/json' } })) setUrls('');
  };
  const update = (job: Job) => setJobs((previous) => previous.map((j) => (j.id === job.id ? job : j)));

  return h(
    'section',
    { class: 'ingest' },
    h(Title, null, 'Ingest'),
    h(
      'div',
      {
        class: `dropzone${dragging ? ' dragging' : ''}`,
        onDragOver: (e: DragEvent) => {
          e.preventDefault();
          setDragging(true);
        },
        onDragLeave: () => setDragging(false),
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          setDragging(false);
          upload(e.dataTransfer?.files ?? null);
        },
      },
      h('p', null, 'Drop articles here: HTML, text, Markdown, PDF, feeds.'),
      h(
        'label',
        { class: 'button' },
        'Choose files…',
        h('input', { type: 'file', multiple: true, ref: fileInput, class: 'visually-hidden', onChange: (e: Event) => upload((e.target as HTMLInputElement).files) }),
      ),
    ),
    h(
      'form',
      { class: 'urls', onSubmit: submitUrls },
      h('label', { for: 'ingest-urls' }, 'Or web pages and feeds, one URL per line'),
      h('textarea', { id: 'ingest-urls', rows: 3, value: urls, placeholder: 'https://…', onInput: (e: Event) => setUrls((e.target as HTMLTextAreaElement).value) }),
      h('button', { type: 'submit' }, 'Ingest URLs'),
    ),
    error ? h(ErrorNote, { error }) : null,
    jobs.length > 0 ? h('h2', null, 'Jobs') : null,
    ...jobs.map((job) => h(JobCard, { job, onUpdate: update, key: job.id })),
  );
}

function JobCard(props: { job: Job; onUpdate: (job: Job) => void }) {
  const { job } = props;
  const finished = job.status === 'done' || job.status === 'failed';
  const [pollError, setPollError] = useState<Error | null>(null);
  useEffect(() => {
    if (finished) return;
    const timer = setTimeout(() => {
      api<Job>(`/api/jobs/${job.id}`).then(props.onUpdate, setPollError);
    }, pollMs);
    return () => clearTimeout(timer);
  }, [job]);
  const handled = job.progress.done + job.progress.failed;
  const inserted = job.articles.filter((a) => a.status === 'inserted');
  const duplicates = job.articles.filter((a) => a.status === 'duplicate');
  return h(
    'section',
    { class: `job job-${job.status}`, 'aria-label': `Job: ${job.inputs.slice(0, 3).join(', ')}` },
    h('h3', null, job.inputs.length === 1 ? job.inputs[0] : `${number(job.inputs.length)} items`),
    h('progress', { max: Math.max(job.progress.total, 1), value: finished ? Math.max(job.progress.total, 1) : handled, 'aria-label': 'Progress' }),
    h(
      'p',
      { class: 'job-status', 'aria-live': 'polite' },
      `${statusText(job)} · ${number(handled)} of ${number(job.progress.total)} items · ${number(job.ingested)} new, ${number(job.duplicates)} already stored, ${number(job.progress.failed)} failed`,
    ),
    job.error ? h('p', { class: 'error' }, job.error.message) : null,
    pollError ? h(ErrorNote, { error: pollError }) : null,
    inserted.length > 0
      ? h(
          'ul',
          { class: 'job-articles' },
          ...inserted.map((a) => h('li', null, h('a', { href: `/articles/${a.id}` }, a.title?.trim() || '(untitled)'), h('span', { class: 'muted' }, ` · ${a.source}`))),
        )
      : null,
    duplicates.length > 0
      ? h(
          'details',
          null,
          h('summary', null, `${number(duplicates.length)} already stored`),
          h('ul', null, ...duplicates.map((a) => h('li', null, h('a', { href: `/articles/${a.id}` }, a.title?.trim() || '(untitled)')))),
        )
      : null,
    job.errors.length > 0 ? h('ul', { class: 'job-errors' }, ...job.errors.map((e) => h('li', null, h('strong', null, e.item), ` — ${e.message} `, h('code', null, e.code)))) : null,
  );
}

function statusText(job: Job): string {
  return { queued: 'Waiting', running: 'Working', done: 'Done', failed: 'Stopped' }[job.status];
}
