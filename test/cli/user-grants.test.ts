// `shokai user grants --org ID`: an organisation with no privileged grant is said to have none, in the
// chosen language (not an empty screen), and an organisation that does not exist is refused by name, as
// `user list --org` and `key list --org` refuse it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { organisationAtCli, shokaiSync } from '../support/cli.ts';

const DIR = mkdtempSync(join(tmpdir(), 'shokai-user-grants-'));
after(() => rmSync(DIR, { recursive: true, force: true }));
const env = { DATABASE_URL: join(DIR, 'store.sqlite'), SHOKAI_DATA_DIR: DIR };

test('user grants says, in either language, that an organisation has no grant', () => {
  const board = organisationAtCli({ ...env, SHOKAI_LANG: 'ja' }, 'provider', '掲示板', 'Board');
  const none = shokaiSync(['user', 'grants', '--org', board], { ...env, SHOKAI_LANG: 'ja' });
  assert.equal(none.status, 0, none.stderr);
  assert.equal(none.stdout.trim(), '特権ロールの付与はありません');
  const noneEn = shokaiSync(['user', 'grants', '--org', board, '--state', 'pending'], { ...env, SHOKAI_LANG: 'en' });
  assert.equal(noneEn.status, 0, noneEn.stderr);
  assert.equal(noneEn.stdout.trim(), 'no grants of privileged roles');
});

test('user grants refuses an organisation that does not exist, by name', () => {
  const missing = shokaiSync(['user', 'grants', '--org', 'org_nope'], { ...env, SHOKAI_LANG: 'ja' });
  assert.equal(missing.status, 1, missing.stdout);
  assert.match(missing.stderr, /組織 org_nope は存在しません/);
  const missingEn = shokaiSync(['user', 'grants', '--org', 'org_nope'], { ...env, SHOKAI_LANG: 'en' });
  assert.equal(missingEn.status, 1, missingEn.stdout);
  assert.match(missingEn.stderr, /organisation org_nope does not exist/);
  assert.doesNotMatch(missingEn.stderr, /NOT_FOUND|organisationId/);
});
