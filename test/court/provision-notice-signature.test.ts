// A provision notice is used only if the content provider signed it (its installation key, as its
// answers are signed). A box sealed to the access provider's public key could be sealed by anyone
// holding that key — here the test stands for the hub: it seals directly, to the access provider's
// current key, bodies that name the right order and the right notice — unsigned, signed with a key
// that is not the board's, or the board's signature over other communications. Each is refused in words
// wherever it is opened (the access provider's device; the hub, for an access provider whose key the
// hub holds; an access provider carrying out its own order from it), nothing opened used and not
// audited as opened. The board's genuine notice opens, its signer shown.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { generateInstallationKey, importInstallationKey, installationKeySigner } from '../../src/client/answer-seal.ts';
import { createApiClient } from '../../src/client/client.ts';
import { openProvisionNoticeOnDevice } from '../../src/client/custody.ts';
import { signProvisionNotice } from '../../src/client/provision-notice-seal.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { testDialects } from '../support/dialects.ts';
import { demoDevice } from '../support/exchange.ts';
import { receiveProvisionOrder, resellerChainHooks } from '../support/provision.ts';
import {
  boardNoticeBody,
  boardSigner,
  carriedOutAndReleased,
  pageSigner,
  resellerWithHubKey,
  rolesEndedBefore,
  SIGNER_ROLE,
  sealedNotice,
} from '../support/provision-notices.ts';
import type { ApiError } from '../support/replies.ts';

type Order = Schemas['AncillaryOrder'];
type Notice = Schemas['ProvisionNotice'];

const SENDER = { address: '203.0.113.77', port: 51515, at: '2026-11-20T09:15:00+09:00' };
const OTHER = { address: '198.51.100.9', port: 40000, at: '2026-11-20T09:15:00+09:00' };

/**
 * How the test seals a notice's body, standing for the hub or for the board (`no_role`: the board's officer
 * signs with their passkey, and the log then says their role had ended before: only the role speaks).
 */
type Forge = 'unsigned' | 'other_key' | 'altered' | 'no_role' | 'genuine';

