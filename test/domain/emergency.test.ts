import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import {
  missingSuicideNoticeConditions,
  SUICIDE_NOTICE_CONDITION_LABELS,
  SUICIDE_NOTICE_CONDITIONS,
  youngCredentialReason,
} from '../../src/domain/emergency.ts';

describe('suicide notice conditions', () => {
  it('all 16 combinations: missing = exactly the false ones, in order', () => {
    for (let mask = 0; mask < 16; mask++) {
      const values = SUICIDE_NOTICE_CONDITIONS.map((_, i) => (mask & (1 << i)) !== 0);
      const conditions = {
        imminent: values[0] === true,
        realistic: values[1] === true,
        intentExpressed: values[2] === true,
        notJokeOrFiction: values[3] === true,
      };
      const want = SUICIDE_NOTICE_CONDITIONS.filter((_, i) => values[i] !== true);
      assert.deepEqual(missingSuicideNoticeConditions(conditions), want, `mask ${mask}`);
    }
  });
  it('every condition has a label in both languages', () => {
    for (const c of SUICIDE_NOTICE_CONDITIONS) {
      assert.ok(SUICIDE_NOTICE_CONDITION_LABELS[c].ja.length > 0 && SUICIDE_NOTICE_CONDITION_LABELS[c].en.length > 0);
    }
  });
});

test('a young credential’s call-back reason reads as a sentence, under a minute in words', () => {
  assert.deepEqual(youngCredentialReason(10 / 3600, 72), {
    ja: '決裁者の鍵は、登録から1分も経たないうちに署名に使われました（基準 72 時間）',
    en: "The approver's credential was registered only seconds before signing (threshold 72 hours)",
  });
  assert.deepEqual(youngCredentialReason(3.5, 72), {
    ja: '決裁者の鍵は、登録から3時間 30分しか経たないうちに署名に使われました（基準 72 時間）',
    en: "The approver's credential was registered only 3h 30m before signing (threshold 72 hours)",
  });
});
