import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, openOnDevice } from '../support/exchange.ts';
import { answer, boardPost, inquiry, issue, subscriberFound } from '../support/flow.ts';

// Personal data of a delivered answer must never be readable from the store: not from the database
// file, its WAL, or a pg_dump — only the requesting unit's devices can unseal it (custody-at-rest.test.ts
// adds the master key to what the attacker holds).
const NAME = '秘密山 花子ユニーク';
const ADDRESS = '東京都千代田区霞が関9-9-9-ユニーク';
const EMAIL = 'hanako.unique.7781@example.jp';
const ACCOUNT = 'acct-unique-998877';

for (const dialect of testDialects()) {
  describe(`answers are sealed at rest (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal']);
    let requestId: string;

    before(async () => {
      const content = inquiry(orgs.board, {
        caseReference: 'DUMP-1',
        facts: '事実',
        necessity: '必要',
        targets: [boardPost('t/3#1')],
        categories: ['subscriber', 'access_log'],
      });
      requestId = (await issue(sato, tanaka, content)).id;
      const ans = await answer(board, requestId, [
        {
          ...subscriberFound({
            account: ACCOUNT,
            name: NAME,
            installationAddress: ADDRESS,
            email: EMAIL,
            phone: '+81355550199',
          }),
          accessLog: [{ at: '2026-03-29T01:30:12+09:00', address: '203.0.113.77', port: 51234 }],
        },
      ]);
      assert.equal(ans.state, 'answered', JSON.stringify(ans));
      // The unit reads it (so a read path that cached plaintext would show up too).
      assert.equal((await openOnDevice(hub, 'sato', requestId)).body.answer.items[0]?.subscriber?.name, NAME);
    });

    test('a raw dump of the store contains none of the answer personal data', async () => {
      const needles = [NAME, ADDRESS, EMAIL, ACCOUNT, '+81355550199', '203.0.113.77'];
      let dump: Buffer;
      if (dialect === 'sqlite') {
        await sql`PRAGMA wal_checkpoint(PASSIVE)`.execute(hub.ctx.store.db);
        const files = readdirSync(hub.dir).filter((f) => f.includes('.sqlite'));
        assert.ok(files.length >= 1);
        dump = Buffer.concat(files.map((f) => readFileSync(`${hub.dir}/${f}`)));
      } else {
        const loc = hub.ctx.store.location;
        assert.equal(loc.kind, 'postgres');
        dump = execFileSync(
          'pg_dump',
          [
            '--dbname',
            loc.kind === 'postgres' ? loc.url : '',
            '--schema',
            loc.kind === 'postgres' ? (loc.schema ?? 'public') : '',
            '--data-only',
          ],
          { maxBuffer: 256 * 1024 * 1024 },
        );
      }
      assert.ok(dump.length > 10_000, 'the dump has content');
      assert.ok(dump.includes(Buffer.from('SHK-')), 'sanity: request references are in clear');
      for (const n of needles) {
        assert.equal(dump.includes(Buffer.from(n, 'utf8')), false, `"${n}" must not be in the dump`);
      }
    });

    test("the sealed answer is sealed to the unit's device-held key, and its read is audited", async () => {
      const row = await hub.ctx.store.db
        .selectFrom('answers')
        .selectAll()
        .where('request_id', '=', requestId)
        .executeTakeFirstOrThrow();
      const box = JSON.parse(row.sealed);
      assert.equal(box.alg, 'ECDH-P256-HKDF-SHA256-A256GCM');
      assert.ok(!row.sealed.includes(NAME));
      const readBy = await auditEntries(hub.ctx.store.db, 'answer.read', requestId);
      assert.equal(readBy.length, 1, 'the read was audited');
    });
  });
}
