// The emergency call-back is not the hub's word alone. The hub asks a call-back to the issuing unit before an
// emergency signed with a young approver credential is answered — but a hub whose operator says none is needed
// would let the answer leave. The installation knows the key's age itself (the pinned directory registers the
// key, the envelope its signed issue time): such an emergency's answer waits here until a reviewer records the
// call-back here, whatever the hub says; the review page says why in both languages, and the call-back recorded
// here (the hub asking none) releases it.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { recordCallBack } from '../../src/agent/call-back.ts';
import { exportAnswers } from '../../src/agent/files.ts';
import { pinnedDirectory } from '../../src/agent/intake.ts';
import { ownCallBackReason } from '../../src/agent/own-call-back.ts';
import { esc } from '../../src/agent/render.ts';
import { editDraft, viewForReview } from '../../src/agent/review.ts';
import { approve, cycle, sendAll } from '../../src/agent/runner.ts';
import type { Fetch } from '../../src/agent/transport.ts';
import { checkArrivedEnvelope } from '../../src/domain/agent-intake.ts';
import { SignedEnvelopeSchema } from '../../src/domain/envelope.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { agentPage, boardDeskHooks, calledAtNow, runtime } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { boardPost, issue, suicideNotice } from '../support/flow.ts';

for (const dialect of testDialects()) {
  describe(`an emergency's call-back asked by the installation itself (${dialect})`, () => {
    const { hub, people, orgs } = hubWithHooks(dialect, ['sato', 'tanaka']);
    const [sato, tanaka] = people;
    const desk = boardDeskHooks(hub, dialect);

    test('a hub saying none is needed: the answer waits here until a call-back is recorded here', async () => {
      const { agent, rt, code, legal } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/77#1')]));
      const id = issued.id;
      await cycle(rt);
      assert.equal((await findAgentRequest(agent.ctx.store.db, id))?.state, 'prepared');

      // The hub as its operator could make it: no call-back asked in its view; every transition sent is noted.
      const posted: string[] = [];
      const saysNone =
        (f: Fetch): Fetch =>
        async (input, init) => {
          const url = new URL(String(input instanceof Request ? input.url : input));
          const method = input instanceof Request ? input.method : (init?.method ?? 'GET');
          if (url.pathname === `/v1/requests/${id}/transitions`) {
            const text = input instanceof Request ? await input.clone().text() : String(init?.body ?? '');
            posted.push(String((JSON.parse(text) as { action?: unknown }).action));
          }
          const r = await f(input, init);
          if (url.pathname !== `/v1/requests/${id}` || method !== 'GET' || !r.ok) return r;
          const body = (await r.json()) as Record<string, unknown>;
          return Response.json({ ...body, secondCheck: null });
        };
      const lying = runtime(agent, rt.signer, agent.link({}, saysNone));
      const page = async (path: string, body?: URLSearchParams) => {
        const r = await agentPage(lying, code, path, body);
        return { status: r.status, text: await r.text() };
      };

      // Before approval the page says the call-back is needed, and why, by the installation's own check.
      for (const [lang, why] of [
        ['ja', /固定済みディレクトリの鍵の登録日時/],
        ['en', /the key&#39;s registration in the pinned directory/],
      ] as const) {
        const before = await page(`/requests/${id}?lang=${lang}`);
        assert.match(before.text, /id="call-back" data-call-back="required"/, lang);
        assert.match(before.text, why, lang);
        assert.match(
          before.text,
          lang === 'ja' ? /この設置の求め。ハブが求めていなくても/ : /This installation asks that/,
        );
        // The form says where the call-back is recorded: here only, the hub asking none.
        assert.match(
          before.text,
          lang === 'ja'
            ? /確認者の名前で、この設置に記録します</
            : /Recorded here, in the name of the reviewer signed in</,
        );
        assert.doesNotMatch(before.text, /ハブとこの設置の両方に記録|Recorded at the hub and here/, lang);
      }

      const digest = await run(agent.ctx, editDraft, legal, id, {
        answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] },
      });
      await approve(lying, legal, id, digest);
      // Held here: no send, no failure, no refusal of the hub's kept, no attempt counted; audited once as a hold.
      assert.deepEqual(await sendAll(lying, lying.hub ?? assert.fail('online')), { sent: 0, failed: 0 });
      assert.deepEqual(await sendAll(lying, lying.hub ?? assert.fail('online')), { sent: 0, failed: 0 });
      assert.ok(!posted.includes('answer'), 'the answer did not leave');
      const view = await run(agent.ctx, viewForReview, legal, id, {});
      assert.equal(view.sendRefused, null, 'the hub refused nothing');
      assert.equal(view.attempts, 0);
      const held = view.heldHere ?? assert.fail('held, in words');
      assert.match(held.ja, /この設置で記録することを求めています（ハブが求めていなくても）/);
      assert.match(held.en, /recorded here, before this emergency is answered \(whether or not the hub/);
      assert.equal((await auditDetails(agent.ctx.store.db, 'agent.send_held', id)).length, 1, 'audited once');
      assert.deepEqual(await auditDetails(agent.ctx.store.db, 'agent.send_refused', id), []);
      for (const lang of ['ja', 'en'] as const) {
        const shown = await page(`/requests/${id}?lang=${lang}`);
        assert.ok(shown.text.includes(esc(held[lang])), `said on the page (${lang})`);
        assert.match(
          shown.text,
          lang === 'ja'
            ? /この設置が送付を保留しています（ハブは何も拒否していません）/
            : /this installation holds the send \(the hub refused nothing\)/,
        );
        assert.doesNotMatch(shown.text, /ハブが送付を拒否|the hub refuses the send|What the hub says|ハブの理由/);
        assert.ok(!shown.text.includes('SECOND_CHECK_REQUIRED'), 'no code shown');
        // The list and the status page mark it too, in the installation's words (not as the hub's refusal).
        const list = (await page(`/?lang=${lang}`)).text;
        assert.ok(list.includes(`data-held-here="${id}"`), `the list marks it (${lang})`);
        assert.match(
          list,
          lang === 'ja'
            ? /要対応: 折り返し電話の記録待ち（この設置で保留）/
            : /Needs action: held here until a call-back is recorded/,
        );
        assert.ok(!list.includes(`data-send-refused="${id}"`), 'no refusal of the hub said');
        const status = (await page(`/status?lang=${lang}`)).text;
        assert.ok(status.includes(`<li data-held-here="${id}">`), `the status page lists it (${lang})`);
        assert.ok(status.includes(esc(held[lang])), `with why (${lang})`);
      }

      // Recorded here (the hub asks none: nothing recorded there), then the answer leaves.
      const call = calledAtNow();
      // The hub's number is the hub's word: the page says to call one known apart from it, and asks which.
      for (const [lang, words] of [
        ['ja', /ハブに頼らずに確かめた番号（所属の公表された代表番号/],
        ['en', /Call a number you know apart from the hub \(the unit’s published switchboard/],
      ] as const) {
        const shown = (await page(`/requests/${id}?lang=${lang}`)).text;
        assert.match(shown, words, lang);
        assert.match(shown, /<input id="dialled" name="dialled" type="tel" maxlength="40" required>/);
      }
      const noNumber = await page(
        `/requests/${id}/call-back`,
        new URLSearchParams({ calledAt: call.wall, outcome: '確認', confirmed: 'yes' }),
      );
      assert.equal(noNumber.status, 400, 'the number dialled is asked');
      assert.match(noNumber.text, /電話した番号（dialled）がありません/);
      assert.deepEqual(await auditDetails(agent.ctx.store.db, 'agent.callback_recorded', id), []);
      const done = await page(
        `/requests/${id}/call-back`,
        new URLSearchParams({
          calledAt: call.wall,
          dialled: '03-3581-4321',
          outcome: '刑事課 当直が発出を確認',
          confirmed: 'yes',
        }),
      );
      assert.equal(done.status, 303, done.text);
      assert.ok(!posted.includes('confirm_second_check'), 'the hub asked none: recorded here only');
      assert.deepEqual(await auditDetails(agent.ctx.store.db, 'agent.callback_recorded', id), [
        { calledAt: call.iso, outcome: '刑事課 当直が発出を確認', number: null, dialled: '03-3581-4321' },
      ]);
      const recorded = (await page(`/requests/${id}`)).text;
      assert.match(recorded, /data-call-back="recorded"/);
      assert.match(recorded, /記録した者（この設置の記録）/);
      // (The hub in truth asks one too and refuses the answer until it is recorded there: its ask still counts.)
      await sendAll(lying, lying.hub ?? assert.fail('online'));
      assert.ok(posted.includes('answer'), 'sent once the call-back is recorded here');
      assert.ok(!(await page('/')).text.includes(`data-held-here="${id}"`), 'no longer marked');
    });

    test('file mode: the answer is not written out until the call-back is recorded here', async () => {
      const { agent, rt, legal } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/79#1')]));
      const id = issued.id;
      await cycle(rt);
      const offline = runtime(agent, rt.signer, null);
      const digest = await run(agent.ctx, editDraft, legal, id, {
        answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] },
      });
      await approve(offline, legal, id, digest);
      const out = mkdtempSync(join(tmpdir(), 'shokai-own-call-back-'));
      const written = async () => (await exportAnswers(offline, out)).filter((f) => f.includes(id));
      assert.deepEqual(await written(), [], 'nothing written');
      const held = (await run(agent.ctx, viewForReview, legal, id, {})).heldHere ?? assert.fail('held, in words');
      assert.match(held.en, /recorded here, before this emergency is answered/);
      // No hub to reach: the installation's own ask is recorded here.
      await recordCallBack(offline, legal, id, {
        calledAt: calledAtNow().wall,
        dialled: '03-3581-4321',
        outcome: '当直が確認',
        confirmed: 'yes',
      });
      assert.equal((await written()).length, 1, 'written once recorded');
      // Recorded again: said to be recorded here already (not "record it in the hub's pages").
      await assert.rejects(
        recordCallBack(offline, legal, id, { calledAt: calledAtNow().wall, outcome: '再度', confirmed: 'yes' }),
        (e: Error & { messages?: { ja: string; en: string } }) =>
          /この設置で記録済み/.test(e.messages?.ja ?? '') && /already recorded here/.test(e.messages?.en ?? ''),
      );
    });

    test('an approved answer leaves before the pull: a failing listing does not hold it back', async () => {
      const { agent, rt, legal } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/82#1')]));
      const id = issued.id;
      await cycle(rt);
      const digest = await run(agent.ctx, editDraft, legal, id, {
        answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] },
      });
      await approve(rt, legal, id, digest);
      await recordCallBack(rt, legal, id, {
        calledAt: calledAtNow().wall,
        dialled: '03-3581-4321',
        outcome: '当直が確認',
        confirmed: 'yes',
      });
      // The hub's listing fails (a hostile or broken hub): the cycle fails, after the answer left.
      const listingFails = runtime(
        agent,
        rt.signer,
        agent.link({}, (f: Fetch) => async (input, init) => {
          const url = new URL(String(input instanceof Request ? input.url : input));
          if (
            url.pathname === '/v1/requests' &&
            (input instanceof Request ? input.method : (init?.method ?? 'GET')) === 'GET'
          ) {
            return Response.json(
              { error: { code: 'INTERNAL', message: { ja: '障害', en: 'failure' } } },
              { status: 500 },
            );
          }
          return f(input, init);
        }),
      );
      await assert.rejects(cycle(listingFails));
      assert.equal((await findAgentRequest(agent.ctx.store.db, id))?.state, 'sent');
    });

    test('a hub configured but not read: the installation records its own call-back all the same', async () => {
      const { agent, rt, legal } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/81#1')]));
      const id = issued.id;
      await cycle(rt);
      const cut = runtime(
        agent,
        rt.signer,
        agent.link({}, () => () => Promise.reject(new TypeError('fetch failed'))),
      );
      const call = calledAtNow();
      await recordCallBack(cut, legal, id, {
        calledAt: call.wall,
        dialled: '03-3581-4321',
        outcome: '当直が確認',
        confirmed: 'yes',
      });
      assert.deepEqual(await auditDetails(agent.ctx.store.db, 'agent.callback_recorded', id), [
        { calledAt: call.iso, outcome: '当直が確認', number: null, dialled: '03-3581-4321' },
      ]);
    });

    test('by the pin alone: a key registered three days or more before the signing asks none', async () => {
      const { agent } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/78#1')]));
      await cycle(desk.rt);
      const row = (await findAgentRequest(agent.ctx.store.db, issued.id)) ?? assert.fail('taken in');
      const pinned = (await inTransaction(agent.ctx, pinnedDirectory)) ?? assert.fail('pinned');
      assert.ok(ownCallBackReason(row, pinned), 'the head’s key is minutes old');
      const env = SignedEnvelopeSchema.parse(JSON.parse(row.envelope));
      const keyId = env.signatures.approver.keyId;
      const aged = (hours: number) => ({
        ...pinned,
        entries: pinned.entries.map((e) =>
          e.type === 'key' && e.id === keyId
            ? { ...e, at: new Date(Date.parse(env.payload.issuedAt) - hours * 3_600_000).toISOString() }
            : e,
        ),
      });
      assert.equal(ownCallBackReason(row, aged(72)), null);
      assert.match(ownCallBackReason(row, aged(71))?.en ?? '', /registered only 2d 23h before signing/);
      assert.equal(ownCallBackReason({ ...row, kind: 'inquiry' }, pinned), null, 'an emergency only');
      // Dated ahead: the key is aged from the earlier of the signed issue and its receipt here.
      const receivedEarly = {
        ...row,
        received_at: new Date(Date.parse(env.payload.issuedAt) - 2 * 3_600_000).toISOString(),
      };
      assert.match(ownCallBackReason(receivedEarly, aged(73))?.en ?? '', /registered only 2d 23h before signing/);
      // A time that cannot be read ages nothing: the key counts as young, the call-back asked, in words.
      const unreadable = {
        ...pinned,
        entries: pinned.entries.map((e) => (e.type === 'key' && e.id === keyId ? { ...e, at: 'yesterday' } : e)),
      };
      const why = ownCallBackReason(row, unreadable) ?? assert.fail('an unreadable date asks the call-back');
      assert.match(why.en, /registration \(yesterday\) or the signed issue time .* cannot be read/);
      assert.match(why.ja, /登録日時（yesterday）か署名された発出日時.*を日時として読めない/);
      assert.ok(ownCallBackReason({ ...row, received_at: 'soon' }, aged(100)), 'an unreadable receipt too');
    });

    test('an issue time later than the clock here (beyond the skew) is refused at intake, naming it', async () => {
      const { agent } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/80#1')]));
      await cycle(desk.rt);
      const row = (await findAgentRequest(agent.ctx.store.db, issued.id)) ?? assert.fail('taken in');
      const pinned = (await inTransaction(agent.ctx, pinnedDirectory)) ?? assert.fail('pinned');
      const raw: unknown = JSON.parse(row.envelope);
      const env = SignedEnvelopeSchema.parse(raw);
      const at = (ms: number) => new Date(Date.parse(env.payload.issuedAt) + ms);
      const provider = env.payload.providerOrganisationId ?? assert.fail('addressed');
      // The same envelope met by a clock 73 hours behind its issue: its holder dated it ahead.
      const ahead = checkArrivedEnvelope(raw, pinned, provider, at(-73 * 3_600_000));
      assert.equal(ahead.ok, false);
      assert.ok(!ahead.ok);
      assert.equal(ahead.reason, 'issued_future');
      assert.equal(ahead.field, 'issuedAt');
      assert.match(ahead.message.ja, /発出日時（issuedAt）がこの設置の時計より後/);
      assert.match(ahead.message.en, /the issue time \(issuedAt\) is later than this installation's clock/);
      assert.ok(ahead.detail?.ja.includes(env.payload.issuedAt) && ahead.detail.en.includes(env.payload.issuedAt));
      // Within the hub's skew (five minutes) it is not refused for its time.
      const within = checkArrivedEnvelope(raw, pinned, provider, at(-4 * 60_000));
      assert.ok(within.ok || within.reason !== 'issued_future');
    });
  });
}
