// The operator makes a person on the command line (on SQLite and PostgreSQL): `user create` prints a
// one-time enrolment code, never a password it chose nor a TOTP secret; `user list` says who has not
// enrolled yet; `user enrolment LOGIN` issues a new code that replaces the first, recorded as issued.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enrolmentCodeMatches } from '../../src/directory/enrolment-code.ts';
import { openStore } from '../../src/store/database.ts';
import { parseStoreLocation } from '../../src/store/location.ts';
import { shokaiSync } from '../support/cli.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';

const CODE_LINE = /^登録コード（表示はこの一度だけです。kimura さん本人に渡してください）: (\S+)$/m;

for (const dialect of testDialects()) {
  describe(`a person made on the command line enrols with a code (${dialect})`, () => {
    const { freshForCli } = suiteLocation(dialect, 'shokai-user-enrol-');

    test('user create prints a code; user list says not enrolled; user enrolment replaces the code', async () => {
      const { env, url } = await freshForCli();
      const ja = { ...env, SHOKAI_LANG: 'ja' };
      assert.equal(shokaiSync(['db', 'migrate'], ja).status, 0);
      const org = shokaiSync(
        ['org', 'create', '--kind', 'agency', '--name-ja', '県警', '--name-en', 'P', '--json'],
        ja,
      );
      const orgId = (JSON.parse(org.stdout) as { id: string }).id;
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
        const issued = await store.db
          .selectFrom('audit_entries')
          .select('details')
          .where('action', '=', 'user.enrolment_issued')
          .where('subject_id', '=', row.id)
          .execute();
        assert.deepEqual(
          issued.map((e) => JSON.parse(e.details)),
          [{ login: 'kimura', reset: false }],
        );
      } finally {
        await store.close();
      }

      const json = shokaiSync(['user', 'enrolment', 'kimura', '--json'], ja);
      assert.deepEqual(Object.keys(JSON.parse(json.stdout)).sort(), ['enrolment', 'user']);
      const nobody = shokaiSync(['user', 'enrolment', 'nobody'], ja);
      assert.notEqual(nobody.status, 0);
      assert.match(nobody.stderr, /利用者 nobody は存在しません/);
    });
  });
}
