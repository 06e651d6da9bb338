/**
 * Everything `quipu serve` (and `quipu demo` after its ingest) needs in one call: open and migrate the store, build the
 * pipeline, find the web build, refuse an unprotected non-loopback bind, and serve. The CLI only parses flags and prints.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { QuipuError } from '../core/errors.ts';
import { defaultItemTimeoutMs } from '../jobs/item-runner.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { openRepository } from '../store/open.ts';
import { processIngest } from './ingest-process.ts';
import { defaultMaxUploadBytes, isLoopbackHost, serve } from './serve.ts';

export interface StartOptions {
  /** A SQLite file or a postgres:// URL. */
  db: string;
  port: number;
  host: string;
  token?: string;
  allowPrivate: boolean;
  /** The vite build (dist/web); when it has no index.html the API runs alone and `warnings` says so. */
  staticDir: string;
  maxUploadBytes?: number;
  /** Time budget per ingested item, in ms (default `QUIPU_ITEM_TIMEOUT` or 60 s). */
  itemTimeoutMs?: number;
}

export interface StartedServer {
  url: string;
  /** The URL to open in a browser: with `#token=…` when a token is set (the fragment never reaches the server's logs). */
  browserUrl: string;
  warnings: string[];
  close(): Promise<void>;
}

/** Opens the store and serves it; `close()` stops the server, waits for ingest jobs, and closes the store. */
export async function startServer(options: StartOptions): Promise<StartedServer> {
  if (!isLoopbackHost(options.host) && !options.token) {
    throw new QuipuError(
      'E_CONFIG',
      `Refusing to serve on ${options.host} without a token: anyone on the network could read and change the store. Pass --token (or QUIPU_TOKEN), or bind to 127.0.0.1.`,
    );
  }
  const warnings: string[] = [];
  const hasWeb = existsSync(join(options.staticDir, 'index.html'));
  if (!hasWeb) warnings.push(`No web UI build in ${options.staticDir}; serving the API only. Build it with \`npm run build:web\`.`);
  const repository = openRepository(options.db);
  // Uploads are ingested whole in a child process, items read and annotated in its worker: a hostile page costs its own
  // budget, never the API's answers, and the server holds neither the models nor linking's working memory. The child
  // is stopped when uploads leave it idle (ingest-process.ts).
  const ingestProcess = processIngest({ store: options.db, timeoutMs: options.itemTimeoutMs ?? defaultItemTimeoutMs() });
  try {
    await repository.migrate();
    const running = await serve({
      port: options.port,
      host: options.host,
      repository,
      pipeline: await defaultPipeline(),
      ingestProcess,
      allowPrivate: options.allowPrivate,
      maxUploadBytes: options.maxUploadBytes ?? defaultMaxUploadBytes,
      ...(options.token ? { token: options.token } : {}),
      ...(hasWeb ? { staticDir: options.staticDir } : {}),
    });
    return {
      url: running.url,
      browserUrl: options.token ? `${running.url}/#token=${encodeURIComponent(options.token)}` : `${running.url}/`,
      warnings,
      close: async () => {
        await running.close();
        await ingestProcess.close();
        await repository.close();
      },
    };
  } catch (error) {
    await ingestProcess.close();
    await repository.close();
    throw error;
  }
}
