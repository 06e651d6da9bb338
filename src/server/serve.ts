/**
 * Runs the API and web UI on a node HTTP server. Loopback by default; on a loopback address the app also
 * refuses foreign Host names, so a DNS-rebinding page cannot read the store through the user's browser.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve as nodeServe } from '@hono/node-server';
import { QuipuError } from '../core/errors.ts';
import { type AppOptions, createApp } from './app.ts';

export interface ServeOptions extends Omit<AppOptions, 'allowedHosts' | 'maxUploadBytes'> {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 50 MB. */
  maxUploadBytes?: number;
}

export interface RunningServer {
  /** `http://host:port`, the port resolved when 0 was asked for. */
  url: string;
  /** Stops accepting connections, drops idle ones, and waits for running ingest jobs to end. */
  close(): Promise<void>;
}

export const defaultMaxUploadBytes = 50 * 1024 * 1024;
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True when `host` names a loopback interface only. */
export function isLoopbackHost(host: string): boolean {
  return loopbackHosts.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Why the server could not listen, and what to do about it. */
function listenFailure(host: string, port: number, error: NodeJS.ErrnoException): string {
  if (error.code === 'EADDRINUSE') {
    return `Port ${port} on ${host} is already in use, perhaps by another quipu serve. Stop that program, or pick another port with --port N (--port 0 picks a free one).`;
  }
  if (error.code === 'EACCES') return `Not allowed to listen on port ${port} on ${host}: ports below 1024 need administrator rights. Pick a port such as --port 8080.`;
  if (error.code === 'EADDRNOTAVAIL') return `This machine has no address ${host}: pass --host 127.0.0.1, or an address of one of its network interfaces.`;
  return `Cannot listen on ${host}:${port}: ${error.code ?? error.message}`;
}

/** Starts the server and resolves once it listens. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new QuipuError('E_CONFIG', `serve: port must be a whole number from 0 to 65535, not ${options.port}`);
  }
  const app = createApp({
    ...options,
    maxUploadBytes: options.maxUploadBytes ?? defaultMaxUploadBytes,
    ...(isLoopbackHost(host) ? { allowedHosts: ['127.0.0.1', 'localhost', '::1', host] } : {}),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const created = nodeServe({ fetch: app.fetch, port: options.port, hostname: host }, () => resolve(created as Server)) as Server;
    created.once('error', (error: NodeJS.ErrnoException) => reject(new QuipuError('E_CONFIG', listenFailure(host, options.port, error), undefined, { cause: error })));
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // A browser may hold a keep-alive connection open mid-request; do not wait on it for long.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      });
      await app.jobs.idle();
    },
  };
}
