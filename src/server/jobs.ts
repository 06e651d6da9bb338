/**
 * Ingest jobs started through the API: kept in memory (the last `keep` of them), run one at a time so
 * two uploads never compete for the store's writer, each reporting per-item progress as the ingest job emits it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import type { Pipeline } from '../core/pipeline.ts';
import { ingest, type IngestedArticle, type IngestEvent, type IngestFailure } from '../jobs/ingest-job.ts';
import type { ItemRunner } from '../jobs/item-runner.ts';
import type { Repository } from '../store/repository.ts';
import type { IngestProcess } from './ingest-process.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobState {
  id: string;
  kind: 'upload' | 'urls';
  status: JobStatus;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** What was submitted: file names or URLs. */
  inputs: string[];
  /** `total` is the number of inputs, raised when a feed turns out to hold more items. */
  progress: { total: number; done: number; failed: number };
  ingested: number;
  duplicates: number;
  articles: IngestedArticle[];
  /** One entry per failed item, with the item named as the user named it. */
  errors: IngestFailure[];
  /** Set when the job itself broke (not one of its items). */
  error: { code: string; message: string } | null;
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface JobRunnerOptions {
  repository: Repository;
  pipeline: Pipeline;
  /** Where items are read and annotated; default: this thread. */
  runner?: ItemRunner;
  allowPrivate: boolean;
  /** Largest single item read (a file or a fetched page). */
  maxItemBytes: number;
  /** How many finished jobs to remember. */
  keep?: number;
  /** Where a job's unexpected failure is reported (the server log). */
  onError?: (error: unknown) => void;
  /**
   * Where jobs run whole (ingest-process.ts: a child process that stores and links on its own connection); default:
   * this process, with `runner`.
   */
  process?: IngestProcess;
  /** Called when a job has written to the store: after each item it stored, and at its end. */
  onWrite?: () => void;
}

export class JobRunner {
  private readonly jobs = new Map<string, JobState>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: JobRunnerOptions) {}

  get(id: string): JobState | undefined {
    return this.jobs.get(id);
  }

  /** Resolves when every job submitted so far has finished (for tests and shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Queues the ingest of uploaded files; they are written to a private temporary folder, ingested, and removed. */
  submitUpload(files: readonly UploadedFile[]): JobState {
    const names = uniqueNames(files.map((f) => f.name));
    const job = this.create('upload', names);
    this.enqueue(job, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'quipu-upload-'));
      try {
        const paths = names.map((name) => join(dir, name));
        await Promise.all(files.map((file, index) => writeFile(paths[index]!, file.bytes, { mode: 0o600 })));
        // The job reports items by path; the user knows them by the names they uploaded.
        await this.runIngest(job, paths, (text) => text.split(dir + sep).join(''));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
    return job;
  }

  /** Queues the ingest of web pages and feeds. */
  submitUrls(urls: readonly string[]): JobState {
    const job = this.create('urls', [...urls]);
    this.enqueue(job, () => this.runIngest(job, urls, (item) => item));
    return job;
  }

  private create(kind: JobState['kind'], inputs: string[]): JobState {
    const job: JobState = {
      id: randomUUID(),
      kind,
      status: 'queued',
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      inputs,
      progress: { total: inputs.length, done: 0, failed: 0 },
      ingested: 0,
      duplicates: 0,
      articles: [],
      errors: [],
      error: null,
    };
    this.jobs.set(job.id, job);
    this.forget();
    return job;
  }

  private enqueue(job: JobState, work: () => Promise<void>): void {
    this.queue = this.queue.then(async () => {
      job.status = 'running';
      job.startedAt = new Date().toISOString();
      try {
        await work();
        job.status = 'done';
      } catch (error) {
        job.status = 'failed';
        job.error = { code: 'E_INTERNAL', message: 'The job stopped on an unexpected error; the server log has the details.' };
        this.options.onError?.(error);
      }
      job.finishedAt = new Date().toISOString();
    });
  }

  private async runIngest(job: JobState, inputs: readonly string[], shown: (text: string) => string): Promise<void> {
    const onEvent = (event: IngestEvent) => {
      if (event.kind === 'item-done') {
        job.progress.done++;
        for (const article of event.articles) {
          job.articles.push({ ...article, source: shown(article.source) });
          if (article.status === 'inserted') job.ingested++;
          else job.duplicates++;
        }
      } else {
        job.progress.failed++;
        job.errors.push({ ...event.failure, item: shown(event.failure.item), message: shown(event.failure.message) });
      }
      job.progress.total = Math.max(job.progress.total, job.progress.done + job.progress.failed);
    };
    const { repository, pipeline, runner, allowPrivate, maxItemBytes, process, onWrite } = this.options;
    try {
      if (process) {
        await process.run(inputs, { allowPrivate, maxBytes: maxItemBytes }, (event) => {
          if (event.kind === 'item-done') onWrite?.();
          onEvent(event);
        });
      } else await ingest(inputs, repository, { pipeline, ...(runner ? { runner } : {}), allowPrivate, maxBytes: maxItemBytes, onEvent });
    } finally {
      onWrite?.();
    }
  }

  /** Drops the oldest finished jobs beyond `keep`. */
  private forget(): void {
    const keep = this.options.keep ?? 200;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= keep) break;
      if (job.status === 'done' || job.status === 'failed') this.jobs.delete(id);
    }
  }
}

/** Safe, distinct file names: no folders, no control characters, no leading dot, at most 120 characters. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((raw, index) => {
    const base = (raw.split(/[\\/]/).pop() ?? '')
      .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
      .replace(/^\.+/, '')
      .trim()
      .slice(-120);
    let name = base || `upload-${index + 1}`;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${n}-${base || `upload-${index + 1}`}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
