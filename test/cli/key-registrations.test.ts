// The second person of a provider's installation key at the command line (SQLite and PostgreSQL): an
// administrator's registration waits; `key registrations` lists it with who registered it, `key confirm`
// refuses the one who registered it and lets the installation's operator confirm it (a provider with no
// second administrator), and `key refuse` keeps the reason.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { enrol } from '../../src/auth/enrolment.ts';
import { generateInstallationKey, importInstallationKey, installationKeyProof } from '../../src/client/answer-seal.ts';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { registerInstallationKey } from '../../src/directory/installation-keys.ts';
import { createContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { openStore } from '../../src/store/database.ts';
import { parseStoreLocation } from '../../src/store/location.ts';
import { organisationAtCli, shokaiSync } from '../support/cli.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';

for (const dialect of testDialects()) {
  describe(`key registrations at the command line (${dialect})`, () => {
    const { freshForCli } = suiteLocation(dialect, 'shokai-key-reg-');

    test('listed pending with who registered it; the registrant cannot confirm; the operator can', async () => {
      const secret = generateKekSecret();
      const { env, url } = await freshForCli();
      const en = { ...env, SHOKAI_LANG: 'en', SHOKAI_MASTER_KEY: secret };
      const orgId = organisationAtCli(en, 'provider', '掲示板', 'Board');
      const made = shokaiSync(
        ['user', 'create', '--org', orgId, '--login', 'boss', '--name', 'boss', '--roles', 'admin', '--json'],
        en,
      );
      const code = (JSON.parse(made.stdout) as { enrolment: { code: string } }).enrolment.code;
      const store = await openStore(parseStoreLocation(url));
      const ids: string[] = [];
      try {
        const ctx = await createContext(store, kekFromSecret(secret));
        await enrol(ctx, { login: 'boss', code, password: 'the boss passphrase' }, { client: 'test' });
        const boss = await principalOfLogin(store.db, 'boss');
        for (let i = 0; i < 2; i++) {
          const k = await generateInstallationKey();
          const proof = await installationKeyProof(await importInstallationKey(k.pkcs8), orgId, k.publicKey);
          const reg = await run(ctx, registerInstallationKey, boss, orgId, { publicKey: k.publicKey, proof });
          ids.push(reg.id);
        }
      } finally {
        await store.close();
      }
      const [first, second] = ids;
      assert.ok(first && second);

      const listed = shokaiSync(['key', 'registrations', '--org', orgId, '--state', 'pending'], en);
      assert.equal(listed.status, 0, listed.stderr);
      assert.match(
        listed.stdout,
        new RegExp(`^${second} +Installation key \\(signs answers\\) SHA-256 .+ \\(boss\\) +Awaiting`, 'm'),
      );
      assert.doesNotMatch(listed.stdout, new RegExp(first), 'the earlier one was superseded by the newer');

      const own = shokaiSync(['key', 'confirm', second, '--as', 'boss'], en);
      assert.notEqual(own.status, 0, own.stdout);
      assert.match(own.stderr, /you cannot confirm a key you registered yourself/);
      const done = shokaiSync(['key', 'confirm', second], en);
      assert.equal(done.status, 0, done.stderr);
      assert.match(done.stdout, /^confirmed: Installation key \(signs answers\) SHA-256 /m);
      const refused = shokaiSync(['key', 'refuse', first, '--reason', 'not ours'], en);
      assert.notEqual(refused.status, 0, 'a superseded registration is decided already');
      assert.match(refused.stderr, /already decided \(Superseded by a newer request\)/);

      const all = shokaiSync(['key', 'registrations', '--org', orgId, '--json'], en);
      const states = (JSON.parse(all.stdout) as Array<{ id: string; state: string }>).map(
        (r) => [r.id, r.state] as const,
      );
      assert.deepEqual(
        new Map(states),
        new Map([
          [first, 'superseded'],
          [second, 'confirmed'],
        ]),
      );
    });
  });
}
