// A content provider holding its own key carries out a provision order in the hub's pages: the hub
// cannot sign in its name, so the person's own passkey signs each access provider's notice in the page
// (the preview gives the notices, the browser signs each one's digest) and the hub checks each signature
// against the directory before it seals it. Without it the hub refuses (it no longer seals a notice as
// its own word); a signature over other communications, or not the board's, is refused. The access
// provider's device checks the signature and names who signed; and a genuine notice moved to another
// access provider's row is refused on that provider's device (the signed body names its access provider).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { createApiClient } from '../../src/client/client.ts';
import { openProvisionNoticeOnDevice } from '../../src/client/custody.ts';
import { signedNoticesOf, signProvisionNotice } from '../../src/client/provision-notice-seal.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { demoDevice, hubWithHooks, madePerson } from '../support/exchange.ts';
import { fileOrderCase, issuedProvisionOrder, receiveProvisionOrder } from '../support/provision.ts';
import {
  boardSigner,
  pageSigner,
  rolesEndedBefore,
  sealedNotice,
  signerRoleRefused,
} from '../support/provision-notices.ts';
import type { ApiError } from '../support/replies.ts';

type Order = Schemas['AncillaryOrder'];
type Notice = Schemas['ProvisionNotice'];
type ToSign = Schemas['ProvisionToSign'];

const SENDER = { address: '203.0.113.77', port: 51515, at: '2026-11-20T09:15:00+09:00' };
const OTHER = { address: '203.0.113.78', port: 40000, at: '2026-11-20T09:15:00+09:00' };

