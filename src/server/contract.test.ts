/**
 * The API against its contract, on a store ingested from the samples: every operation of the OpenAPI document is
 * called with its defaults, with each parameter at its edges, and with each parameter malformed; every answer must
 * have a documented status and match the documented schema (strict: an undeclared field fails), every refusal must be
 * a 400 in the documented error shape that names the parameter. And the app routes exactly what the document lists.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { z } from '@hono/zod-openapi';
import { openApiDocument, routes } from '../contract/routes.ts';
import type * as schemas from '../contract/schemas.ts';
import type { LayerName, SourceKind } from '../core/doc.ts';
import type { Happening } from '../link/date-conflicts.ts';
import type { Verdict } from '../link/figure-groups.ts';
import type { ClaimSort } from '../analyze/claims.ts';
import type { GraphLink } from '../analyze/graph.ts';
import { ingest } from '../jobs/ingest-job.ts';
import { defaultPipeline } from '../jobs/pipeline.ts';
import { openRepository } from '../store/open.ts';
import type { Repository } from '../store/repository.ts';
import { createApp } from './app.ts';

const samples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples', 'articles');
const document = openApiDocument();

interface ParameterSchema {
  type?: string;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  example?: string;
}
interface Parameter {
  name: string;
  in: 'query' | 'path';
  required?: boolean;
  schema: ParameterSchema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  responses: Record<string, unknown>;
}

const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) => Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({ path, method, operation })));

let dir: string;
let repository: Repository;
let app: ReturnType<typeof createApp>;
/** A real value for each path parameter, so that the default call of a route finds something. */
const pathValues = new Map<string, Record<string, string>>();

/** The zod schema the contract declares for `operationId`'s answer with `status`, or null when that status is undocumented. */
function responseSchema(operationId: string, status: number): z.ZodType | null {
  const route = (routes as Record<string, { responses: Record<string, { content?: Record<string, { schema: z.ZodType }> }> }>)[operationId];
  assert.ok(route, `the document's ${operationId} is a route of the contract`);
  return route.responses[String(status)]?.content?.['application/json']?.schema ?? null;
}

/** Calls the app and checks the answer against the contract; returns status and body. */
async function call(operationId: string, url: string, init?: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await app.request(url, init);
  const body = (await response.json()) as unknown;
  const schema = responseSchema(operationId, response.status);
  assert.ok(schema, `${url} answered ${response.status}, a status ${operationId} does not document: ${JSON.stringify(body).slice(0, 300)}`);
  const checked = schema.safeParse(body);
  assert.ok(checked.success, `${url} (${response.status}) does not match the documented schema: ${checked.success ? '' : JSON.stringify(checked.error.issues.slice(0, 5))}`);
  return { status: response.status, body };
}

/** The operation's URL with real path values and each required query parameter given. */
const baseUrl = (path: string, operation: Operation) =>
  withQuery(
    fill(path, pathValues.get(path) ?? {}),
    Object.fromEntries((operation.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => [p.name, edgeValues(p.schema, true)[0]!])),
  );

