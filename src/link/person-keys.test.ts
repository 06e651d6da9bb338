import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergePersonKeys } from './person-keys.ts';

const merge = (...keys: [string, number][]) => Object.fromEntries(mergePersonKeys(keys.map(([key, mentions]) => ({ key, mentions }))));

test('person keys: a shorter name joins the one person it fits, under the most mentioned form', () => {
  assert.deepEqual(merge(['aurelio-carcamo', 3], ['aurelio-carcamo-ibarra', 9]), { 'aurelio-carcamo': 'aurelio-carcamo-ibarra' });
  assert.deepEqual(merge(['ramiro-etxeberri', 20], ['ramiro-etxeberri-salcedo', 3], ['etxeberri', 30], ['mr-etxeberri', 2], ['etxeberri-salcedo', 1]), {
    'ramiro-etxeberri-salcedo': 'ramiro-etxeberri', etxeberri: 'ramiro-etxeberri', 'mr-etxeberri': 'ramiro-etxeberri', 'etxeberri-salcedo': 'ramiro-etxeberri',
  });
  // the two surnames alone, and a role word in front
  assert.deepEqual(merge(['florencio-mamani-quispe', 3], ['mamani-quispe', 1]), { 'mamani-quispe': 'florencio-mamani-quispe' });
  assert.deepEqual(merge(['valeria-ugarte-davila', 5], ['congresswoman-valeria-ugarte-davila', 2]), { 'congresswoman-valeria-ugarte-davila': 'valeria-ugarte-davila' });
});

test('person keys: a name that fits two people joins neither; names that only share a surname stay apart', () => {
  assert.deepEqual(merge(['teodoro-brizuela-lanz', 6], ['teodoro-alcides-brizuela-prado', 2], ['teodoro-brizuela', 2]), {});
  assert.deepEqual(merge(['keiko-fujimori', 12], ['alberto-fujimori', 10], ['fujimori', 8]), {});
  assert.deepEqual(merge(['keiko-fujimori', 12], ['kenji-fujimori', 1], ['fujimori', 8]), { fujimori: 'keiko-fujimori' }, 'one of them dominates (5× the rest)');
  // too short a surname to trust alone, and non-person shapes
  assert.deepEqual(merge(['octavio-paz-soldan', 4], ['paz', 3]), {});
  assert.deepEqual(merge(['ministry-of-interior', 4], ['ministry-of-interior-antuvia', 2]), {});
});

test('person keys: the order keys come in does not change the groups', () => {
  const keys: [string, number][] = [['ramiro-etxeberri', 20], ['etxeberri', 30], ['aurelio-carcamo', 3], ['aurelio-carcamo-ibarra', 9], ['teodoro-brizuela', 2], ['teodoro-brizuela-lanz', 6]];
  const expected = merge(...keys);
  for (let shift = 1; shift < keys.length; shift++) assert.deepEqual(merge(...keys.slice(shift), ...keys.slice(0, shift)), expected);
});
