/**
 * The worker thread behind `workerRunner`: loads the default pipeline once, warms its models and the HTML
 * reader before saying it is ready (so a budget counts an item's own work only), then reads and annotates items.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { adoptModelParts, type ModelParts } from '../annotate/model-parts.ts';
import { asQuipuError } from '../core/errors.ts';
import { collectWhenGrown } from './heap.ts';
import { inThreadRunner, type WorkerReply, type WorkerRequest } from './item-runner.ts';
import { defaultPipeline } from './pipeline.ts';

const port = parentPort;
if (!port) throw new Error('item-worker runs as a worker thread only');

// The weight tables the starting thread decoded, on shared memory (item-runner.ts): not read from the files again.
const { models } = workerData as { models?: ModelParts };
if (models) adoptModelParts(models);
const pipeline = await defaultPipeline();
const runner = inThreadRunner(pipeline);
const warmUp = 'The council of Valmora met on Tuesday, 7 October 2025. "We will vote again," said the mayor, Ines Arrate.';
for (const contentType of ['text/plain', 'text/html']) {
  const bytes = Buffer.from(contentType === 'text/html' ? `<html><body><p>${warmUp}</p></body></html>` : warmUp);
  await runner.run({ locator: 'warm-up', bytes, contentType, charset: 'utf-8' });
}
// Loading and warming left tens of megabytes of garbage (the model files, their decoding, jsdom's first page): a
// process starting two threads held it twice over at its peak.
collectWhenGrown(0);
port.postMessage({ kind: 'ready' } satisfies WorkerReply);

port.on('message', async ({ id, item }: WorkerRequest) => {
  try {
    const result = await runner.run(item);
    port.postMessage({ kind: 'done', id, result } satisfies WorkerReply);
  } catch (error) {
    const failure = asQuipuError(error, item.locator);
    // A RangeError from a parser ("Maximum call stack size exceeded") does not say which item it is about.
    const message = failure.message.includes(item.locator) ? failure.message : `${item.locator}: ${failure.message}`;
    port.postMessage({ kind: 'failed', id, error: { code: failure.code, message, ...(failure.item ? { item: failure.item } : { item: item.locator }) } } satisfies WorkerReply);
  }
  // Once this handler has returned, so that the item and its docs are garbage too.
  setImmediate(collectWhenGrown);
});
