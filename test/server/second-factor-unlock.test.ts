// A person whose second factor locked after ten failed codes with their right password could only wait
// out its day. Now an administrator of their organisation — whoever may disable them, by the one
// permission table — lifts it: the right code then gets through from any browser, the lift is audited as
// the administrator's with what it had counted, and the person is told on their screen who lifted it.
// Anyone else (a colleague without the permission, another organisation's administrator) is refused.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countSecondFactorTry, SECOND_FACTOR_FAILURES } from '../../src/auth/second-factor-lock.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, nextTotp } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`an administrator lifts a second-factor lock (${dialect})`, () => {
    const { hub } = hubWithHooks(dialect, [], { trustedProxies: ['127.0.0.1'] });
    const sato = () => hub.demo.logins.find((x) => x.login === 'sato') ?? assert.fail('sato');

    /** sato's right password and right code, from a browser the hub has not seen before. */
    async function signIn() {
      const r = await fetch(`${hub.url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.5' },
        body: JSON.stringify({
          login: 'sato',
          password: sato().password,
          totp: await nextTotp(sato().totpSecret),
          returnToken: true,
        }),
      });
      return { status: r.status, body: (await r.json()) as ApiError & { token?: string } };
    }

    test('lifted by their own administrator, the right code gets through; anyone else is refused', async () => {
      const row = await hub.ctx.store.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'sato')
        .executeTakeFirstOrThrow();
      for (let i = 0; i < SECOND_FACTOR_FAILURES; i++) await countSecondFactorTry(hub.ctx, row.id, new Date());
      assert.equal((await signIn()).status, 401, 'locked: the right code from elsewhere is refused');
      const unlock = `/v1/users/${row.id}/second-factor-unlock`;

      const colleague = await (await hub.as('tanaka')).call<ApiError>('POST', unlock);
      assert.equal(colleague.status, 403, JSON.stringify(colleague.body));
      const otherForce = await (await hub.as('osaka.admin')).call<ApiError>('POST', unlock);
      assert.equal(otherForce.status, 404, JSON.stringify(otherForce.body));
      assert.equal((await signIn()).status, 401, 'still locked'); // two refused: twelve counted
      assert.deepEqual(await auditEntries(hub.ctx.store.db, 'user.second_factor_unlocked'), []);

      const admin = await hub.as('mpd.admin');
      const lifted = await admin.call<{ login: string; secondFactorLock: unknown }>('POST', unlock);
      assert.equal(lifted.status, 200, JSON.stringify(lifted.body));
      assert.equal(lifted.body.secondFactorLock, null);
      const [entry, ...more] = await auditEntries(hub.ctx.store.db, 'user.second_factor_unlocked', row.id);
      assert.equal(more.length, 0);
      const adminRow = await hub.ctx.store.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'mpd.admin')
        .executeTakeFirstOrThrow();
      assert.equal(entry?.actorId, adminRow.id, 'audited as the administrator who lifted it');
      assert.equal(entry?.details.login, 'sato');
      assert.equal(entry?.details.failures, SECOND_FACTOR_FAILURES + 2);

      const back = await signIn();
      assert.equal(back.status, 200, JSON.stringify(back.body));
      const me = (await (
        await fetch(`${hub.url}/v1/me`, { headers: { authorization: `Bearer ${back.body.token ?? ''}` } })
      ).json()) as { secondFactorLock: unknown; secondFactorUnlock: { byName: string; failures: number } | null };
      assert.equal(me.secondFactorLock, null);
      assert.equal(me.secondFactorUnlock?.byName, '警視庁 システム管理者', 'the person is told who lifted it');
      assert.equal(me.secondFactorUnlock?.failures, SECOND_FACTOR_FAILURES + 2);

      const again = await admin.call<ApiError>('POST', unlock);
      assert.equal(again.status, 409);
      assert.match(again.body.error.message.en, /the second factor of sato .* is not locked/);
    });
  });
}