const fill = (path: string, values: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? `missing-${name}`));
const withQuery = (url: string, query: Record<string, string>) => {
  const [path, given] = url.split('?');
  const search = new URLSearchParams(given);
  for (const [name, value] of Object.entries(query)) search.set(name, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path!;
};

/** Values a parameter's documented schema allows, at its edges. */
function edgeValues(schema: ParameterSchema, required = false): string[] {
  if (schema.enum) return schema.enum;
  if (schema.type === 'integer') return [String(schema.minimum ?? 0), String(schema.maximum ?? 1)];
  if (schema.pattern?.includes('\\d{4}')) return ['2023', '2023-01', '2023-01-10'];
  if (schema.example) return [schema.example, ...schema.example.split(','), ''];
  if (schema.pattern) return ['en', 'und'];
  return ['Etxeberri', 'x'.repeat(schema.maxLength ?? 1), ...(required ? [] : ['  '])];
}

/** Values a parameter's documented schema refuses. */
function invalidValues(schema: ParameterSchema): string[] {
  if (schema.enum) return ['bogus', `${schema.enum[0]}x`];
  if (schema.type === 'integer') return [...new Set(['abc', '1.5', '1e2', String((schema.minimum ?? 0) - 1), String((schema.maximum ?? 1) + 1)])];
  if (schema.pattern?.includes('\\d{4}')) return ['2023-13', '2023-02-30', 'yesterday', '23'];
  if (schema.example) return ['bogus', `${schema.example},bogus`];
  if (schema.pattern) return ['english', 'EN', 'e'];
  if (schema.maxLength) return ['x'.repeat(schema.maxLength + 1)];
  return [];
}

/** Each query parameter of each GET operation, with the URL of the operation's default call. */
function* queryParameters() {
  for (const { path, method, operation } of operations) {
    if (method !== 'get') continue;
    const base = baseUrl(path, operation);
    for (const parameter of operation.parameters ?? []) if (parameter.in === 'query') yield { path, operation, base, parameter };
  }
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quipu-contract-'));
  repository = openRepository(join(dir, 'store.db'));
  await repository.migrate();
  const pipeline = await defaultPipeline();
  const summary = await ingest([samples], repository, { pipeline });
  assert.equal(summary.failed.length, 0, JSON.stringify(summary.failed));
  app = createApp({ repository, pipeline, allowPrivate: false, maxUploadBytes: 64 * 1024, logError: () => undefined });

  const article = ((await (await app.request('/api/articles?limit=1')).json()) as { items: { id: string }[] }).items[0]!;
  pathValues.set('/api/articles/{id}', { id: article.id });
  pathValues.set('/api/articles/{id}/source', { id: article.id });
  const copy = ((await (await app.request('/api/copies?limit=1')).json()) as { items: { copy: { id: string }; original: { id: string } }[] }).items[0]!;
  pathValues.set('/api/copies/{copy}/{original}', { copy: copy.copy.id, original: copy.original.id });
  const entity = ((await (await app.request('/api/entities?type=PER&limit=1')).json()) as { items: { key: string }[] }).items[0]!;
  pathValues.set('/api/entities/{key}', { key: entity.key });
  const form = new FormData();
  form.append('files', new File(['A short note from Lisca about the contract test, dated 3 March 2023.'], 'note.txt', { type: 'text/plain' }));
  const job = (await (await app.request('/api/ingest', { method: 'POST', body: form })).json()) as { id: string };
  pathValues.set('/api/jobs/{id}', { id: job.id });
  await app.jobs.idle();
});

