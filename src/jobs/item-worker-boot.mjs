// Worker threads do not inherit tsx's module hooks from the thread that starts them: register them here,
// then load the TypeScript worker. The bundled CLI starts dist/item-worker.mjs directly instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
