// The addressee of an address target: the policy check says whether the chosen provider holds each
// address, and submitting a request to an access provider that does not hold it is refused, naming
// the target. A board asked about an address is told who holds it, and may still be asked.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AddresseeCheck } from '../../src/evidence/whom/addressee.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { transition } from '../support/flow.ts';
import type { ApiError, PolicyCheck, RequestDetail } from '../support/replies.ts';

const AT = '2026-11-30T23:42:17+09:00';

for (const dialect of testDialects()) {
  describe(`addressee of an address target (${dialect})`, () => {
    const {
      people: [sato],
      orgs,
    } = hubWithHooks(dialect, ['sato']);

    type Checked = PolicyCheck & { addressees: AddresseeCheck[] };
    const check = async (providerOrganisationId: string, addresses: unknown[]) => {
      const r = await sato.call<Checked>('POST', '/v1/policy-check', {
        kind: 'warrant',
        providerOrganisationId,
        categories: ['subscriber'],
        addresses,
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };

    test('the policy check flags a carrier that does not hold the address, and names the holder', async () => {
      const wrong = await check(orgs.isp, [{ targetIndex: 0, address: '198.51.100.7' }]);
      assert.equal(wrong.ok, false);
      assert.equal(wrong.addressees.length, 1);
      assert.equal(wrong.addressees[0]?.holds, 'no');
      assert.equal(wrong.addressees[0]?.refused, true);
      assert.equal(wrong.addressees[0]?.holder?.organisationId, orgs.board);
      assert.match(wrong.addressees[0]?.message.en ?? '', /Sakura Board/);

      const right = await check(orgs.isp, [
        { targetIndex: 0, address: '203.0.113.9' },
        { targetIndex: 2, address: '2001:db8:1000::1' },
        { targetIndex: 3, address: '203.0.113.' },
      ]);
      assert.equal(right.ok, true);
      assert.deepEqual(
        right.addressees.map((a) => [a.targetIndex, a.holds, a.refused]),
        [
          [0, 'yes', false],
          [2, 'yes', false],
        ],
        'an incomplete address is left to the content validation',
      );

      const nobody = await check(orgs.isp, [{ targetIndex: 0, address: '8.8.8.8' }]);
      assert.equal(nobody.ok, true);
      assert.equal(nobody.addressees[0]?.holds, 'unknown');

      // A board asked about an address it does not hold: told who holds it, not refused.
      const board = await check(orgs.board, [{ targetIndex: 0, address: '203.0.113.9' }]);
      assert.equal(board.ok, true);
      assert.equal(board.addressees[0]?.holds, 'no');
      assert.equal(board.addressees[0]?.refused, false);
      assert.equal(board.addressees[0]?.holder?.organisationId, orgs.isp);
    });

    test('an address that is not an Internet source is warned of in words, not refused', async () => {
      const r = await check(orgs.isp, [
        { targetIndex: 0, address: '10.0.0.1' },
        { targetIndex: 1, address: '100.64.3.4' },
        { targetIndex: 2, address: '127.0.0.1' },
        { targetIndex: 3, address: 'fe80::1' },
        { targetIndex: 4, address: '192.0.2.10' },
        { targetIndex: 5, address: '8.8.8.8' },
        { targetIndex: 6, address: '203.0.113.9' },
      ]);
      assert.equal(r.ok, true, 'a warning, not a refusal');
      const warning = (i: number) => r.addressees.find((a) => a.targetIndex === i)?.notInternet ?? null;
      assert.match(warning(0)?.ja ?? '', /10\.0\.0\.1 はプライベートアドレスで.*契約者の特定には使えません/);
      assert.match(warning(0)?.en ?? '', /a private address: it is not an Internet source and cannot identify/);
      assert.match(
        warning(1)?.en ?? '',
        /carrier-grade NAT.*only to the ISP that runs that CGNAT.*public address and port/,
      );
      assert.match(warning(1)?.ja ?? '', /CGNAT を運用する ISP の内部だけ/);
      assert.match(warning(2)?.en ?? '', /loopback/);
      assert.match(warning(3)?.en ?? '', /link-local/);
      assert.match(warning(4)?.en ?? '', /documentation/);
      assert.equal(warning(5), null, 'a public address');
      assert.equal(warning(6), null, "a documentation range a provider declared is that installation's");
    });

    test('bad addresses input is refused naming the field', async () => {
      const r = await sato.call<ApiError>('POST', '/v1/policy-check', {
        kind: 'inquiry',
        providerOrganisationId: orgs.isp,
        categories: ['subscriber'],
        addresses: [{ targetIndex: -1, address: '203.0.113.9' }],
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.details?.field, 'addresses.0.targetIndex');
    });

    const notHolderTitle =
      "submitting a request to a carrier that does not hold the address is refused; the holder's passes";
    test(notHolderTitle, async () => {
      const content = (providerOrganisationId: string, address: string) => ({
        kind: 'preservation',
        providerOrganisationId,
        caseReference: `ADDR-${dialect}`,
        offence: '脅迫',
        facts: '事実',
        necessity: '必要性',
        targets: [
          { type: 'url', url: 'https://sakura-board.example/thread/1' },
          { type: 'ip', address, port: 51234, at: AT },
        ],
        categories: ['access_log'],
        preservation: { days: 30 },
      });
      const d = await sato.call<RequestDetail>('POST', '/v1/requests', { content: content(orgs.isp, '198.51.100.7') });
      assert.equal(d.status, 201, 'a draft may name any provider: it is checked when submitted');
      const refused = await sato.call<ApiError>('POST', `/v1/requests/${d.body.id}/transitions`, { action: 'submit' });
      assert.equal(refused.status, 422, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'ADDRESSEE_NOT_HOLDER');
      assert.equal(refused.body.error.details?.field, 'content.targets.1.address');
      assert.match(refused.body.error.message.ja, /さくら掲示板株式会社/);
      const still = await sato.call<RequestDetail>('GET', `/v1/requests/${d.body.id}`);
      assert.equal(still.body.state, 'draft');

      const fixed = await sato.call<RequestDetail>('PATCH', `/v1/requests/${d.body.id}`, {
        content: content(orgs.isp, '203.0.113.9'),
      });
      assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
      const submitted = await transition(sato, d.body.id, { action: 'submit' });
      assert.equal(submitted.state, 'awaiting_approval');

      // The board may be asked what it recorded of an address it does not hold.
      const toBoard = await sato.call<RequestDetail>('POST', '/v1/requests', {
        content: { ...content(orgs.board, '203.0.113.9'), caseReference: `ADDR-B-${dialect}` },
      });
      assert.equal(toBoard.status, 201, JSON.stringify(toBoard.body));
      await transition(sato, toBoard.body.id, { action: 'submit' });
    });
  });
}
