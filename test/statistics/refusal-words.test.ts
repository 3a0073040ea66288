// A statistics query the API refuses, as a person reads it on the statistics page: each parameter named as the
// page's filters name it (期間の終わり, not `to` nor a target's 利用終了), in Japanese and in English; the
// refusal's details keep the parameter's name for programs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../../src/client/client.ts';
import { refusalText, statisticsFieldInWords } from '../../web/src/lib/error-text.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError as Reply } from '../support/replies.ts';

const query = (q: Record<string, string>) => `/v1/statistics?${new URLSearchParams(q)}`;
/** What the statistics page shows of a refusal (its headline), in both languages. */
const shown = (status: number, body: Reply) => {
  const e = new ApiError(status, JSON.parse(JSON.stringify(body)));
  return refusalText(e.bilingual, e.details, statisticsFieldInWords);
};
/** A parameter's name in a person's words, or a target's words for it: neither is to be shown. */
const RAW = /\((from|to|groupBy|period)\)|^(from|to|groupBy|period):|利用開始|利用終了/m;

for (const dialect of testDialects()) {
  describe(`statistics refusals in words (${dialect})`, () => {
    const {
      people: [sato, officer],
    } = hubWithHooks(dialect, ['sato', 'mpd.toukei']);

    test('more than ten years: the end of the period, said once, with no parameter name', async () => {
      const r = await sato.call<Reply>(
        'GET',
        query({ from: '2000-01-01T00:00:00+09:00', to: '2026-01-01T00:00:00+09:00' }),
      );
      assert.equal(r.status, 400);
      assert.equal(r.body.error.details?.field, 'to', 'the field stays for programs');
      const words = shown(r.status, r.body);
      assert.equal(words.ja, '期間の終わりは始まりより後で、始まりから10年以内にしてください');
      assert.equal(words.en, 'the end of the period must come after its start, at most ten years later');
    });

    test('a time without its offset: named as the start of the period', async () => {
      const r = await sato.call<Reply>('GET', query({ from: '2026-01-01T00:00:00', to: '2026-02-01T00:00:00Z' }));
      assert.equal(r.status, 400);
      const words = shown(r.status, r.body);
      assert.match(words.ja, /^期間の始まり: /);
      assert.match(words.en, /^The start of the period: /);
      assert.doesNotMatch(`${words.ja}\n${words.en}`, RAW);
    });

    test("the force's officer, a day not at midnight: the start of the period in words", async () => {
      const r = await officer.call<Reply>(
        'GET',
        query({ from: '2026-01-01T12:00:00+09:00', to: '2026-02-01T00:00:00+09:00' }),
      );
      assert.equal(r.status, 400);
      const words = shown(r.status, r.body);
      assert.match(words.ja, /組織全体の統計は日単位です。期間の始まりは日本時間の午前0時/);
      assert.match(words.en, /the start of the period must be a midnight in Japan/);
      assert.doesNotMatch(`${words.ja}\n${words.en}`, RAW);
    });

    test('a grouping that is none: named as the page names it', async () => {
      const r = await sato.call<Reply>(
        'GET',
        query({ from: '2026-01-01T00:00:00+09:00', to: '2026-02-01T00:00:00+09:00', groupBy: 'weekday' }),
      );
      assert.equal(r.status, 400);
      const words = shown(r.status, r.body);
      assert.match(words.ja, /^内訳: /);
      assert.match(words.en, /^Break down: /);
    });
  });
}
