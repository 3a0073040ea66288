// `shokai audit checkpoint` says when the tree head it signed was made as every instant the CLI shows: in the
// operator's zone with its offset (--zone, else this machine's), never as stored (ISO UTC, `…Z`).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { shokaiSync } from '../support/cli.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';

const STORED = /\d{2}:\d{2}:\d{2}(\.\d+)?Z/;

for (const dialect of testDialects()) {
  describe(`audit checkpoint shows its time in the operator's zone (${dialect})`, () => {
    const { freshForCli } = suiteLocation(dialect, 'shokai-checkpoint-zone-');

    test('--zone Asia/Tokyo, TZ, and an unknown zone refused naming --zone', async () => {
      const { env } = await freshForCli();
      const cli = (args: string[], more: Record<string, string> = {}) => shokaiSync(args, { ...env, ...more });
      assert.equal(cli(['db', 'migrate']).status, 0);
      // Something in the log to sign.
      const org = cli(['org', 'create', '--kind', 'agency', '--name-ja', '試験県警', '--name-en', 'Test Police']);
      assert.equal(org.status, 0, org.stderr);

      const tokyo = cli(['audit', 'checkpoint', '--zone', 'Asia/Tokyo']);
      assert.equal(tokyo.status, 0, tokyo.stderr);
      assert.match(tokyo.stdout, /^tree head size \d+ root \S+ at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00\n$/);
      assert.doesNotMatch(tokyo.stdout, STORED);

      const ja = cli(['audit', 'checkpoint'], { SHOKAI_LANG: 'ja', TZ: 'Asia/Tokyo' });
      assert.equal(ja.status, 0, ja.stderr);
      assert.match(ja.stdout, /^ツリーヘッド 大きさ \d+ 根 \S+ 時刻 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00\n$/);

      const unknown = cli(['audit', 'checkpoint', '--zone', 'Mars/Base']);
      assert.equal(unknown.status, 1);
      assert.match(unknown.stderr, /--zone/);
    });
  });
}
