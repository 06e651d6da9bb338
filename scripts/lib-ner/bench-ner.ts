/**
 * NER benchmark: model load time, dev scores and tagging speed per language.
 *
 *   tsx scripts/lib-ner/bench-ner.ts [--data ../shared/data]
 *
 * Speed is reported twice: by wall clock and by this process's CPU time (the second is the
 * one-core figure when other work shares the machine). Tagging covers feature extraction,
 * Viterbi and the forward-backward confidences, as the entities stage runs them.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadNerModel, modelPath, tagSentences } from '../../src/annotate/entities/index.ts';
import { parseConll, splitAtDatelines } from '../../src/eval/ner-conll.ts';
import { evaluateNer, formatNerReport } from '../../src/eval/ner.ts';

const { values } = parseArgs({ options: { data: { type: 'string', default: resolve(import.meta.dirname, '../../../shared/data') } } });
const DEV = { en: 'conll2003/valid.txt', es: 'conll2002-es/esp.testa' } as const;

for (const lang of ['en', 'es'] as const) {
  const started = performance.now();
  const model = loadNerModel(lang);
  const loadMs = performance.now() - started;
  const sizes = ['ner', 'clusters'].map((kind) => {
    const file = modelPath(`${kind}-${lang}.${kind === 'ner' ? 'bin' : 'tsv'}.gz`);
    return `${kind} ${(statSync(file).size / 1e6).toFixed(2)} MB`;
  });
  const text = readFileSync(join(values.data!, DEV[lang]), 'utf8');
  console.log(formatNerReport(evaluateNer(text, lang)));
  const docs = splitAtDatelines(parseConll(text)).map((d) => d.sentences.map((s) => s.tokens));
  const words = docs.reduce((n, d) => n + d.reduce((m, s) => m + s.length, 0), 0);
  const rounds = 3;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let r = 0; r < rounds; r++) for (const doc of docs) tagSentences(model, doc);
  const wall = (performance.now() - wall0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`[${lang}] load ${loadMs.toFixed(0)} ms (${sizes.join(', ')}); ` + `${Math.round((words * rounds) / wall)} words/s wall, ${Math.round((words * rounds) / cpuSeconds)} words/s CPU\n`);
}
