import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { uploadSealedAnswerFile, uploadSealedFile } from '../../src/client/attachment-seal.ts';
import { ApiError as ClientError, createApiClient } from '../../src/client/client.ts';
import { openAnswerOnDevice, openAttachmentOnDevice } from '../../src/client/custody.ts';
import { importDemoDevice } from '../../src/demo/custody.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { type AttachmentPurpose, MAX_ATTACHMENT_BYTES } from '../../src/domain/attachments.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { DAY_MS } from '../../src/domain/time.ts';
import { runRetention, setRetentionRule } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import {
  approve,
  type Client,
  demoDevice,
  orgId,
  postDemoLogin,
  providerSide,
  startHub,
  type TestHub,
} from '../support/exchange.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

// Attachments (issue 14 item 2): sealed like answers, their hashes signed in the envelope or the
// answer, with limits that name the field, the limit and the value.

const MARK = 'UNIQUE-SCREENSHOT-MARKER-5521';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(MARK)]);
const PDF = Buffer.from(`%PDF-1.4\n% answer file ${MARK}-PDF\n%%EOF\n`);
const LOG = Buffer.from(`2026-03-01T10:00:00+09:00 login user=${MARK}-LOG from 203.0.113.9\n`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Att {
  id: string;
  purpose: string;
  side: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  sha256: string;
}

for (const dialect of testDialects()) {
  describe(`attachments (${dialect})`, () => {
    let hub: TestHub;
    let now = Date.now();
    const tokens = new Map<string, string>();
    let requestId: string;

    async function token(login: string): Promise<string> {
      const known = tokens.get(login);
      if (known) return known;
      const r = await postDemoLogin(hub, login, () => now, { returnToken: true });
      const t = ((await r.json()) as { token: string }).token;
      tokens.set(login, t);
      return t;
    }
    async function as(login: string): Promise<Client> {
      const t = await token(login);
      const passkey = hub.demo.authenticators?.[login];
      return {
        token: t,
        ...(passkey ? { passkey, origin: hub.url.replace('127.0.0.1', 'localhost') } : {}),
        // The provider's side seals its answers itself (issue 11).
        call: providerSide(hub, login, async <T>(m: string, p: string, b?: unknown) => {
          const res = await fetch(hub.url + p, {
            method: m,
            headers: {
              authorization: `Bearer ${t}`,
              ...(b !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            ...(b !== undefined ? { body: JSON.stringify(b) } : {}),
          });
          const text = await res.text();
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {}
          return { status: res.status, body: body as T };
        }),
      };
    }
    /**
     * Uploads a file as its sender's side does now that both sides hold their own keys (issue 11): sealed
     * there. A refusal of that side's own checks (type, size, name) reads like the hub's.
     */
    async function upload(login: string, purpose: AttachmentPurpose, fileName: string, type: string, bytes: Buffer) {
      // A stored file or a refusal, read as the hub's replies are (either shape).
      const reply = (body: object) => body as Att & ApiError;
      const api = createApiClient({ baseUrl: hub.url, token: await token(login) });
      try {
        const att = await uploadSealedFile(api, requestId, purpose, { fileName, mediaType: type, bytes });
        return { status: 201, body: reply(att) };
      } catch (e) {
        const refusal = (status: number, code: string, message: ApiError['error']['message'], details = {}) => ({
          status,
          body: reply({ error: { code, message, details } }),
        });
        if (e instanceof ClientError) return refusal(e.status, e.code, e.bilingual, e.details);
        if (!(e instanceof DomainError)) throw e;
        return refusal(e.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400, e.code, e.messages, e.details);
      }
    }
    /** Uploads a file in clear, as a client of before issue 11 did. */
    async function uploadInClear(login: string, purpose: string, fileName: string, type: string, bytes: Buffer) {
      const res = await fetch(
        `${hub.url}/v1/requests/${requestId}/attachments?purpose=${purpose}&fileName=${encodeURIComponent(fileName)}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${await token(login)}`, 'content-type': type },
          body: bytes,
        },
      );
      return { status: res.status, body: (await res.json()) as Att & ApiError };
    }
    /** Opens a file as its reader's side does: on the hub for a key it holds, else on the reader's device. */
    async function download(login: string, id: string) {
      const res = await fetch(`${hub.url}/v1/requests/${requestId}/attachments/${id}`, {
        headers: { authorization: `Bearer ${await token(login)}` },
      });
      const raw = Buffer.from(await res.arrayBuffer());
      if (res.status !== 409 || !raw.toString().includes('OPEN_ON_DEVICE')) {
        return { status: res.status, headers: res.headers, bytes: raw, where: 'hub' };
      }
      const device = demoDevice(hub, login);
      assert.ok(device, `a demo device of ${login}`);
      const api = createApiClient({ baseUrl: hub.url, token: await token(login) });
      try {
        const f = await openAttachmentOnDevice(api, await importDemoDevice(device), requestId, id);
        return {
          status: 200,
          headers: new Headers({ 'content-type': f.mediaType }),
          bytes: Buffer.from(f.bytes),
          where: 'device',
        };
      } catch (e) {
        if (e instanceof ClientError)
          return { status: e.status, headers: new Headers(), bytes: Buffer.alloc(0), where: 'device' };
        throw e;
      }
    }
    const act = async (login: string, body: unknown) => {
      const r = await (await as(login)).call<RequestDetail>('POST', `/v1/requests/${requestId}/transitions`, body);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };

    before(async () => {
      hub = await startHub(dialect, { clock: () => new Date(now) });
      const boardId = await orgId(hub, 'Sakura Board K.K.');
      const content = {
        kind: 'inquiry',
        providerOrganisationId: boardId,
        caseReference: 'ATT-1',
        offence: '脅迫',
        facts: '事実',
        necessity: '必要',
        targets: [{ type: 'url', url: 'https://sakura-board.example/t/9#2' }],
        categories: ['subscriber'],
      };
      const typed = await (await as('sato')).call<ApiError>('POST', '/v1/requests', {
        content: {
          ...content,
          attachments: [{ id: 'x', fileName: 'a.png', mediaType: 'image/png', byteSize: 1, sha256: 'a'.repeat(64) }],
        },
      });
      assert.equal(typed.status, 400);
      assert.equal(typed.body.error.details?.field, 'content.attachments');
      const d = await (await as('sato')).call<RequestDetail>('POST', '/v1/requests', { content });
      assert.equal(d.status, 201, JSON.stringify(d.body));
      requestId = d.body.id;
    });
    after(async () => hub.close());

    test('bad files are refused naming the field, the limit and the value', async () => {
      const zip = await upload('sato', 'request', 'a.zip', 'application/zip', Buffer.from('PK\u0003\u0004'));
      assert.equal(zip.status, 400);
      assert.deepEqual(
        [zip.body.error.details?.field, zip.body.error.details?.value],
        ['mediaType', 'application/zip'],
      );
      const fake = await upload('sato', 'request', 'fake.png', 'image/png', Buffer.from('not a png'));
      assert.equal(fake.status, 400);
      assert.equal(fake.body.error.details?.field, 'mediaType');
      assert.match(fake.body.error.message.en, /fake\.png is not image\/png/);
      const big = await upload(
        'sato',
        'request',
        'big.txt',
        'text/plain',
        Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x41),
      );
      assert.equal(big.status, 413);
      assert.equal(big.body.error.details?.field, 'file');
      assert.equal(big.body.error.details?.limit, MAX_ATTACHMENT_BYTES);
      assert.equal(big.body.error.details?.value, MAX_ATTACHMENT_BYTES + 1);
      const empty = await upload('sato', 'request', 'e.txt', 'text/plain', Buffer.alloc(0));
      assert.equal(empty.status, 400);
      const name = await upload('sato', 'request', '../etc/passwd', 'text/plain', LOG);
      assert.equal(name.status, 400);
      assert.equal(name.body.error.details?.field, 'fileName');
      const wrongPurpose = await upload('sato', 'answer', 'x.pdf', 'application/pdf', PDF);
      assert.equal(wrongPurpose.status, 403);
      // The unit's key is on its members' devices: a request file in clear is refused, naming the way.
      const clear = await uploadInClear('sato', 'request', 'a.png', 'image/png', PNG);
      assert.equal(clear.status, 400);
      assert.equal(clear.body.error.details?.field, 'purpose');
      assert.match(
        clear.body.error.message.en,
        /seal request files in your browser.*attachments\/sealed\?purpose=request/,
      );
      assert.match(clear.body.error.message.ja, /ブラウザで封緘/);
      const rows = await hub.ctx.store.db.selectFrom('attachments').selectAll().execute();
      assert.equal(rows.length, 0, 'nothing stored by a refused upload');
    });

    test('a draft file is sealed at rest and its hash is signed in the envelope', async () => {
      const up = await upload('sato', 'request', 'スクリーンショット.png', 'image/png', PNG);
      assert.equal(up.status, 201, JSON.stringify(up.body));
      assert.equal(up.body.sha256, sha(PNG));
      // Editing the draft keeps the files it names (they are never typed in).
      const draft = await (await as('sato')).call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      const { attachments: _a, ...edited } = draft.body.content as NonNullable<RequestDetail['content']> & {
        attachments?: unknown;
      };
      const patched = await (await as('sato')).call<RequestDetail>('PATCH', `/v1/requests/${requestId}`, {
        content: { ...edited, facts: '事実（追記）' },
      });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      await act('sato', { action: 'submit' });
      const preview = await (await as('tanaka')).call<{ canonical: string }>(
        'GET',
        `/v1/requests/${requestId}/signing-preview`,
      );
      assert.ok(preview.body.canonical.includes(sha(PNG)), 'the approver sees the hash');
      assert.equal((await approve(await as('tanaka'), requestId)).status, 200);
      const env = await (await as('board.legal')).call<{ envelope: { payload: { content: { attachments: Att[] } } } }>(
        'GET',
        `/v1/requests/${requestId}/envelope`,
      );
      assert.equal(env.body.envelope.payload.content.attachments[0]?.sha256, sha(PNG));

      const row = await hub.ctx.store.db
        .selectFrom('attachments')
        .selectAll()
        .where('id', '=', up.body.id)
        .executeTakeFirstOrThrow();
      assert.equal(JSON.stringify(row).includes(MARK), false, 'no plaintext in the row');
      assert.equal(row.sealed_by, 'agency', 'sealed in the drafter’s client, not by the hub');
      assert.ok(JSON.parse(row.sealed_for_agency ?? '{}').ct, 'sealed for the unit');
      assert.ok(JSON.parse(row.sealed_for_provider ?? '{}').ct, 'sealed for the provider');

      // The provider opens it now that it is delivered; the bytes match their signed hash.
      const got = await download('board.legal', up.body.id);
      assert.equal(got.status, 200);
      assert.deepEqual(got.bytes, PNG);
      assert.equal(got.headers.get('content-type'), 'image/png');
      if (got.where === 'hub') {
        assert.equal(got.headers.get('repr-digest'), `sha-256=:${Buffer.from(sha(PNG), 'hex').toString('base64')}:`);
      }
      assert.equal((await auditDetails(hub.ctx.store.db, 'attachment.read')).length, 1);
      // Another force sees nothing of it.
      assert.equal((await download('osaka', up.body.id)).status, 404);
    });

    test('clarification files from both sides, and answer files signed inside the answer', async () => {
      await act('board.legal', { action: 'start_review' });
      const q = await upload('board.legal', 'clarification', 'access.log', 'text/plain', LOG);
      assert.equal(q.status, 201, JSON.stringify(q.body));
      await act('board.legal', { action: 'request_clarification', message: 'ログの時刻を確認してください' });
      const a = await upload(
        'sato',
        'clarification',
        'memo.txt',
        'text/plain; charset=utf-8',
        Buffer.from('時刻は JST'),
      );
      assert.equal(a.status, 201, JSON.stringify(a.body));
      await act('sato', { action: 'clarify', message: 'JST です' });
      await act('board.legal', { action: 'start_review' });
      assert.deepEqual(
        [...(await download('sato', q.body.id)).bytes],
        [...LOG],
        'the unit reads the provider’s clarification file',
      );

      // The provider holds its own credential: its answer files are sealed on its side (issue 11).
      const clear = await uploadInClear('board.legal', 'answer', '回答書.pdf', 'application/pdf', PDF);
      assert.equal(clear.status, 400);
      assert.equal(clear.body.error.details?.field, 'purpose');
      const file = {
        body: await uploadSealedAnswerFile(
          createApiClient({ baseUrl: hub.url, token: await token('board.legal') }),
          requestId,
          { fileName: '回答書.pdf', mediaType: 'application/pdf', bytes: PDF },
        ),
      };
      const answer = {
        outcome: 'full',
        items: [{ targetIndex: 0, result: 'found', subscriber: { account: 'acct-1', name: '添付 太郎' } }],
      };
      const preview = await (await as('board.legal')).call<{ answer: { attachments: Att[] }; digest: string }>(
        'POST',
        `/v1/requests/${requestId}/answer-preview`,
        { answer },
      );
      assert.equal(preview.status, 200, JSON.stringify(preview.body));
      assert.equal(preview.body.answer.attachments[0]?.sha256, sha(PDF));
      // Naming a file that is not this request's answer file is refused, naming the field.
      const forged = await (await as('board.legal')).call<ApiError>(
        'POST',
        `/v1/requests/${requestId}/answer-preview`,
        {
          answer: { ...answer, attachments: [{ ...preview.body.answer.attachments[0], sha256: sha(LOG) }] },
        },
      );
      assert.equal(forged.status, 400);
      assert.equal(forged.body.error.details?.field, 'answer.attachments.0');
      await act('board.legal', { action: 'answer', answer, digest: preview.body.digest });
      // The answer opens on the unit's device; the file's hash is signed inside it.
      const device = hub.demo.devices?.find((x) => x.login === 'sato' && x.kind === 'machine');
      assert.ok(device);
      const api = createApiClient({ baseUrl: hub.url, token: await token('sato') });
      const opened = await openAnswerOnDevice(api, await importDemoDevice(device), requestId);
      assert.equal(opened.signatureValid, true);
      assert.equal(opened.answer.attachments?.[0]?.sha256, sha(PDF), 'the hash is signed with the answer');
      assert.deepEqual([...(await download('sato', file.body.id)).bytes], [...PDF]);
      const list = await (await as('sato')).call<{ items: Att[] }>('GET', `/v1/requests/${requestId}/attachments`);
      assert.deepEqual(list.body.items.map((i) => `${i.purpose}/${i.side}`).sort(), [
        'answer/provider',
        'clarification/agency',
        'clarification/provider',
        'request/agency',
      ]);
    });

    test('retention purges the files and their names: opening one is refused clearly', async () => {
      await act('sato', { action: 'close' });
      await run(hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 1, mode: 'purge' });
      now += 2 * DAY_MS;
      tokens.clear();
      const r = await runRetention(hub.ctx, SYSTEM_CALLER);
      assert.deepEqual([r.applied[0]?.removed.attachments, r.applied[0]?.removed.fileNames], [4, 4]);
      const list = await (await as('sato')).call<{ items: Array<Att & { purged: boolean; nameRemoved: boolean }> }>(
        'GET',
        `/v1/requests/${requestId}/attachments`,
      );
      assert.ok(list.body.items.every((i) => i.purged && i.nameRemoved));
      // Where a name is expected, the file's id with its type's ending stands for the one removed.
      assert.ok(
        list.body.items.every((i) => /^att_[\w-]+\.(png|txt|pdf)$/.test(i.fileName) && i.fileName.startsWith(i.id)),
        JSON.stringify(list.body.items.map((i) => i.fileName)),
      );
      for (const i of list.body.items) {
        const got = await (await as('sato')).call<ApiError>('GET', `/v1/requests/${requestId}/attachments/${i.id}`);
        assert.equal(got.status, 410, JSON.stringify(got.body));
        assert.match(got.body.error.message.en, /this attachment was removed .*: it cannot be opened/);
      }
      const rows = JSON.stringify(await hub.ctx.store.db.selectFrom('attachments').selectAll().execute());
      assert.equal(rows.includes('"ct"'), false, 'no ciphertext left');
      const request = JSON.stringify(await hub.ctx.store.db.selectFrom('requests').selectAll().execute());
      for (const name of ['スクリーンショット', 'access.log', 'memo.txt', '回答書']) {
        assert.equal(rows.includes(name) || request.includes(name), false, `${name} is in no row`);
      }
    });
  });
}
