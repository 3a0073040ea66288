// A warrant is carried out while it is valid: the provider's answer is due by its end at the latest. A walk as
// the ISP's legal officer found the demo's warrant due seconds after it ended (the policy's seven days counted
// from delivery, the warrant valid for seven days from issue), which reads as an answer allowed without it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { RequestDetail } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`a warrant's answer is due by its end (${dialect})`, () => {
    const {
      hub,
      people: [isp],
    } = hubWithHooks(dialect, ['isp.legal']);

    test("the demo's warrant at the ISP: due no later than the warrant's end", async () => {
      const warrant = hub.demo.requests.find((r) => r.kind === 'warrant') ?? assert.fail('the demo has a warrant');
      const { body } = await isp.call<RequestDetail>('GET', `/v1/requests/${warrant.id}`);
      const content = body.content as { warrant?: { validUntil: string } };
      const end = Date.parse(content.warrant?.validUntil ?? assert.fail('its validity'));
      assert.ok(body.deadlineAt, 'a deadline runs');
      assert.ok(Date.parse(body.deadlineAt) <= end, `${body.deadlineAt} after ${content.warrant?.validUntil}`);
    });
  });
}