for (const dialect of testDialects()) {
  describe(`a provision notice signed in the page with the person's passkey (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, judge, board, isp],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'judge', 'board.legal', 'isp.legal']);
    let thread = 970;

    const received = async () => {
      thread += 1;
      const s = { hub, lawyer, judge, courtId: orgs.court, providerId: orgs.board };
      const a = await issuedProvisionOrder(s, String(thread));
      await receiveProvisionOrder(board, a.path);
      return a;
    };
    /** The lawyer's case against the ISP notified under `a`: the ISP's notice of that order. */
    const released = async (a: { order: Order; path: string }) => {
      const c = await fileOrderCase(lawyer, orgs.court, orgs.isp, `${thread}1`, ['name', 'address']);
      const notified = await lawyer.call('POST', `${a.path}/notify`, { applicationId: c.id });
      assert.equal(notified.status, 200, JSON.stringify(notified.body));
      const listed = (await isp.call<{ items: Notice[] }>('GET', '/v1/provision-notices')).body.items;
      return listed.find((n) => n.order.reference === a.order.reference) ?? assert.fail('the ISP is listed it');
    };
    const onDevice = async (noticeId: string) => {
      const device = demoDevice(hub, 'isp.legal') ?? assert.fail('the ISP has a demo device');
      const api = createApiClient({ baseUrl: hub.url, token: isp.token });
      return openProvisionNoticeOnDevice(api, await importDemoDevice(device), noticeId);
    };
    const provide = (path: string, body: object) =>
      (board.rawCall ?? assert.fail('a raw call'))<ApiError>('POST', `${path}/provide`, body);

    test("without the person's signature the hub refuses: it signs nothing in the board's name", async () => {
      const a = await received();
      const r = await provide(a.path, { communications: [SENDER] });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'VALIDATION_FAILED');
      assert.match(r.body.error.message.ja, /ハブは提供の通知に代わりに署名できません.*認証器（パスキー）で署名/);
      assert.match(r.body.error.message.en, /cannot sign the provision notices in its name.*your own passkey/);
      assert.equal((await board.call<Order>('GET', a.path)).body.provision, null, 'nothing carried out');
    });

    test("signed with the officer's passkey: the ISP's device checks it and names who signed", async () => {
      const a = await received();
      const plan = await board.call<ToSign>('POST', `${a.path}/provide-preview`, { communications: [SENDER] });
      assert.equal(plan.status, 200, JSON.stringify(plan.body));
      assert.equal(plan.body.signWith, 'provider');
      assert.deepEqual(
        plan.body.notices.map((n) => [n.accessProvider.id, n.signed.accessProviderOrganisationId]),
        [[orgs.isp, orgs.isp]],
      );
      const keyId = plan.body.passkey?.keyId ?? assert.fail("the officer's passkey");
      const body = { communications: [SENDER], ...(await signedNoticesOf(plan.body, pageSigner(board, keyId))) };
      const done = await provide(a.path, body);
      assert.equal(done.status, 200, JSON.stringify(done.body));

      const got = await onDevice((await released(a)).id);
      assert.deepEqual(got.communications, [SENDER]);
      assert.equal(got.signedBy?.credential, 'passkey');
      assert.equal(got.signedBy?.person, 'さくら掲示板 法務', 'the person who signed is named');
      const key = got.contentProviderKeys.find((k) => k.fingerprint === got.signedBy?.keyFingerprint);
      assert.equal(key?.id, keyId);
      assert.equal(key?.organisationId, orgs.board);
      const [audited] = await auditDetails(hub.ctx.store.db, 'ancillary_order.provided', a.order.id);
      assert.equal((audited ?? assert.fail('the provision is audited')).signedBy, key?.fingerprint);
    });

    test('a signature over other communications, or not by the board, is refused; nothing is stored', async () => {
      const a = await received();
      const plan = (await board.call<ToSign>('POST', `${a.path}/provide-preview`, { communications: [SENDER] })).body;
      const keyId = plan.passkey?.keyId ?? assert.fail("the officer's passkey");
      const [genuine] = (await signedNoticesOf(plan, pageSigner(board, keyId))).signedNotices ?? [];
      assert.ok(genuine);
      // Given for other communications than the ones signed: not one of the plan's notices.
      const other = await provide(a.path, { communications: [OTHER], signedNotices: [genuine] });
      assert.equal(other.status, 400, JSON.stringify(other.body));
      assert.equal(other.body.error.details?.field, 'signedNotices.0');
      assert.match(other.body.error.message.en, /not one of what this order gives/);
      // What was signed altered to the communications given: the signature does not match.
      const altered = { ...genuine, signed: { ...genuine.signed, communications: [OTHER] } };
      const forged = await provide(a.path, { communications: [OTHER], signedNotices: [altered] });
      assert.equal(forged.status, 422, JSON.stringify(forged.body));
      assert.equal(forged.body.error.code, 'SIGNATURE_INVALID');
      assert.match(forged.body.error.message.ja, /認証器が署名した内容と提供の通知の内容が一致しません/);
      // The ISP's officer's passkey: not a key of the board.
      const byIsp = await signProvisionNotice(pageSigner(isp, 'not-the-board'), genuine.signed);
      const notBoard = await provide(a.path, { communications: [SENDER], signedNotices: [byIsp] });
      assert.equal(notBoard.status, 422, JSON.stringify(notBoard.body));
      assert.match(notBoard.body.error.message.en, /signing key is not in the directory/);
      assert.equal((await board.call<Order>('GET', a.path)).body.provision, null, 'nothing carried out');
    });

    test('a notice signed at a time without its offset is refused in words; nothing is stored', async () => {
      const a = await received();
      const plan = (await board.call<ToSign>('POST', `${a.path}/provide-preview`, { communications: [SENDER] })).body;
      const keyId = plan.passkey?.keyId ?? assert.fail("the officer's passkey");
      const [n] = plan.notices;
      assert.ok(n);
      // The instant without its offset: a device in Japan would read it nine hours from the hub's reading.
      const local = { ...n, signed: { ...n.signed, signedAt: n.signed.signedAt.replace(/Z$/, '') } };
      const bare = await signedNoticesOf({ ...plan, notices: [local] }, pageSigner(board, keyId));
      const r = await provide(a.path, { communications: [SENDER], ...bare });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.details?.field, 'signedNotices.0.signed.signedAt');
      assert.match(r.body.error.message.ja, /時差/);
      assert.match(r.body.error.message.en, /offset/);
      assert.equal((await board.call<Order>('GET', a.path)).body.provision, null, 'nothing carried out');
    });

    test('two notices of one submission under one id are refused naming the second; nothing is stored', async () => {
      const a = await received();
      const communications = [
        { ...SENDER, accessProviderOrganisationId: orgs.isp },
        { ...OTHER, accessProviderOrganisationId: orgs.cafe },
      ];
      const plan = (await board.call<ToSign>('POST', `${a.path}/provide-preview`, { communications })).body;
      const keyId = plan.passkey?.keyId ?? assert.fail("the officer's passkey");
      const [first, second] = plan.notices;
      assert.ok(first && second, 'one notice per access provider');
      const twice = { ...second, signed: { ...second.signed, noticeId: first.signed.noticeId } };
      const signed = await signedNoticesOf({ ...plan, notices: [first, twice] }, pageSigner(board, keyId));
      const r = await provide(a.path, { communications, ...signed });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.details?.field, 'signedNotices.1.signed.noticeId');
      assert.equal((await board.call<Order>('GET', a.path)).body.provision, null, 'nothing carried out');
    });

    test("a colleague cannot give the officer's signatures as theirs; without a passkey the page is told", async () => {
      const a = await received();
      const plan = (await board.call<ToSign>('POST', `${a.path}/provide-preview`, { communications: [SENDER] })).body;
      const keyId = plan.passkey?.keyId ?? assert.fail("the officer's passkey");
      const signed = await signedNoticesOf(plan, pageSigner(board, keyId));
      const ops = await madePerson(hub, {
        organisation: 'Sakura Board K.K.',
        login: `board.ops${thread}`,
        roles: ['provider_operator'],
        countersigner: 'board.admin',
      });
      const theirs = await ops.call<ToSign>('POST', `${a.path}/provide-preview`, { communications: [SENDER] });
      assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
      assert.equal(theirs.body.signWith, 'provider');
      assert.equal(theirs.body.passkey, null, 'no passkey of their own: the page says so before signing');
      const given = await ops.call<ApiError>('POST', `${a.path}/provide`, {
        communications: [SENDER],
        ...signed,
      });
      assert.equal(given.status, 400, JSON.stringify(given.body));
      assert.equal(given.body.error.details?.field, 'signedNotices.0.keyId');
      assert.match(given.body.error.message.ja, /あなた自身の認証器（パスキー）で/);
      assert.match(given.body.error.message.en, /your own passkey/);
      assert.equal((await board.call<Order>('GET', a.path)).body.provision, null, 'nothing carried out');
    });

    test("the ISP's device refuses a notice signed by one not holding a provider's role then", async () => {
      // The officer signs in the page, holding the role (the hub checks the caller); then the directory log
      // the device is given says their role ended before the signed instant, or began after it. An honest
      // hub ends a disabled person's keys too: the test keeps the key, so only the role speaks.
      const a = await received();
      const plan = (await board.call<ToSign>('POST', `${a.path}/provide-preview`, { communications: [SENDER] })).body;
      const keyId = plan.passkey?.keyId ?? assert.fail("the officer's passkey");
      const signedAt = plan.notices[0]?.signed.signedAt ?? assert.fail('a notice');
      const done = await provide(a.path, {
        communications: [SENDER],
        ...(await signedNoticesOf(plan, pageSigner(board, keyId))),
      });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      const noticeId = (await released(a)).id;
      const refused = (as: string) => assert.rejects(onDevice(noticeId), (e) => signerRoleRefused(e, as));
      const { created_at, restore } = await rolesEndedBefore(hub, 'board.legal', signedAt);
      try {
        await refused('ended before signing');
      } finally {
        await restore();
      }
      const users = hub.ctx.store.db.updateTable('users').where('login', '=', 'board.legal');
      try {
        await users
          .set({ created_at: new Date(Date.parse(signedAt) + 1).toISOString(), roles_logged_at: null })
          .execute();
        await refused('granted after signing');
      } finally {
        await users.set({ created_at }).execute();
      }
      // Held when signed: it opens, the officer named.
      const got = await onDevice(noticeId);
      assert.deepEqual(got.communications, [SENDER]);
      assert.equal(got.signedBy?.person, 'さくら掲示板 法務');
    });

    test("a genuine notice moved to another access provider's row is refused on that one's device", async () => {
      const a = await received();
      const signer = await boardSigner(hub, orgs.board);
      // The board's own notice to the café, sealed to the ISP's key and listed for the ISP.
      const moved = await sealedNotice(hub, orgs.isp, (noticeId) =>
        signProvisionNotice(signer, {
          noticeId,
          orderId: a.order.id,
          orderReference: a.order.reference,
          contentProviderOrganisationId: orgs.board,
          accessProviderOrganisationId: orgs.cafe,
          signedAt: new Date().toISOString(),
          communications: [SENDER],
        }),
      );
      const done = await board.call('POST', `${a.path}/provide-sealed`, { notices: [moved] });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      await assert.rejects(onDevice((await released(a)).id), (e) => {
        assert.ok(isDomainError(e), String(e));
        assert.equal(e.code, 'SIGNATURE_INVALID');
        assert.match(e.messages.ja, /別の提供の通知（別の通知・別の宛先・別の提供者）/);
        assert.match(e.messages.en, /another provision notice \(another notice, addressee or giver\)/);
        assert.doesNotMatch(JSON.stringify(e), /203\.0\.113\.77/);
        return true;
      });
    });
  });
}
