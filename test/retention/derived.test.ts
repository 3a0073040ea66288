import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError as ApiFailure, createApiClient } from '../../src/client/client.ts';
import { openArchiveOnDevice } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { runRetention, setRetentionRule } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { recordConsultation } from '../support/consultations.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, call, demoDevice, hubWithHooks } from '../support/exchange.ts';
import { defamationClaim, submitApprove, transition, underReview } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

// Retention reaches what was derived from a request (docs/security.md, "Retention"): the subscriber's
// hearing of a civil request (the letter naming them, their reasons, the provider's notes) is emptied in
// either mode and its read refused as clearly as a purged answer; the consultation a request was opened
// from loses its personal fields with it (sealed into the unit's archive box when archived); a
// consultation never opened into a request is left as it is.

interface Consultation {
  person: { name: string | null; contact: string | null };
  account: string;
  targets: Array<{ url?: string }>;
  adviceNote: string | null;
}

for (const dialect of testDialects()) {
  describe(`retention of what a request gave rise to (${dialect})`, () => {
    let now = Date.now();
    const {
      hub,
      people: [lawyer, board, sato, tanaka],
      orgs,
      signInAgain,
    } = hubWithHooks(dialect, ['lawyer', 'board.legal', 'sato', 'tanaka'], { clock: () => new Date(now) });

    /** Every row of the tables retention now reaches, as one text. */
    async function storeText(): Promise<string> {
      const db = hub.ctx.store.db;
      const tables = ['hearings', 'hearing_impossibilities', 'consultations', 'requests', 'messages'] as const;
      const parts: string[] = [];
      for (const t of tables) parts.push(JSON.stringify(await db.selectFrom(t).selectAll().execute()));
      return parts.join('\n');
    }

    /** Closes the requests, moves the clock past their period and runs retention: the outcomes, by id. */
    async function retain(closer: Client, ...ids: string[]) {
      for (const id of ids) await transition(closer, id, { action: 'close' });
      now += 3 * DAY_MS;
      await signInAgain();
      const r = await runRetention(hub.ctx, SYSTEM_CALLER);
      return new Map(r.applied.map((a) => [a.requestId, a]));
    }

    /** A civil request whose subscriber was sent the letter and objected; the board withholds. */
    async function heardAndObjected(n: string, name: string, address: string, reasons: string) {
      const id = await underReview({ drafter: lawyer, head: lawyer, provider: board }, defamationClaim(orgs.board, n));
      const sent = await board.call<{ replyPath: string; code: string }>('POST', `/v1/requests/${id}/hearing`, {
        subscriberName: name,
        subscriberAddress: address,
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const token = sent.body.replyPath.split('/').pop() ?? '';
      const reply = { code: sent.body.code, reply: 'objection', reasons };
      const rep = await call(hub.url, 'POST', `/v1/hearings/${token}/reply`, reply);
      assert.equal(rep.status, 200, JSON.stringify(rep.body));
      const dec = await board.call('POST', `/v1/requests/${id}/hearing/decision`, {
        decision: 'withhold',
        note: '発信者の異議を認めた',
      });
      assert.equal(dec.status, 200, JSON.stringify(dec.body));
      return id;
    }

    /** The hearing is refused to its provider after retention: 410, saying when and after how long. */
    async function hearingRefused(id: string, days: number) {
      const g = await board.call<ApiError>('GET', `/v1/requests/${id}/hearing`);
      assert.equal(g.status, 410, JSON.stringify(g.body));
      assert.equal(g.body.error.code, 'PURGED');
      assert.match(g.body.error.message.ja, new RegExp(`意見照会.*保存期間（${days}日）.*消去されました`));
      assert.match(g.body.error.message.en, new RegExp(`hearing .*${days} days after the request closed`));
    }

    /** Opens the unit's archive of `id` where it opens: on the hub, or on the member's demo device. */
    async function openArchive(login: string, id: string): Promise<{ consultation?: unknown }> {
      const c = await hub.as(login);
      const r = await c.call<{ consultation?: unknown; error?: { code: string } }>('GET', `/v1/requests/${id}/archive`);
      if (r.body.error?.code !== 'OPEN_ON_DEVICE') {
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body;
      }
      const device = demoDevice(hub, login) ?? assert.fail(`a demo device of ${login}`);
      const api = createApiClient({ baseUrl: hub.url, token: c.token });
      return openArchiveOnDevice(api, await importDemoDevice(device), id);
    }

    test('purge: the hearing letter, the reasons and the notes go; the provider is told so', async () => {
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'civil_disclosure', days: 1, mode: 'purge' });
      const heard = await heardAndObjected(
        '8101',
        '消去対象 太郎',
        '東京都千代田区消去町1-2-3',
        '勤務先は消去商事です。',
      );
      const impossible = await underReview(
        { drafter: lawyer, head: lawyer, provider: board },
        defamationClaim(orgs.board, '8102'),
      );
      const rec = await board.call('POST', `/v1/requests/${impossible}/hearing/impossible`, {
        reason: 'contact_failed',
        note: '登録メール impossible-8102@mail.example に送ったが届かない。',
      });
      assert.equal(rec.status, 200, JSON.stringify(rec.body));
      const dec = await board.call('POST', `/v1/requests/${impossible}/hearing/decision`, { decision: 'withhold' });
      assert.equal(dec.status, 200, JSON.stringify(dec.body));
      // Before retention the provider reads it all.
      const before = await board.call<{ reasons: string }>('GET', `/v1/requests/${heard}/hearing`);
      assert.equal(before.body.reasons, '勤務先は消去商事です。');

      const done = await retain(lawyer, heard, impossible);
      assert.equal(done.get(heard)?.mode, 'purge');
      assert.equal(done.get(heard)?.removed.hearing, true);
      assert.equal(done.get(impossible)?.removed.hearing, true);
      const text = await storeText();
      // …and the request's own text: the facts, the claimant, the rights infringed, the decline note.
      const texts = ['実名を挙げて中傷', '鈴木 花子', '名誉権の侵害', '発信者の異議を認めた'];
      for (const gone of [
        '消去対象 太郎',
        '消去町1-2-3',
        '消去商事',
        'thread/8101',
        'impossible-8102@mail.example',
        ...texts,
      ]) {
        const at = text.indexOf(gone);
        assert.equal(at, -1, `${gone} is in no row: …${text.slice(at - 200, at + 50)}`);
      }
      // What is left is the record: who, when, the reply and the decision as codes.
      const row = await hub.ctx.store.db
        .selectFrom('hearings')
        .selectAll()
        .where('request_id', '=', heard)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.reply, row.decision, row.letter, row.reply_reasons], ['objection', 'withhold', '', null]);
      await hearingRefused(heard, 1);
      await hearingRefused(impossible, 1);
      // Its documents are refused as removed by retention, not as never signed.
      const doc = await board.call<ApiError>('GET', `/v1/requests/${heard}/documents/opinion`);
      assert.equal(doc.status, 410, JSON.stringify(doc.body));
      assert.match(doc.body.error.message.en, /removed after its retention period/);
      // The lawyer still never sees the hearing (as before), and the reply link says nothing more.
      assert.notEqual((await lawyer.call('GET', `/v1/requests/${heard}/hearing`)).status, 200);
    });

    test('archive: the hearing is emptied too and kept out of the requester’s box', async () => {
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'civil_disclosure', days: 1, mode: 'archive' });
      const heard = await heardAndObjected('8201', '保管対象 次郎', '大阪市北区保管町4-5-6', '私は保管次郎本人です。');
      const done = await retain(lawyer, heard);
      assert.equal(done.get(heard)?.mode, 'archive');
      assert.equal(done.get(heard)?.removed.hearing, true);
      const text = await storeText();
      for (const gone of ['保管対象 次郎', '保管町4-5-6', '保管次郎本人']) assert.equal(text.indexOf(gone), -1, gone);
      await hearingRefused(heard, 1);
      // The lawyer's archive holds the request's own data, never the subscriber's name or words.
      const box = JSON.stringify(await openArchive('lawyer', heard));
      assert.ok(box.includes('thread/8201'), 'the request’s target is in the box');
      assert.equal(box.includes('保管対象'), false, 'the subscriber’s name is not');
      assert.equal(box.includes('保管次郎本人'), false, 'nor their reasons');
      // The request's text is, as it stood, with the decline note the lawyer was already shown.
      for (const kept of ['実名を挙げて中傷', '鈴木 花子', '名誉権の侵害', '発信者の異議を認めた']) {
        assert.ok(box.includes(kept), kept);
        assert.equal(text.indexOf(kept), -1, `${kept} only inside the box`);
      }
    });

    /** A consultation naming `tag` (person, contact, post), opened into an inquiry, declined: both ids. */
    async function consultedInquiry(tag: string) {
      const rec = await sato.call<{ id: string }>('POST', '/v1/consultations', {
        category: 'defamation_threat',
        channel: 'visit',
        person: { name: `相談者 ${tag}`, contact: `${tag}@mail.example` },
        // The account becomes the request's facts, which retention takes with the rest of its text.
        account: '掲示板に自分の実名と住所が晒された。',
        targets: [{ type: 'url', url: `https://sakura-board.example/thread/${tag}#res-3` }],
      });
      assert.equal(rec.status, 201, JSON.stringify(rec.body));
      const opened = await sato.call<{ requestIds: string[] }>('POST', `/v1/consultations/${rec.body.id}/case`, {
        caseReference: `相談 ${tag.toUpperCase()}`,
      });
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const id = opened.body.requestIds[0] ?? assert.fail('a request opened');
      await submitApprove(sato, tanaka, id);
      await transition(board, id, { action: 'start_review' });
      await transition(board, id, { action: 'decline', reason: 'no_data' });
      return { consultation: rec.body.id, id };
    }

    const linkedOnly =
      'a consultation opened into a purged request loses its personal fields; an unopened one keeps them';
    test(linkedOnly, async () => {
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 1, mode: 'purge' });
      const { consultation, id } = await consultedInquiry('c8301');
      const kept = await recordConsultation(sato, {
        name: '未着手 花子',
        contact: '090-0000-8302',
        account: '相談のみ（事件化せず）。',
        url: 'https://sakura-board.example/thread/c8302',
      });
      const done = await retain(sato, id);
      assert.equal(done.get(id)?.removed.consultation, true);
      const text = await storeText();
      const at = text.indexOf('c8301');
      assert.equal(at, -1, `the person, the account and the post are in no row: …${text.slice(at - 200, at + 50)}`);
      assert.equal(text.indexOf('自分の実名'), -1, 'nor the account, which became the request’s facts');
      // It still reads, as the request does: what remains, without the personal fields.
      const c = await sato.call<Consultation>('GET', `/v1/consultations/${consultation}`);
      assert.equal(c.status, 200, JSON.stringify(c.body));
      assert.deepEqual(c.body.person, { name: null, contact: null });
      assert.equal(c.body.account, '');
      assert.deepEqual(c.body.targets, []);
      const k = await sato.call<Consultation>('GET', `/v1/consultations/${kept}`);
      assert.equal(k.body.person.name, '未着手 花子');
      assert.equal(k.body.targets[0]?.url, 'https://sakura-board.example/thread/c8302');
    });

    test('archive: the consultation goes into the unit’s box with the request', async () => {
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 1, mode: 'archive' });
      const { consultation, id } = await consultedInquiry('c8401');
      const done = await retain(sato, id);
      assert.equal(done.get(id)?.mode, 'archive');
      assert.equal((await storeText()).indexOf('c8401'), -1, 'only inside the box');
      const c = await sato.call<Consultation>('GET', `/v1/consultations/${consultation}`);
      assert.deepEqual(c.body.person, { name: null, contact: null });
      const box = (await openArchive('sato', id)) as { consultation?: Consultation & { reference: string } };
      assert.deepEqual(box.consultation?.person, { name: '相談者 c8401', contact: 'c8401@mail.example' });
      assert.match(box.consultation?.account ?? '', /自分の実名/);
      assert.equal(box.consultation?.targets[0]?.url, 'https://sakura-board.example/thread/c8401#res-3');
      // Only the unit opens it: the provider cannot.
      const refused = await board.call('GET', `/v1/requests/${id}/archive`);
      assert.notEqual(refused.status, 200);
      await assert.rejects(
        openArchive('board.legal', id),
        (e: unknown) => e instanceof ApiFailure || e instanceof Error,
      );
    });
  });
}
