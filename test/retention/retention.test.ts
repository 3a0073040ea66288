import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyStoreAudit } from '../../src/audit/audit-service.ts';
import { ApiError as ApiFailure, createApiClient } from '../../src/client/client.ts';
import {
  type DeviceHandle,
  enrolDevice,
  openAnswerOnDevice,
  openArchiveOnDevice,
  registerDevice,
  removeAndRotate,
} from '../../src/client/custody.ts';
import { markCompromised, resealOnDevice } from '../../src/client/custody-reseal.ts';
import { exportDevicePublicKey, generateDeviceKeyPair } from '../../src/crypto/device-seal.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { runRetention, setRetentionRule } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditEntries } from '../support/audit.ts';
import { copyRefused, substituteCopy } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, type Client, demoDevice, orgId, startHub, type TestHub } from '../support/exchange.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

// Retention and purpose limitation (issue 14 item 6): a closed request's personal data goes after its
// period — purged, or archived sealed — the audit log still verifies, and a purged answer cannot be opened.

for (const dialect of testDialects()) {
  describe(`retention (${dialect})`, () => {
    let hub: TestHub;
    let now = Date.now();
    let boardId: string;
    const as = (login: string): Promise<Client> => hub.as(login);

    async function post<T>(login: string, path: string, body: unknown): Promise<T> {
      const r = await (await as(login)).call<T>('POST', path, body);
      assert.ok(r.status === 200 || r.status === 201, `${path}: ${JSON.stringify(r.body)}`);
      return r.body;
    }

    /** An inquiry naming `account`, answered with `name`, clarified once; closed unless told otherwise. */
    async function answered(account: string, name: string, close = true): Promise<RequestDetail> {
      const d = await post<RequestDetail>('sato', '/v1/requests', {
        content: {
          kind: 'inquiry',
          providerOrganisationId: boardId,
          caseReference: `RET-${Math.random().toString(36).slice(2, 8)}`,
          offence: '脅迫',
          // The facts name the account too, as an investigator's do: retention takes them with the targets.
          facts: `${account} から被害者に脅迫の投稿があった`,
          necessity: '必要',
          targets: [{ type: 'account', id: account, service: 'Sakura Board' }],
          categories: ['subscriber'],
        },
      });
      await post('sato', `/v1/requests/${d.id}/transitions`, { action: 'submit' });
      assert.equal((await approve(await as('tanaka'), d.id)).status, 200);
      await post('board.legal', `/v1/requests/${d.id}/transitions`, { action: 'start_review' });
      await post('board.legal', `/v1/requests/${d.id}/transitions`, {
        action: 'request_clarification',
        message: `${account} の投稿日時を教えてください`,
      });
      await post('sato', `/v1/requests/${d.id}/transitions`, { action: 'clarify', message: `${account}: 3月1日` });
      await post('board.legal', `/v1/requests/${d.id}/transitions`, { action: 'start_review' });
      await post('board.legal', `/v1/requests/${d.id}/transitions`, {
        action: 'answer',
        answer: {
          outcome: 'full',
          items: [{ targetIndex: 0, result: 'found', subscriber: { account, name } }],
        },
      });
      if (close) await post('sato', `/v1/requests/${d.id}/transitions`, { action: 'close' });
      return d;
    }

    /** Opens an answer as the unit's member does: on their device (the demo's), with the typed client. */
    async function openAnswer(login: string, id: string) {
      const device = demoDevice(hub, login);
      assert.ok(device, `a demo device of ${login}`);
      const api = createApiClient({ baseUrl: hub.url, token: (await as(login)).token });
      return openAnswerOnDevice(api, await importDemoDevice(device), id);
    }

    /** Opens a retention archive as the unit's member does: on their device. */
    async function openArchive(login: string, id: string) {
      const device = demoDevice(hub, login);
      assert.ok(device, `a demo device of ${login}`);
      const api = createApiClient({ baseUrl: hub.url, token: (await as(login)).token });
      return openArchiveOnDevice(api, await importDemoDevice(device), id);
    }

    /** Every row of the tables that hold a request's data, as one text. */
    async function storeText(): Promise<string> {
      const db = hub.ctx.store.db;
      const tables = [
        'requests',
        'messages',
        'answers',
        'request_links',
        'overlap_index',
        'overlap_matches',
        'retention_records',
        'attachments',
        'hearings',
        'hearing_impossibilities',
        'consultations',
        'audit_entries',
        'idempotency_keys',
        'installation_settings',
      ] as const;
      const parts: string[] = [];
      for (const t of tables) parts.push(JSON.stringify(await db.selectFrom(t).selectAll().execute()));
      return parts.join('\n');
    }

    let purged: RequestDetail, archived: RequestDetail, open: RequestDetail, recent: RequestDetail;
    // The head's machine that rotated the key (and so made the current one), kept for the test after.
    let rotatedOn: DeviceHandle | undefined;

    before(async () => {
      hub = await startHub(dialect, { clock: () => new Date(now) });
      boardId = await orgId(hub, 'Sakura Board K.K.');
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 30, mode: 'purge' });
      purged = await answered('ret-purge-4411', '消去 太郎ユニーク');
      open = await answered('ret-open-4412', '未完結 花子', false);
      now += 10 * DAY_MS;
      archived = await answered('ret-archive-4413', '保管 次郎ユニーク');
      now += 15 * DAY_MS;
      recent = await answered('ret-recent-4414', '最近 三郎');
    });
    after(async () => hub.close());

    test('nothing is due before the period has run', async () => {
      now += 4 * DAY_MS; // 29 days after the first closing
      const r = await runRetention(hub.ctx, SYSTEM_CALLER);
      assert.deepEqual(r.applied, []);
    });

    test('past its period a closed request is purged: rows emptied, answer refused clearly, log verifies', async () => {
      now += 2 * DAY_MS; // 31 days after the first closing
      const dry = await runRetention(hub.ctx, SYSTEM_CALLER, { dryRun: true });
      assert.deepEqual(
        dry.due.map((d) => d.id),
        [purged.id],
      );
      assert.deepEqual(dry.applied, []);
      const r = await runRetention(hub.ctx, SYSTEM_CALLER);
      assert.deepEqual(
        r.applied.map((a) => [a.requestId, a.mode]),
        [[purged.id, 'purge']],
      );
      assert.deepEqual(r.applied[0]?.removed, {
        targets: 1,
        envelope: true,
        messages: 2,
        links: 0,
        answer: true,
        attachments: 0,
        fileNames: 0,
        hearing: false,
        consultation: false,
      });

      const text = await storeText();
      const at = text.indexOf('ret-purge-4411');
      assert.equal(at, -1, `the purged identifier is in no row: …${text.slice(at - 300, at + 100)}`);
      assert.ok(text.includes('ret-open-4412'), 'sanity: an open request keeps its identifier');
      assert.ok(text.includes('ret-recent-4414'), 'sanity: a request within its period keeps it');
      const db = hub.ctx.store.db;
      const ans = await db
        .selectFrom('answers')
        .selectAll()
        .where('request_id', '=', purged.id)
        .executeTakeFirstOrThrow();
      assert.equal(ans.sealed_for_provider, null);
      assert.equal(ans.sealed.includes('"ct"'), false, 'no ciphertext left');
      assert.equal(
        (await db.selectFrom('overlap_index').select('digest').where('request_id', '=', purged.id).execute()).length,
        0,
      );

      // The answer cannot be reopened, by the unit or the provider, and the message says why and when.
      for (const login of ['sato', 'board.legal']) {
        const a = await (await as(login)).call<ApiError>('GET', `/v1/requests/${purged.id}/answer`);
        assert.equal(a.status, 410, JSON.stringify(a.body));
        assert.equal(a.body.error.code, 'PURGED');
        assert.match(a.body.error.message.ja, /保存期間（30日）.*令和\d+年（\d{4}年）.*消去/);
        assert.match(a.body.error.message.en, /30 days after the request closed: it cannot be opened/);
      }
      // The request itself still reads (what remains), without targets.
      const d = await (await as('sato')).call<RequestDetail>('GET', `/v1/requests/${purged.id}`);
      assert.equal(d.status, 200, JSON.stringify(d.body));
      assert.deepEqual(d.body.content?.targets, []);
      assert.deepEqual(
        [d.body.content?.facts, d.body.content?.offence, d.body.content?.categories],
        ['', '', ['subscriber']],
      );
      assert.equal(d.body.state, 'closed');
      const list = await (await as('sato')).call<{ items: Array<{ id: string; offence: string | null }> }>(
        'GET',
        '/v1/requests',
      );
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.equal(list.body.items.find((i) => i.id === purged.id)?.offence, '');
      // Search still finds it by its case reference (kept), and the statistics still count it.
      const ref = encodeURIComponent(purged.content?.caseReference ?? '');
      const found = await (await as('sato')).call<{ items: Array<{ id: string }> }>('GET', `/v1/search?q=${ref}`);
      assert.deepEqual(
        found.body.items?.map((i) => i.id),
        [purged.id],
        JSON.stringify(found.body),
      );
      const around = (days: number) => encodeURIComponent(new Date(now + days * DAY_MS).toISOString());
      const span = `from=${around(-365)}&to=${around(1)}`;
      type Totals = { totals: { total: number; byCategory: { subscriber: number } }; auditCheck: { ok: boolean } };
      const stats = await (await as('sato')).call<Totals>('GET', `/v1/statistics?${span}`);
      assert.equal(stats.status, 200, JSON.stringify(stats.body));
      assert.ok(stats.body.totals.byCategory.subscriber >= 4, 'the four requests, purged or not, by their category');
      assert.equal(stats.body.auditCheck.ok, true);
      // The archive of a purged request is refused just as clearly.
      const arc = await (await as('sato')).call<ApiError>('GET', `/v1/requests/${purged.id}/archive`);
      assert.equal(arc.status, 410);
      // …and on the member's device too: the box is gone, nothing opens it again.
      await assert.rejects(openAnswer('sato', purged.id), (e: unknown) => e instanceof ApiFailure && e.status === 410);
      await assert.rejects(openArchive('sato', purged.id), (e: unknown) => e instanceof ApiFailure && e.status === 410);

      const audit = await verifyStoreAudit(db, { trust: { keys: hub.ctx.auditTrust.keys } });
      assert.equal(audit.ok, true, JSON.stringify(audit.firstBad));
      const [entry] = await auditEntries(db, 'retention.purged', purged.id);
      assert.equal(entry?.actorType, 'system');
      assert.equal(entry?.details.days, 30);

      assert.deepEqual((await runRetention(hub.ctx, SYSTEM_CALLER)).applied, [], 'done once');
    });

    test('archive mode seals what was in clear to the unit; the answer stays sealed and opens', async () => {
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 30, mode: 'archive' });
      now += 10 * DAY_MS; // 31 days after the second closing, 16 after the last
      const r = await runRetention(hub.ctx, SYSTEM_CALLER);
      assert.deepEqual(
        r.applied.map((a) => [a.requestId, a.mode]),
        [[archived.id, 'archive']],
      );
      const text = await storeText();
      assert.equal(text.includes('ret-archive-4413'), false, 'the archived identifier is only inside the box');
      const rec = await hub.ctx.store.db
        .selectFrom('retention_records')
        .selectAll()
        .where('request_id', '=', archived.id)
        .executeTakeFirstOrThrow();
      // Sealed through the answers' sealing: to the unit's current key — here held on its members' devices.
      const box = JSON.parse(rec.archive ?? '{}') as { alg: string; recipientKeyId: string };
      const unitKey = await hub.ctx.store.db
        .selectFrom('keys')
        .select(['id', 'algorithm'])
        .where('id', '=', box.recipientKeyId)
        .executeTakeFirstOrThrow();
      assert.equal(
        box.alg,
        unitKey.algorithm === 'ECDH-P256' ? 'ECDH-P256-HKDF-SHA256-A256GCM' : 'X25519-HKDF-SHA256-A256GCM',
      );

      // The answer stays sealed and still opens (on the unit's device).
      const a = await openAnswer('sato', archived.id);
      assert.equal(a.answer.items[0]?.subscriber?.name, '保管 次郎ユニーク');
      const arc = await (await as('sato')).call<{
        targets?: Array<{ id: string }>;
        messages?: Array<{ body: string }>;
        content?: { facts: string };
        error?: { code: string };
      }>('GET', `/v1/requests/${archived.id}/archive`);
      if (unitKey.algorithm === 'ECDH-P256') {
        // The hub cannot open what is sealed to the devices; the member's device does.
        assert.equal(arc.body.error?.code, 'OPEN_ON_DEVICE');
        const opened = await openArchive('sato', archived.id);
        assert.deepEqual(opened.targets, [{ type: 'account', id: 'ret-archive-4413', service: 'Sakura Board' }]);
        assert.equal(opened.messages.length, 2);
        assert.match(opened.messages[0]?.body ?? '', /ret-archive-4413/);
        assert.ok(opened.envelope?.includes('ret-archive-4413'), 'the signed envelope as it was');
        assert.match(opened.content?.facts ?? '', /ret-archive-4413 から被害者/, 'the facts as they were');
        // Only the unit's members: another force and the provider cannot have the box at all.
        await assert.rejects(openArchive('osaka', archived.id), (e: unknown) => e instanceof ApiFailure);
        const boardBox = await (await as('board.legal')).call<ApiError>(
          'GET',
          `/v1/requests/${archived.id}/sealed-archive?device=dev_none`,
        );
        assert.ok(boardBox.status === 403 || boardBox.status === 404, JSON.stringify(boardBox.body));
      } else {
        assert.equal(arc.status, 200, JSON.stringify(arc.body));
        assert.equal(arc.body.targets?.[0]?.id, 'ret-archive-4413');
        assert.equal(arc.body.messages?.length, 2);
        assert.match(arc.body.content?.facts ?? '', /ret-archive-4413 から被害者/);
      }
      // Only the issuing unit opens it; the provider cannot.
      assert.notEqual((await (await as('board.legal')).call('GET', `/v1/requests/${archived.id}/archive`)).status, 200);
      const audit = await verifyStoreAudit(hub.ctx.store.db, { trust: { keys: hub.ctx.auditTrust.keys } });
      assert.equal(audit.ok, true, JSON.stringify(audit.firstBad));
    });

    test('an archive sealed before a rotation opens on a device enrolled after it', async () => {
      const rec = await hub.ctx.store.db
        .selectFrom('retention_records')
        .select('archive')
        .where('request_id', '=', archived.id)
        .executeTakeFirstOrThrow();
      assert.equal(JSON.parse(rec.archive ?? '{}').alg, 'ECDH-P256-HKDF-SHA256-A256GCM', 'sealed to the devices');
      const apiOf = async (login: string) => createApiClient({ baseUrl: hub.url, token: (await as(login)).token });
      const demo = async (login: string) => {
        const d = hub.demo.devices?.find((x) => x.login === login && x.kind === 'machine');
        assert.ok(d);
        return importDemoDevice(d);
      };
      const fresh = async (login: string, label: string) => {
        const pair = await generateDeviceKeyPair(false);
        const publicKey = await exportDevicePublicKey(pair.publicKey);
        const v = await registerDevice(await apiOf(login), { label, kind: 'browser', publicKey });
        return { id: v.id, publicKey, privateKey: pair.privateKey };
      };
      // A device of sato's is lost and removed: the key rotates (the demo devices keep theirs).
      const lost = await fresh('sato', '紛失した端末');
      await enrolDevice(await apiOf('sato'), await demo('sato'), lost);
      // The head's machine makes the new key and keeps its record (as its key file would: made-keys.ts).
      rotatedOn = await demo('tanaka');
      await removeAndRotate(await apiOf('tanaka'), rotatedOn, { deviceIds: [lost.id] });
      // Sato's replacement, enrolled after the rotation, opens the archive sealed before it.
      const replacement = await fresh('sato', '新しい端末');
      await enrolDevice(await apiOf('sato'), await demo('sato'), replacement);
      const opened = await openArchiveOnDevice(await apiOf('sato'), replacement, archived.id);
      assert.deepEqual(opened.targets, [{ type: 'account', id: 'ret-archive-4413', service: 'Sakura Board' }]);
    });

    const compromisedKeyTitle =
      'an earlier key marked compromised: the archive sealed to it is re-sealed and opens on a later device';
    test(compromisedKeyTitle, async () => {
      const head = createApiClient({ baseUrl: hub.url, token: (await as('tanaka')).token });
      const headDevice = demoDevice(hub, 'tanaka');
      assert.ok(headDevice);
      // The machine that made the current key at the rotation above: it re-seals to it on its own record.
      const device = rotatedOn ?? assert.fail('the rotation above ran');
      assert.equal(device.id, headDevice.deviceId);
      const rec = await hub.ctx.store.db
        .selectFrom('retention_records')
        .selectAll()
        .where('request_id', '=', archived.id)
        .executeTakeFirstOrThrow();
      const earlier = (JSON.parse(rec.archive ?? '{}') as { recipientKeyId: string }).recipientKeyId;
      const current = (await head.GET('/v1/custody')).data?.custodyKey?.id;
      assert.ok(earlier && current && earlier !== current, 'the archive is sealed to a key from before the rotation');
      // An earlier key is only marked: the current key stays.
      const marked = await markCompromised(head, device, earlier);
      assert.equal(marked.custodyKey?.id, current);
      assert.ok(marked.leftToReseal >= 1);
      const pair = await generateDeviceKeyPair(false);
      const publicKey = await exportDevicePublicKey(pair.publicKey);
      const v = await registerDevice(head, { label: '田中 新端末', kind: 'browser', publicKey });
      const later = { id: v.id, publicKey, privateKey: pair.privateKey };
      await enrolDevice(head, device, later);
      await assert.rejects(openArchiveOnDevice(head, later, archived.id), (e: unknown) => e instanceof ApiFailure);
      assert.equal((await resealOnDevice(head, device)).left, 0);
      const opened = await openArchiveOnDevice(head, later, archived.id);
      assert.deepEqual(opened.targets, [{ type: 'account', id: 'ret-archive-4413', service: 'Sakura Board' }]);
      // A hub that puts an archive of its own in the copy's place (sealed to the current key's public
      // part) is caught on the device: with the re-sealer's declaration kept, fitted to it, or without its MAC.
      const forged = JSON.stringify({
        requestId: archived.id,
        targets: [{ type: 'account', id: 'someone-else', service: 'Sakura Board' }],
        envelope: null,
        messages: [],
        links: [],
      });
      const item = { kind: 'archive', itemId: archived.id, aad: `shokai/retention-archive/${archived.id}` };
      for (const declaration of ['kept', 'fitted', 'dropped'] as const) {
        const restore = await substituteCopy(hub.ctx.store.db, item, forged, declaration);
        await assert.rejects(openArchiveOnDevice(head, later, archived.id), copyRefused, declaration);
        await restore();
      }
      assert.equal((await openArchiveOnDevice(head, later, archived.id)).targets.length, 1);
    });

    test('an open request is never touched; a bad policy is refused naming the field', async () => {
      const d = await (await as('sato')).call<RequestDetail>('GET', `/v1/requests/${open.id}`);
      assert.equal(d.body.content?.targets.length, 1);
      assert.equal((await openAnswer('sato', open.id)).answer.items[0]?.subscriber?.name, '未完結 花子');
      const dr = await (await as('sato')).call<RequestDetail>('GET', `/v1/requests/${recent.id}`);
      assert.equal(dr.body.content?.targets.length, 1, 'within its period');
      await assert.rejects(
        run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 0, mode: 'purge' }),
        (e: Error & { details?: { field?: string } }) => e.details?.field === 'days',
      );
      await assert.rejects(
        run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 10, mode: 'shred' }),
        (e: Error & { details?: { field?: string } }) => e.details?.field === 'mode',
      );
    });
  });
}
