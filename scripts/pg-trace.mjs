/**
 * Preload that counts a process's PostgreSQL round trips: `node --import ./scripts/pg-trace.mjs …` with
 * QUIPU_FROM_SOURCE=1 (the bundle carries its own copy of pg) and PG_TRACE=<file>. On exit it writes, as JSON, the
 * queries by statement (count, total ms from send to answer), the wall time with at least one query outstanding, and
 * the process's CPU; the store's and pg-boss's statements are told apart by their text.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.cwd(), 'package.json'));
const pg = require('pg');
const out = process.env.PG_TRACE;
const statements = new Map();
let outstanding = 0;
let busySince = 0;
let waitingMs = 0;
const started = performance.now();
const startCpu = process.cpuUsage();

const begin = () => {
  if (outstanding++ === 0) busySince = performance.now();
  return performance.now();
};
const end = (text, sentAt) => {
  const now = performance.now();
  if (--outstanding === 0) waitingMs += now - busySince;
  const key = text.replace(/\s+/g, ' ').slice(0, 160);
  const entry = statements.get(key) ?? { count: 0, ms: 0 };
  entry.count++;
  entry.ms += now - sentAt;
  statements.set(key, entry);
};

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function traced(config, values, callback) {
  const text = typeof config === 'string' ? config : (config?.text ?? (config?.name ? `[named ${config.name}]` : '?'));
  if (typeof config?.submit === 'function' && !config.text) return query.call(this, config, values, callback);
  const sentAt = begin();
  const last = [config, values, callback].findLastIndex((a) => typeof a === 'function');
  if (last >= 0) {
    const args = [config, values, callback];
    const original = args[last];
    args[last] = (...results) => {
      end(text, sentAt);
      original(...results);
    };
    return query.apply(this, args);
  }
  const result = query.call(this, config, values, callback);
  if (result && typeof result.then === 'function')
    result.then(
      () => end(text, sentAt),
      () => end(text, sentAt),
    );
  else end(text, sentAt);
  return result;
};

process.on('exit', () => {
  if (!out) return;
  const cpu = process.cpuUsage(startCpu);
  const rows = [...statements].map(([text, s]) => ({ text, ...s })).sort((a, b) => b.ms - a.ms);
  writeFileSync(
    out,
    JSON.stringify({ wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, waitingMs, queries: rows.reduce((n, r) => n + r.count, 0), statements: rows }, null, 1),
  );
});
