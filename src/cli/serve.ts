/** `quipu serve`: the REST API and the web UI over a store, on loopback unless told otherwise. */
import { join } from 'node:path';
import { packageRoot } from '../core/package-paths.ts';
import { safe } from './output.ts';

export interface ServeOptions {
  db: string;
  port: number;
  host: string;
  token?: string;
  allowPrivate: boolean;
}

export async function serveCommand(options: ServeOptions): Promise<void> {
  // Loaded here, not at the top: the server and its API contract (hono, zod, every route's schemas) cost every other
  // command about a tenth of a second of start-up.
  const { startServer } = await import('../server/start.ts');
  const server = await startServer({ ...options, staticDir: join(packageRoot(), 'dist', 'web') });
  for (const warning of server.warnings) process.stderr.write(`quipu: ${safe(warning)}\n`);
  process.stdout.write(`Quipu is serving ${safe(options.db)} at ${server.browserUrl}\nPress Ctrl+C to stop.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
}
