// A consultation recorded with a receipt time in the future is refused in words, in both languages: the
// time as people call it, never the field's name (`receivedAt`, kept in the details for programs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`a consultation's receipt time in the future (${dialect})`, () => {
    const {
      people: [sato],
    } = hubWithHooks(dialect, ['sato']);

    test('is refused naming the time received, not the field', async () => {
      const future = await sato.call<ApiError>('POST', '/v1/consultations', {
        category: 'fraud',
        channel: 'visit',
        account: '未納料金の請求メールが届いた。',
        receivedAt: '2099-01-01T00:00:00+09:00',
      });
      assert.equal(future.status, 400, JSON.stringify(future.body));
      assert.equal(future.body.error.details?.field, 'receivedAt');
      const { ja, en } = future.body.error.message;
      assert.equal(ja, '相談の受理日時（2099-01-01T00:00:00+09:00）が未来の日時です');
      assert.equal(en, 'the time the consultation was received (2099-01-01T00:00:00+09:00) is in the future');
      for (const text of [ja, en]) assert.ok(!text.includes('receivedAt'), text);
    });
  });
}
