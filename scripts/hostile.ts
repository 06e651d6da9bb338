/**
 * The hostile-input suite as a table: every generated case through the real ingest, with its result and time (wall and CPU).
 * `npx tsx scripts/hostile.ts [--timeout S] [--only TEXT]`; exits 1 when a case does not end as expected.
 */
import { parseArgs } from 'node:util';
import { hostileCases } from '../test/hostile/cases.ts';
import { hostileBench } from '../test/hostile/run.ts';

const { values } = parseArgs({ options: { timeout: { type: 'string', default: '30' }, only: { type: 'string' } } });
const bench = await hostileBench(Number(values.timeout) * 1000);
const cases = hostileCases.filter((c) => !values.only || c.name.includes(values.only));
process.stdout.write('| case | result | time (s) | CPU (s) | as expected |\n| --- | --- | ---: | ---: | --- |\n');
let failed = 0;
for (const testCase of cases) {
  const outcome = await bench.run(testCase);
  if (!outcome.passed) failed++;
  process.stdout.write(`| ${outcome.name} | ${outcome.result} | ${(outcome.ms / 1000).toFixed(2)} | ${(outcome.cpuMs / 1000).toFixed(2)} | ${outcome.passed ? 'yes' : `no: ${outcome.problem}`} |\n`);
}
await bench.close();
process.exitCode = failed > 0 ? 1 : 0;
