// Deconfliction covers requests that arrive through intake too (issue 14 leftover): an envelope signed
// elsewhere and taken in by a provider is indexed by keyed hash like one issued here, matches another
// force's open request, and tells both heads whom to call — nothing of either request crosses.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { identifierHashKey } from '../../src/crypto/keyed-hash.ts';
import type { EnvelopePayload, SignedEnvelope } from '../../src/domain/envelope.ts';
import { testDialects } from '../support/dialects.ts';
import { signedByUnit } from '../support/envelopes.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { inquiry, issue } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

interface Notice {
  ownRequest: { id: string; reference: string };
  otherUnit: { organisationNameEn: string; unitNameEn: string; callbackPhone: string | null };
}

for (const dialect of testDialects()) {
  describe(`deconfliction of requests taken in from outside (${dialect})`, () => {
    const { hub, orgs } = hubWithHooks(dialect, []);

    const notices = async (login: string): Promise<Notice[]> => {
      const r = await (await hub.as(login)).call<{ items: Notice[] }>('GET', '/v1/overlap-notices');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.items;
    };

    /** An envelope of the MPD's cyber unit signed on another installation, issued at `issuedAt`. */
    async function signedElsewhere(
      n: string,
      targets: unknown[],
      facts: string,
      issuedAt: string,
    ): Promise<SignedEnvelope> {
      const sato = await principalOfLogin(hub.ctx.store.db, 'sato');
      const head = await principalOfLogin(hub.ctx.store.db, 'tanaka');
      const payload: EnvelopePayload = {
        envelopeId: `env_outside-${n}-${dialect}`,
        requestId: `req_outside-${n}-${dialect}`,
        reference: `EXT-OVL-${n}`,
        kind: 'inquiry',
        agencyOrganisationId: orgs.mpd,
        unitId: sato.unitId ?? '',
        providerOrganisationId: orgs.board,
        draftedBy: sato.id,
        approverUserId: head.id,
        issuedAt,
        content: {
          kind: 'inquiry',
          providerOrganisationId: orgs.board,
          caseReference: `外部 第${n}号`,
          offence: '脅迫',
          facts,
          necessity: '発信者の特定のため',
          targets,
          categories: ['subscriber'],
        },
      };
      // The approver signs on his own device (his passkey: the demo's software authenticator).
      return signedByUnit(hub, payload);
    }

    test('a request taken in matches another force’s open request; both heads get a pointer only', async () => {
      // Osaka asks here about an account.
      const osaka = await hub.as('osaka');
      const targets = [{ type: 'email', address: 'Taro.Intake@Example.JP' }];
      const content = inquiry(orgs.board, {
        caseReference: '大阪 令和8年 第901号',
        facts: '大阪の秘密の事実-4471',
        necessity: '必要',
        targets,
      });
      const d = await issue(osaka, await hub.as('osaka.head'), content);
      const beforeMpd = (await notices('tanaka')).length;
      const beforeOsaka = (await notices('osaka.head')).length;

      // The MPD's request, signed elsewhere, written with Japan's offset, arrives through the board's intake.
      const jst = new Date(hub.ctx.clock().getTime() + 9 * 3600_000).toISOString().slice(0, 23);
      const env = await signedElsewhere(
        '1',
        [{ type: 'email', address: 'taro.intake@example.jp' }],
        '警視庁の秘密の事実-9902',
        `${jst}+09:00`,
      );
      const board = await hub.as('board.intake');
      const r = await board.call<{ id: string; state: string; verification: { ok: boolean } }>('POST', '/v1/intake', {
        envelope: env,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const intakeId = r.body.id;

      const index = await hub.ctx.store.db
        .selectFrom('overlap_index')
        .selectAll()
        .where('request_id', '=', intakeId)
        .execute();
      assert.equal(index.length, 1, 'the request taken in is indexed');
      assert.equal(index[0]?.issued_at, new Date(env.payload.issuedAt).toISOString(), 'at its issue instant, in UTC');
      assert.match(index[0]?.digest ?? '', /^[0-9a-f]{64}$/);
      // The request row itself stores the instant in UTC, whatever offset the signer wrote.
      const stored = await hub.ctx.store.db
        .selectFrom('requests')
        .select('issued_at')
        .where('id', '=', intakeId)
        .executeTakeFirstOrThrow();
      assert.equal(stored.issued_at, new Date(env.payload.issuedAt).toISOString(), 'the row holds UTC');
      assert.match(stored.issued_at ?? '', /Z$/);

      const toOsaka = await notices('osaka.head');
      assert.equal(toOsaka.length, beforeOsaka + 1, JSON.stringify(toOsaka));
      const mine = toOsaka.at(0) ?? assert.fail('notice');
      assert.equal(mine.ownRequest.id, d.id);
      assert.equal(mine.otherUnit.organisationNameEn, 'Tokyo Metropolitan Police Department');
      const toMpd = await notices('tanaka');
      assert.equal(toMpd.length, beforeMpd + 1);
      assert.equal(toMpd.at(0)?.ownRequest.reference, 'EXT-OVL-1');
      assert.equal(toMpd.at(0)?.otherUnit.organisationNameEn, 'Osaka Prefectural Police');

      // Nothing of either request crosses, and the index holds no identifier in clear or unkeyed.
      for (const leak of ['EXT-OVL-1', intakeId, '警視庁の秘密の事実', 'taro', 'Taro', 'example.jp']) {
        assert.equal(JSON.stringify(toOsaka).includes(leak), false, `notice to Osaka leaks ${leak}`);
      }
      for (const leak of [d.id, d.reference, '大阪の秘密の事実', 'taro', 'Taro']) {
        assert.equal(JSON.stringify(toMpd).includes(leak), false, `notice to the MPD leaks ${leak}`);
      }
      const all = JSON.stringify([
        await hub.ctx.store.db.selectFrom('overlap_index').selectAll().execute(),
        await hub.ctx.store.db.selectFrom('overlap_matches').selectAll().execute(),
        await hub.ctx.store.db
          .selectFrom('audit_entries')
          .select('details')
          .where('action', 'like', 'overlap.%')
          .execute(),
      ]);
      const key = identifierHashKey(hub.ctx.kek);
      for (const needle of [
        'taro',
        'Taro',
        'example.jp',
        key.toString('hex'),
        createHash('sha256').update('email:taro.intake@example.jp').digest('hex'),
      ]) {
        assert.equal(all.includes(needle), false, `the index or its audit holds ${needle}`);
      }
      // The board, which took the request in, is told nothing of the overlap.
      assert.equal((await board.call('GET', '/v1/overlap-notices')).status, 403);
    });

    test('an envelope that fails verification is not indexed', async () => {
      const env = await signedElsewhere(
        '2',
        [{ type: 'email', address: 'forged.intake@example.jp' }],
        '偽造',
        hub.ctx.clock().toISOString(),
      );
      const forged = {
        ...env,
        payload: { ...env.payload, content: { ...(env.payload.content as object), facts: '書き換え' } },
      };
      const r = await (await hub.as('board.intake')).call<ApiError>('POST', '/v1/intake', { envelope: forged });
      assert.equal(r.status, 422, JSON.stringify(r.body));
      const id = String(r.body.error.details?.requestId ?? '');
      assert.ok(id, 'the forgery is kept, declined');
      const index = await hub.ctx.store.db
        .selectFrom('overlap_index')
        .selectAll()
        .where('request_id', '=', id)
        .execute();
      assert.deepEqual(index, []);
    });

    test('an envelope whose issue time has no offset is refused, naming it, and nothing is stored', async () => {
      const env = await signedElsewhere(
        '3',
        [{ type: 'email', address: 'no.offset@example.jp' }],
        '時差なし',
        '2026-12-01T10:00:00',
      );
      const count = async () =>
        (await hub.ctx.store.db.selectFrom('requests').select('id').where('reference', '=', 'EXT-OVL-3').execute())
          .length;
      const r = await (await hub.as('board.intake')).call<ApiError>('POST', '/v1/intake', { envelope: env });
      assert.equal(r.status >= 400 && r.status < 500, true, JSON.stringify(r.body));
      assert.match(JSON.stringify(r.body.error), /issuedAt/, 'the field is named');
      assert.equal(await count(), 0);
    });
  });
}
