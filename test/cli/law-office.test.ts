// The operator registers a law office and its lawyer from the command line (issue 15): the office
// comes with its unit; a lawyer needs a registration number and bar association, named when missing.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { shokaiSync } from '../support/cli.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';

for (const dialect of testDialects()) {
  describe(`a law office from the CLI (${dialect})`, () => {
    const { freshForCli } = suiteLocation(dialect, 'shokai-law-');

    test('org create --kind law_office; user create a lawyer with and without the bar fields', async () => {
      const { env } = await freshForCli();
      assert.equal(shokaiSync(['db', 'migrate'], env).status, 0);
      const o = shokaiSync(
        ['org', 'create', '--kind', 'law_office', '--name-ja', '丁法律事務所', '--name-en', 'Tei Law', '--json'],
        env,
      );
      assert.equal(o.status, 0, o.stderr);
      const org = JSON.parse(o.stdout) as { id: string; kind: string };
      assert.equal(org.kind, 'law_office');
      const bare = shokaiSync(
        ['user', 'create', '--org', org.id, '--login', 'tei', '--name', '弁護士 丁', '--roles', 'lawyer'],
        env,
      );
      assert.notEqual(bare.status, 0);
      assert.match(bare.stderr, /registration number and bar association/);
      const made = shokaiSync(
        [
          'user',
          'create',
          '--org',
          org.id,
          '--login',
          'tei',
          '--name',
          '弁護士 丁',
          '--roles',
          'lawyer',
          '--bar-number',
          '12345',
          '--bar-association',
          '東京弁護士会',
          '--json',
        ],
        env,
      );
      assert.equal(made.status, 0, made.stderr);
      const user = JSON.parse(made.stdout) as {
        user: { unitId: string | null; barRegistrationNumber: string; barAssociation: string };
      };
      assert.equal(user.user.barRegistrationNumber, '12345');
      assert.equal(user.user.barAssociation, '東京弁護士会');
      assert.ok(user.user.unitId, 'the lawyer is placed in the office');
    });
  });
}
