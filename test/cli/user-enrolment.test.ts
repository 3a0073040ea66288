// The operator makes a person on the command line (on SQLite and PostgreSQL): `user create` prints a
// one-time enrolment code, never a password it chose nor a TOTP secret; `user list` says who has not
// enrolled yet; `user enrolment LOGIN` issues a new code that replaces the first, recorded as issued.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enrol } from '../../src/auth/enrolment.ts';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { enrolmentCodeMatches } from '../../src/directory/enrolment-code.ts';
import { createContext } from '../../src/kernel/context.ts';
import { openStore } from '../../src/store/database.ts';
import { parseStoreLocation } from '../../src/store/location.ts';
import { auditDetails } from '../support/audit.ts';
import { organisationAtCli, shokaiSync } from '../support/cli.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';

const CODE_LINE = /^登録コード（表示はこの一度だけです。kimura さん本人に渡してください）: (\S+)$/m;
/** The code `user create` printed, whoever it was for. */
const CODE_OF = (stdout: string) =>
  /^登録コード（表示はこの一度だけです。\S+ さん本人に渡してください）: (\S+)$/m.exec(stdout)?.[1] ??
  assert.fail(stdout);

for (const dialect of testDialects()) {
  describe(`a person made on the command line enrols with a code (${dialect})`, () => {
    const { freshForCli } = suiteLocation(dialect, 'shokai-user-enrol-');

    test('user create prints a code; user list says not enrolled; user enrolment replaces the code', async () => {
      const { env, url } = await freshForCli();
      const ja = { ...env, SHOKAI_LANG: 'ja' };
      const orgId = organisationAtCli(ja, 'agency', '県警', 'P');
      const made = shokaiSync(
        ['user', 'create', '--org', orgId, '--login', 'kimura', '--name', '木村', '--roles', 'investigator'],
        ja,
      );
      assert.equal(made.status, 0, made.stderr);
      assert.doesNotMatch(made.stdout, /TOTP の秘密鍵（表示/, 'no TOTP secret for the operator');
      const first = CODE_LINE.exec(made.stdout)?.[1] ?? assert.fail(made.stdout);
      assert.match(first, /^([A-Z2-7]{4}-){4}[A-Z2-7]{4}$/);

      const listed = shokaiSync(['user', 'list', '--org', orgId], ja);
      assert.match(listed.stdout, /kimura +捜査員 +登録待ち 木村/);

      const again = shokaiSync(['user', 'enrolment', 'kimura'], ja);
      assert.equal(again.status, 0, again.stderr);
      const second = CODE_LINE.exec(again.stdout)?.[1] ?? assert.fail(again.stdout);
      assert.notEqual(second, first);
      const store = await openStore(parseStoreLocation(url));
      try {
        const row = await store.db
          .selectFrom('users')
          .select(['id', 'enrolment_code_hash', 'totp_secret_wrapped'])
          .where('login', '=', 'kimura')
          .executeTakeFirstOrThrow();
        assert.ok(row.enrolment_code_hash);
        assert.equal(enrolmentCodeMatches(row.id, second, row.enrolment_code_hash), true, 'the new code stands');
        assert.equal(enrolmentCodeMatches(row.id, first, row.enrolment_code_hash), false, 'the first is void');
        assert.equal(row.totp_secret_wrapped, null);
        assert.deepEqual(await auditDetails(store.db, 'user.enrolment_issued', row.id), [
          { login: 'kimura', reset: false },
        ]);
      } finally {
        await store.close();
      }

      const json = shokaiSync(['user', 'enrolment', 'kimura', '--json'], ja);
      assert.deepEqual(Object.keys(JSON.parse(json.stdout)).sort(), ['enrolment', 'user']);
      const nobody = shokaiSync(['user', 'enrolment', 'nobody'], ja);
      assert.notEqual(nobody.status, 0);
      assert.match(nobody.stderr, /利用者 nobody は存在しません/);
    });

    test('an administrator alone asks for the reset of an enrolled administrator; the code waits', async () => {
      const secret = generateKekSecret();
      const { env, url } = await freshForCli();
      const ja = { ...env, SHOKAI_LANG: 'ja', SHOKAI_MASTER_KEY: secret };
      const orgId = organisationAtCli(ja, 'agency', '県警', 'P');
      const mk = (login: string) =>
        shokaiSync(['user', 'create', '--org', orgId, '--login', login, '--name', login, '--roles', 'admin'], ja);
      const boss = CODE_OF(mk('boss').stdout);
      // The first administrator holds the role at once; the second's grant waits for the first's countersign.
      const second = mk('second');
      const grant = /shokai user countersign (grant_\S+)/.exec(second.stdout)?.[1] ?? assert.fail(second.stdout);
      assert.equal(shokaiSync(['user', 'countersign', grant, '--as', 'boss'], ja).status, 0);
      const store = await openStore(parseStoreLocation(url));
      try {
        const ctx = await createContext(store, kekFromSecret(secret));
        await enrol(ctx, { login: 'boss', code: boss, password: 'the boss passphrase' }, { client: 'test' });
      } finally {
        await store.close();
      }
      for (let i = 0; i < 2; i++) {
        const asked = shokaiSync(['user', 'enrolment', 'boss', '--as', 'second'], ja);
        assert.equal(asked.status, 0, asked.stderr);
        assert.match(asked.stdout, /^boss（boss）のやり直しを依頼しました。特権のある役割を持つ人のため、二人目の/);
        assert.doesNotMatch(asked.stdout, /登録コード（/, 'no code for one administrator alone');
      }
      const en = shokaiSync(['user', 'enrolment', 'boss', '--as', 'second'], { ...ja, SHOKAI_LANG: 'en' });
      assert.match(en.stdout, /^asked to reset boss \(boss\): they hold a privileged role/);
    });
  });
}
