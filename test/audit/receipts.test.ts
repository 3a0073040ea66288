// Receipts: the signed audit head handed out with a delivery (approve) and an answer, and the
// consistency proof any signed-in party can ask for — so the holder of an older receipt proves a later
// truncation or rewrite, even one made by someone holding the database and the master key.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { checkReceipt, checkReceiptAgainst } from '../../src/audit/receipt-check.ts';
import { type AuditReceipt, AuditReceiptSchema } from '../../src/audit/receipts.ts';
import { verifyInclusion } from '../../src/crypto/merkle.ts';
import { verifyTreeHeadSignature } from '../../src/crypto/tree-head.ts';
import { rehashLog } from '../support/audit-tamper.ts';
import { shokai as runCli } from '../support/cli.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, hubWithHooks } from '../support/exchange.ts';
import { answer, boardPost, draft, inquiry, subscriberFound, transition } from '../support/flow.ts';

type TransitionResult = Schemas['TransitionResult'];
type HeadReply = { head: Schemas['PublishedTreeHead'] };
type ConsistencyReply = { consistency: Schemas['AuditConsistencyProof'] };

/** The CLI with no audit key or data folder of its own: only what the call names. */
const shokai = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { SHOKAI_AUDIT_PUBLIC_KEY: '', SHOKAI_DATA_DIR: '/nonexistent', ...env });

const hex = (s: string) => Buffer.from(s, 'hex');