after(async () => {
  await app.jobs.idle();
  await repository.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('contract', () => {
  test('contract: the app routes every operation of the document, and the document lists every API route of the app', () => {
    const routed = new Set(
      app.routes
        .filter((route) => route.path.startsWith('/api/') && !route.path.includes('*') && route.method !== 'ALL')
        .map((route) => `${route.method.toLowerCase()} ${route.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(operations.map(({ method, path }) => `${method} ${path}`));
    assert.deepEqual(
      [...routed].filter((r) => !documented.has(r)),
      [],
      'routed but not documented',
    );
    assert.deepEqual(
      [...documented].filter((d) => !routed.has(d)),
      [],
      'documented but not routed',
    );
    assert.deepEqual(operations.map((o) => o.operation.operationId).sort(), Object.keys(routes).sort());
  });

  test('contract: every GET answers its default call with a documented 200 whose body matches the schema', async () => {
    for (const { path, method, operation } of operations) {
      if (method !== 'get') continue;
      const { status } = await call(operation.operationId, baseUrl(path, operation));
      assert.equal(status, 200, path);
    }
  });

  test('contract: each query parameter at its edges (enum values, least and greatest numbers, date precisions, every layer) answers a documented schema', async () => {
    let calls = 0;
    for (const { path, operation, base, parameter } of queryParameters()) {
      for (const value of edgeValues(parameter.schema, parameter.required)) {
        const { status } = await call(operation.operationId, withQuery(base, { [parameter.name]: value }));
        assert.equal(status, 200, `${path}?${parameter.name}=${value}`);
        calls++;
      }
    }
    assert.ok(calls > 80, `${calls} calls`);
  });

  test('contract: every layer the full article has can be asked for alone (?layers=figures was refused)', async () => {
    const { id } = pathValues.get('/api/articles/{id}')!;
    const full = (await call('getArticle', `/api/articles/${id}`)).body as { layers: Record<string, unknown[]> };
    assert.ok(Object.keys(full.layers).includes('figures'));
    for (const name of Object.keys(full.layers)) {
      const narrowed = (await call('getArticle', `/api/articles/${id}?layers=${name}`)).body as { layers: Record<string, unknown[]> };
      assert.deepEqual(Object.keys(narrowed.layers), [name]);
      assert.deepEqual(narrowed.layers[name], full.layers[name]);
    }
  });

  test('contract: each malformed query parameter is a documented 400 {error: {code: E_CONFIG, message}} naming the parameter', async () => {
    let calls = 0;
    for (const { path, operation, base, parameter } of queryParameters()) {
      const values = invalidValues(parameter.schema);
      assert.ok(values.length > 0, `no malformed value for ${path} ${parameter.name}`);
      for (const value of values) {
        const { status, body } = await call(operation.operationId, withQuery(base, { [parameter.name]: value }));
        const { error } = body as { error: { code: string; message: string } };
        assert.equal(status, 400, `${path}?${parameter.name}=${value}`);
        assert.equal(error.code, 'E_CONFIG');
        assert.ok(error.message.startsWith(`${parameter.name} `), `${path}?${parameter.name}=${value}: ${error.message}`);
        calls++;
      }
      if (parameter.required) assert.equal((await call(operation.operationId, fill(path, pathValues.get(path) ?? {}))).status, 400, `${path} without ${parameter.name}`);
    }
    assert.ok(calls > 60, `${calls} calls`);
  });

  test('contract: an overlong path parameter is a documented 400, an unknown one a documented 404', async () => {
    for (const { path, method, operation } of operations) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      if (method !== 'get' || names.length === 0) continue;
      const real = pathValues.get(path)!;
      for (const name of names) {
        assert.equal((await call(operation.operationId, fill(path, { ...real, [name]: 'x'.repeat(201) }))).status, 400, `${path} ${name} too long`);
        assert.equal((await call(operation.operationId, fill(path, { ...real, [name]: 'no-such-thing' }))).status, 404, `${path} ${name} unknown`);
      }
    }
  });

  test('contract: POST /api/ingest answers a documented 202 job for files and documented 400s for bodies the schema refuses', async () => {
    const form = new FormData();
    form.append('files', new File(['Another short note from Ostrel, written for the contract test on 4 March 2023.'], 'other.txt', { type: 'text/plain' }));
    assert.equal((await call('ingest', '/api/ingest', { method: 'POST', body: form })).status, 202);
    for (const body of [
      '{',
      '{}',
      '{"urls": []}',
      '{"urls": "https://x.example/"}',
      '{"urls": [3]}',
      JSON.stringify({ urls: Array(101).fill('https://x.example/') }),
      JSON.stringify({ urls: [`https://x.example/${'a'.repeat(2048)}`] }),
    ]) {
      const answer = await call('ingest', '/api/ingest', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      assert.equal(answer.status, 400, body.slice(0, 40));
    }
    assert.equal((await call('ingest', '/api/ingest', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })).status, 400);
  });
});

// The contract's lists of values are the domain's: a value added on one side and not the other fails typechecking here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameLists: [
  Same<z.output<typeof schemas.Verdict>, Verdict>,
  Same<z.output<typeof schemas.Happening>, Happening>,
  Same<z.output<typeof schemas.GraphLink>, GraphLink>,
  Same<z.output<typeof schemas.ClaimSort>, ClaimSort>,
  Same<z.output<typeof schemas.Claim>['speakerKind'], SourceKind | null>,
  Same<z.output<typeof schemas.LayerName>, LayerName>,
] = [true, true, true, true, true, true];
void sameLists;