for (const dialect of testDialects()) {
  describe(`a provision notice is used only if the content provider signed it (${dialect})`, () => {
    const chain = resellerChainHooks(dialect, resellerWithHubKey);
    const { hub, lawyer, board, isp, orgs, mvno, reseller, fileCase, provisionOrder } = chain;
    let thread = 960;

    /** A notice to `holder` under `order`, its body made as `how` says, sealed to the holder's current key. */
    const noticeTo = (holder: string, order: Order, how: Forge) =>
      sealedNotice(hub, holder, async (id) => {
        const signed = boardNoticeBody(id, orgs.board, holder, order, [SENDER]);
        if (how === 'unsigned') return { orderId: order.id, orderReference: order.reference, communications: [SENDER] };
        if (how === 'no_role') return signProvisionNotice(pageSigner(board, await officerKey()), signed);
        const signer = await boardSigner(hub, orgs.board);
        if (how === 'other_key') {
          // A key of the test's own (the hub's, say): well-formed, named as if it were the board's.
          const made = await generateInstallationKey();
          return signProvisionNotice(
            installationKeySigner(signer.keyId, await importInstallationKey(made.pkcs8)),
            signed,
          );
        }
        const genuine = await signProvisionNotice(signer, signed);
        return how === 'altered' ? { ...genuine, signed: { ...genuine.signed, communications: [OTHER] } } : genuine;
      });

    /** The board's legal officer's passkey, by its key id. */
    const officerKey = async () => {
      const r = await hub.ctx.store.db
        .selectFrom('keys as k')
        .innerJoin('users as u', 'u.id', 'k.owner_id')
        .select('k.id')
        .where('u.login', '=', 'board.legal')
        .where('k.credential_id', 'is not', null)
        .executeTakeFirstOrThrow();
      return r.id;
    };

    /** An order against the board, carried out with notices to the ISP and the MVNO made as `how` says. */
    async function carriedOut(how: Forge) {
      thread += 1;
      const a = await provisionOrder(String(thread));
      await receiveProvisionOrder(board, a.path);
      const toIsp = await noticeTo(orgs.isp, a.order, how);
      const toMvno = await noticeTo(reseller.id, a.order, how);
      const parties = { board, lawyer, courtId: orgs.court, ispId: orgs.isp, mvnoId: reseller.id };
      const { mvnoCase } = await carriedOutAndReleased(parties, a.path, [toIsp, toMvno], [`${thread}1`, `${thread}2`]);
      return { order: a.order, toIsp, toMvno, mvnoCase };
    }

    const onDevice = async (noticeId: string) => {
      const device = demoDevice(hub, 'isp.legal') ?? assert.fail('the ISP has a demo device');
      const api = createApiClient({ baseUrl: hub.url, token: isp.token });
      return openProvisionNoticeOnDevice(api, await importDemoDevice(device), noticeId);
    };
    const openedAudits = async (noticeId: string) =>
      (
        await hub.ctx.store.db
          .selectFrom('audit_entries')
          .select('seq')
          .where('action', '=', 'ancillary_order.notice_opened')
          .where('subject_id', '=', noticeId)
          .where('details', 'not like', '%"custody":"device"%')
          .execute()
      ).length;

    const refusals: Array<[Forge, RegExp, RegExp]> = [
      ['unsigned', /提供したプロバイダの署名がありません/, /not signed by the provider that gave it/],
      ['other_key', /署名が内容と一致しません/, /altered or forged/],
      ['altered', /署名が内容と一致しません/, /altered or forged/],
      ['no_role', SIGNER_ROLE.ja, SIGNER_ROLE.en],
    ];
    for (const [how, ja, en] of refusals) {
      test(`a notice sealed by someone else (${how}) is refused wherever it is opened`, async (t) => {
        const { toIsp, toMvno, mvnoCase } = await carriedOut(how);
        if (how === 'no_role') {
          const { restore } = await rolesEndedBefore(hub, 'board.legal', new Date().toISOString());
          t.after(restore);
        }
        const listed = (await isp.call<{ items: Notice[] }>('GET', '/v1/provision-notices')).body.items;
        assert.ok(
          listed.some((n) => n.id === toIsp.id),
          'the ISP is listed the notice',
        );

        await assert.rejects(onDevice(toIsp.id), (e) => {
          assert.ok(isDomainError(e), String(e));
          assert.equal(e.code, 'SIGNATURE_INVALID');
          assert.match(e.messages.ja, ja);
          assert.match(e.messages.en, en);
          assert.match(e.messages.ja, /開いた内容は使いません/);
          assert.doesNotMatch(JSON.stringify(e), /203\.0\.113\.77|198\.51\.100\.9/);
          return true;
        });

        const opened = await mvno.call<ApiError>('GET', `/v1/provision-notices/${toMvno.id}`);
        assert.equal(opened.status, 422, JSON.stringify(opened.body));
        assert.equal(opened.body.error.code, 'SIGNATURE_INVALID');
        assert.match(opened.body.error.message.ja, ja);
        assert.match(opened.body.error.message.en, en);
        assert.doesNotMatch(JSON.stringify(opened.body), /203\.0\.113\.77|198\.51\.100\.9/);
        assert.equal(await openedAudits(toMvno.id), 0, 'not recorded as opened');

        const communication = { ...SENDER, accessProviderOrganisationId: orgs.isp };
        const caseNumber = `令和8年(発チ)第${thread}3号`;
        await chain.refusedFromNotice(mvnoCase.id, caseNumber, toMvno.id, communication);
      });
    }

    test("the board's genuine notice opens on the device and on the hub, its signer shown", async () => {
      const { order, toIsp, toMvno } = await carriedOut('genuine');
      const got = await onDevice(toIsp.id);
      assert.deepEqual(got.communications, [SENDER]);
      assert.equal(got.order.reference, order.reference);
      assert.equal(got.signedBy?.credential, 'organisation');
      const boardKey = (got.contentProviderKeys ?? []).find((k) => k.fingerprint === got.signedBy?.keyFingerprint);
      assert.equal(boardKey?.organisationId, orgs.board, "signed with the board's key");

      const opened = await mvno.call<Notice>('GET', `/v1/provision-notices/${toMvno.id}`);
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      assert.deepEqual(opened.body.communications, [SENDER]);
      assert.equal(opened.body.signedBy?.credential, 'organisation');
      assert.equal(await openedAudits(toMvno.id), 1);
    });

    test("on the hub's own path, the notice is signed with the key the hub holds for the giver", async () => {
      // The MVNO (its organisation key still the hub's) carries out its own order from the board's
      // notice on the hub's path, naming the ISP; the ISP opens what it gave on its device.
      const { toMvno, mvnoCase } = await carriedOut('genuine');
      thread += 1;
      const { path, order } = await chain.orderReceivedBy(mvno, mvnoCase.id, `令和8年(発チ)第${thread}3号`);
      const done = await mvno.call<Order>('POST', `${path}/provide`, {
        noticeId: toMvno.id,
        communications: [{ ...SENDER, accessProviderOrganisationId: orgs.isp }],
      });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      const ispCase = await fileCase(orgs.isp, `${thread}4`, ['name', 'address']);
      const notified = await lawyer.call('POST', `${path}/notify`, { applicationId: ispCase.id });
      assert.equal(notified.status, 200, JSON.stringify(notified.body));
      const listed = (await isp.call<{ items: Notice[] }>('GET', '/v1/provision-notices')).body.items;
      const notice = listed.find((n) => n.order.reference === order.reference) ?? assert.fail('the ISP is listed it');
      const got = await onDevice(notice.id);
      assert.deepEqual(got.communications, [SENDER]);
      const signer = (got.contentProviderKeys ?? []).find((k) => k.fingerprint === got.signedBy?.keyFingerprint);
      assert.equal(signer?.organisationId, reseller.id, "signed with the MVNO's organisation key");
    });
  });
}