for (const dialect of testDialects()) {
  describe(`audit receipts and consistency proofs (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal']);

    const trust = () => ({ keys: [hub.ctx.auditSigner.publicKey] });
    /** `shokai audit check-receipt` of `file` against this hub's store, trusting only the key `fingerprint`. */
    const checkAgainstStore = (file: string, fingerprint: string, lang: 'ja' | 'en' = 'en') =>
      shokai(['audit', 'check-receipt', file, '--store', hub.storeUrl, '--expect-key', fingerprint], {
        SHOKAI_LANG: lang,
      });

    async function deliverAndAnswer(): Promise<{ id: string; delivery: AuditReceipt; answer: AuditReceipt }> {
      const { id } = await draft(sato, inquiry(orgs.board, { caseReference: 'RCPT-1', targets: [boardPost('t/9#1')] }));
      const s = await transition<TransitionResult>(sato, id, { action: 'submit' });
      assert.equal(s.receipt, undefined, 'only delivery and answer carry a receipt');
      const a = await approve<TransitionResult>(tanaka, id);
      assert.equal(a.status, 200, JSON.stringify(a.body));
      assert.equal(a.body.state, 'received');
      const ans = await answer<TransitionResult>(board, id, [subscriberFound({ name: '山田 太郎' })]);
      return { id, delivery: AuditReceiptSchema.parse(a.body.receipt), answer: AuditReceiptSchema.parse(ans.receipt) };
    }

    const receiptTitle =
      'approve and answer hand out a receipt: a signed head, the entry of the move, its inclusion proof';
    test(receiptTitle, async () => {
      const { id, delivery, answer } = await deliverAndAnswer();
      for (const r of [delivery, answer]) {
        assert.equal(r.entry.subjectId, id);
        assert.equal(r.entry.action, 'request.transition');
        assert.equal(r.publicKey, hub.ctx.auditSigner.publicKey);
        assert.equal(r.fingerprint, hub.ctx.auditSigner.fingerprint);
        assert.equal(verifyTreeHeadSignature(r.publicKey, r.treeHead), true);
        assert.ok(r.entry.seq <= r.treeHead.size);
        const proof = r.inclusionProof.map(hex);
        const ok = verifyInclusion(
          hex(r.entry.leafHash),
          r.entry.seq - 1,
          r.treeHead.size,
          proof,
          hex(r.treeHead.rootHash),
        );
        assert.equal(ok, true);
        assert.equal(checkReceipt(r, trust()), null);
        // The entry it names is the move itself, as the store keeps it.
        const row = await hub.ctx.store.db
          .selectFrom('audit_entries')
          .selectAll()
          .where('seq', '=', r.entry.seq)
          .executeTakeFirstOrThrow();
        assert.equal(row.subject_id, id);
        assert.equal(row.action, 'request.transition');
      }
      assert.equal(
        JSON.parse(
          (
            await hub.ctx.store.db
              .selectFrom('audit_entries')
              .select('details')
              .where('seq', '=', delivery.entry.seq)
              .executeTakeFirstOrThrow()
          ).details,
        ).action,
        'approve',
      );
      assert.ok(answer.treeHead.size > delivery.treeHead.size);
      // A receipt altered in any part fails on its own.
      assert.equal(
        checkReceipt({ ...delivery, entry: { ...delivery.entry, seq: delivery.entry.seq + 1 } }, trust())?.ok,
        false,
      );
      assert.equal(
        checkReceipt(delivery, { keys: [answer.publicKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))] })?.ok,
        false,
      );
    });

    const headAndProofTitle =
      'any signed-in party reads the head and a consistency proof; nobody signed out does; bad input is named';
    test(headAndProofTitle, async () => {
      const { delivery } = await deliverAndAnswer();
      const head = await board.call<HeadReply>('GET', '/v1/audit/head');
      assert.equal(head.status, 200);
      assert.equal(verifyTreeHeadSignature(head.body.head.publicKey, head.body.head.treeHead), true);
      assert.ok(head.body.head.treeHead.size >= delivery.treeHead.size);
      const c = await sato.call<ConsistencyReply>('GET', `/v1/audit/consistency?from=${delivery.treeHead.size}`);
      assert.equal(c.status, 200);
      assert.deepEqual(checkReceiptAgainst(delivery, trust(), c.body.consistency), {
        ok: true,
        receiptSize: delivery.treeHead.size,
        currentSize: c.body.consistency.treeHead.size,
      });
      const anonymous = await fetch(`${hub.url}/v1/audit/head`);
      assert.equal(anonymous.status, 401);
      const bad = await sato.call('GET', '/v1/audit/consistency?from=minus-one');
      assert.equal(bad.status, 400);
      assert.match(JSON.stringify(bad.body), /from/);
    });

    test('the CLI checks a receipt against the hub and against the store', async () => {
      const { delivery } = await deliverAndAnswer();
      const file = join(hub.dir, 'receipt.json');
      writeFileSync(file, JSON.stringify(delivery));
      const online = await shokai([
        'audit',
        'check-receipt',
        file,
        '--url',
        hub.url,
        '--token',
        sato.token,
        '--expect-key',
        hub.ctx.auditSigner.fingerprint,
      ]);
      assert.equal(online.status, 0, online.stderr + online.stdout);
      assert.match(online.stdout, /receipt valid/);
      const offline = await checkAgainstStore(file, hub.ctx.auditSigner.fingerprint);
      assert.equal(offline.status, 0, offline.stderr + offline.stdout);
      const wrongKey = await checkAgainstStore(file, '0000:0000:0000:0000:0000:0000:0000:0000');
      assert.equal(wrongKey.status, 2);
      assert.match(wrongKey.stdout, /RECEIPT CHECK FAILED: untrusted key — /);
    });

    test('a receipt holder proves a rewrite re-signed with the genuine key, and a truncation', async () => {
      const { delivery, answer } = await deliverAndAnswer();
      const file = join(hub.dir, 'answer-receipt.json');
      writeFileSync(file, JSON.stringify(answer));
      const db = hub.ctx.store.db;
      // Someone with the database AND the master key rewrites an entry the receipts cover, recomputes
      // everything and signs every head again with the genuine audit key. The store then verifies…
      const target = delivery.entry.seq - 2;
      await db
        .updateTable('audit_entries')
        .set({ details: '{"note":"rewritten"}' })
        .where('seq', '=', target)
        .execute();
      await rehashLog(db, { resign: { keyId: hub.ctx.auditSigner.keyId, privateKey: hub.ctx.auditSigner.privateKey } });
      // …but no consistency proof from the receipts' heads to today's head exists.
      const c = await board.call<ConsistencyReply>('GET', `/v1/audit/consistency?from=${delivery.treeHead.size}`);
      const rewritten = checkReceiptAgainst(delivery, trust(), c.body.consistency);
      assert.equal(rewritten.ok, false);
      assert.equal(rewritten.ok === false && rewritten.problem, 'inconsistent');
      const cli = await shokai(['audit', 'check-receipt', file, '--url', hub.url, '--token', sato.token]);
      assert.equal(cli.status, 2, cli.stderr + cli.stdout);
      assert.match(cli.stdout, /RECEIPT CHECK FAILED: log rewritten — /);

      // Cut the log back below the receipt and drop the later heads: the hub's head is now shorter.
      await db
        .deleteFrom('audit_entries')
        .where('seq', '>', delivery.treeHead.size - 1)
        .execute();
      await rehashLog(db);
      const t = await board.call<ConsistencyReply>('GET', `/v1/audit/consistency?from=${answer.treeHead.size}`);
      assert.equal(t.body.consistency.proof, null);
      const truncated = checkReceiptAgainst(answer, trust(), t.body.consistency);
      assert.equal(truncated.ok === false && truncated.problem, 'truncated');
      assert.match(truncated.ok === false ? truncated.message.en : '', /truncated/);
      const offline = await checkAgainstStore(file, hub.ctx.auditSigner.fingerprint);
      assert.equal(offline.status, 2);
      assert.match(offline.stdout, /^RECEIPT CHECK FAILED: log cut short — .*truncated/);
      const inJapanese = await checkAgainstStore(file, hub.ctx.auditSigner.fingerprint, 'ja');
      assert.match(inJapanese.stdout, /^不一致を検出: ログの切り詰め — /);
      assert.doesNotMatch(`${offline.stdout}${inJapanese.stdout}`, /: truncated|inconsistent/, 'in words, not codes');
    });
  });
}
