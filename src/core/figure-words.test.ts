import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { describeGroup, durationMonths, durationText } from './figure-words.ts';

const heading = { measure: 'killed', subject: null, place: null, date: null, since: null, cumulative: false };

test('describeGroup: measure, who, place and when, in that order', () => {
  assert.equal(describeGroup({ ...heading, place: 'Chaupimayo', date: '2025-11-10' }), 'killed in Chaupimayo on 2025-11-10');
  assert.equal(describeGroup({ ...heading, measure: 'sentence', subject: 'Ramiro Etxeberri' }), 'sentence of Ramiro Etxeberri');
  assert.equal(describeGroup({ ...heading, subject: 'security forces', place: 'Tumbá', cumulative: true, since: '2025-11-01' }), 'killed (security forces) in Tumbá since 2025-11-01');
  assert.equal(describeGroup({ ...heading, measure: 'votes_for', cumulative: true }), 'votes for running total');
});

test('durationText and durationMonths: ISO 8601 date durations', () => {
  assert.equal(durationText('P3Y6M'), '3 years 6 months');
  assert.equal(durationText('P1Y'), '1 year');
  assert.equal(durationText('P2W3D'), '2 weeks 3 days');
  assert.equal(durationText('P3.5Y'), '3.5 years');
  for (const odd of ['P', 'PT5H', '3 years', '']) assert.equal(durationText(odd), odd);
  assert.equal(durationMonths('P3Y6M'), 42);
  assert.ok(Number.isNaN(durationMonths('P')));
  fc.assert(
    fc.property(fc.nat(40), fc.nat(11), (years, months) => {
      const iso = `P${years ? `${years}Y` : ''}${months ? `${months}M` : ''}`;
      if (iso === 'P') return;
      assert.equal(durationMonths(iso), years * 12 + months);
      assert.match(durationText(iso), /^\d+ (years?|months?)( \d+ months?)?$/);
    }),
  );
});
