/**
 * The hostile-input suite: every generated case (cases.ts) through the real ingest, each ending in its specific error
 * or in stored articles within the per-item budget, with the store unchanged by a failure. The per-case times are
 * printed as test diagnostics; `npx tsx scripts/hostile.ts` prints them as a table.
 */
import { after, before, test } from 'node:test';
import { hostileCases } from './cases.ts';
import { type HostileBench, hostileBench } from './run.ts';

/** Per-item budget for the suite (seconds): short enough that the "bounded" cases keep the suite a few minutes long. */
const budget = Number(process.env.QUIPU_HOSTILE_TIMEOUT ?? 20);
let bench: HostileBench;
before(async () => {
  bench = await hostileBench(budget * 1000);
});
after(() => bench.close());

for (const testCase of hostileCases) {
  test(`hostile: ${testCase.name}`, { timeout: (budget + 240) * 1000 }, async (t) => {
    const outcome = await bench.run(testCase);
    t.diagnostic(`${outcome.result} in ${(outcome.ms / 1000).toFixed(2)} s`);
    if (!outcome.passed) throw new Error(outcome.problem ?? 'not as expected');
    // The budget is enforced by the worker; the margin covers posting the item, then storing and linking the result on
    // the main thread (outside the budget). The 1 MB one-line pages are the slowest cases that succeed: 11–12 s of CPU
    // in all (worker and main thread) since their quadratic walks went, against 19.5 s of wall time in CI before; the
    // margin leaves room for a loaded CI machine, and a case 2–3 times slower than that fails here.
    const margin = 15;
    if (outcome.ms > (budget + margin) * 1000) throw new Error(`took ${(outcome.ms / 1000).toFixed(1)} s, over the ${budget} s budget and its ${margin} s margin`);
  });
}
