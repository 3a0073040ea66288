// `shokai directory watch` on a machine of an agency's own that pins the hub's log: the agency's keys (its
// units' and people's included) against a file of the keys it knows. First use writes the file; a key a
// hub operator slips in for one of its investigators, once in the log, is named (exit 2, in English and
// Japanese); accepted by its fingerprint, the watch is quiet again (exit 0). Bad input exits 1 naming the
// problem: no known file, a file of the wrong shape, an organisation the log does not have, nothing pinned.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { shokai } from '../support/cli.ts';
import { DEMO_ORGS, hubHooks, orgId } from '../support/exchange.ts';
import { slipPersonKey } from '../support/slipped-key.ts';

describe('shokai directory watch: an organisation’s keys in the pinned log against the keys it knows', () => {
  const hub = hubHooks('sqlite');

  test('first use, a key slipped in named (exit 2), accepted, and bad input named (exit 1)', async () => {
    const mpd = await orgId(hub, DEMO_ORGS.mpd);
    const env = { SHOKAI_DATA_DIR: join(hub.dir, 'watch-data') };
    const store = join(hub.dir, 'watch.sqlite');
    const known = join(hub.dir, 'known-keys.json');
    // Another installation's store, made as stores are made: the other commands refuse one that is not there.
    assert.equal((await shokai(['db', 'migrate', '--store', store], env)).status, 0);
    const pin = async () => {
      const file = join(hub.dir, 'directory.json');
      writeFileSync(file, JSON.stringify(await run(hub.ctx, exportDirectory, SYSTEM_CALLER)));
      const r = await shokai(['directory', 'import', file, '--store', store], env);
      assert.equal(r.status, 0, r.stderr);
    };
    const watch = (...more: string[]) =>
      shokai(['directory', 'watch', '--organisation', mpd, '--known', known, '--store', store, ...more], env);

    // Nothing pinned yet.
    writeFileSync(known, JSON.stringify({ format: 'shokai-known-keys/v1', organisationId: mpd, keys: [] }));
    const unpinned = await watch();
    assert.equal(unpinned.status, 1, unpinned.stdout);
    assert.match(unpinned.stderr, /no hub directory is pinned/);

    await pin();
    // A known file of the wrong shape, and one that is not there.
    writeFileSync(known, JSON.stringify({ organisationId: mpd, keys: 'all' }));
    const wrong = await watch();
    assert.equal(wrong.status, 1, wrong.stdout);
    assert.match(wrong.stderr, /known-keys\.json is not a known-keys file .*format is wrong/);
    writeFileSync(known, '{ not json');
    const notJson = await watch();
    assert.equal(notJson.status, 1);
    assert.match(notJson.stderr, /known-keys\.json is not JSON \(line 1, column 3\)/);
    const missing = await shokai(
      ['directory', 'watch', '--organisation', mpd, '--known', join(hub.dir, 'none.json'), '--store', store],
      env,
    );
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /none\.json/);

    // First use: every key of the agency in the log now is written as known.
    writeFileSync(known, '');
    const refusedOver = await watch('--write-known');
    assert.equal(refusedOver.status, 1, 'an existing file is not overwritten');
    assert.match(refusedOver.stderr, /already exists/);
    rmSync(known);
    const first = await watch('--write-known');
    assert.equal(first.status, 0, first.stderr);
    const written = JSON.parse(readFileSync(known, 'utf8')) as { keys: unknown[] };
    assert.ok(written.keys.length > 0);
    assert.match(first.stdout, /all \d+ keys of .* are in /);

    // An organisation the log does not have (nothing written); a known file of another organisation.
    const nowhere = join(hub.dir, 'nowhere-keys.json');
    const other = await shokai(
      ['directory', 'watch', '--organisation', 'org_nowhere', '--known', nowhere, '--write-known', '--store', store],
      env,
    );
    assert.equal(other.status, 1);
    assert.match(other.stderr, /org_nowhere is not in the pinned directory/);
    const mixed = await shokai(
      ['directory', 'watch', '--organisation', 'org_nowhere', '--known', known, '--store', store],
      env,
    );
    assert.equal(mixed.status, 1);
    assert.match(mixed.stderr, /holds the known keys of org_.*, not of --organisation org_nowhere/);

    // The operator slips in a passkey key row for the investigator sato; the next log carries it.
    const sato = await principalOfLogin(hub.ctx.store.db, 'sato');
    const { fingerprint } = await slipPersonKey(hub.ctx, {
      id: 'key_slipped_sato',
      organisationId: mpd,
      ownerId: sato.id,
    });
    // Before the log is pinned again the watch sees nothing; after, it names the key.
    assert.equal((await watch()).status, 0);
    await pin();
    const found = await watch();
    assert.equal(found.status, 2, found.stderr);
    assert.match(found.stdout, /holds 1 keys of .* not in /);
    assert.match(found.stdout, new RegExp(`key_slipped_sato {2}passkey \\(signing\\) of a person \\(user ${sato.id}`));
    assert.ok(found.stdout.includes(`fingerprint ${fingerprint}`), found.stdout);
    assert.match(found.stdout, /entered the log at \d{4}-\d\d-\d\d [\d:]+ \+09:00, in force/);
    const foundJa = await shokai(
      ['directory', 'watch', '--organisation', mpd, '--known', known, '--store', store, '--zone', 'UTC'],
      { ...env, SHOKAI_LANG: 'ja' },
    );
    assert.equal(foundJa.status, 2);
    assert.match(foundJa.stdout, /にない .* の鍵が 1 件あります/);
    assert.match(foundJa.stdout, /パスキー（署名用）、個人（利用者 /);
    assert.match(foundJa.stdout, /ログへの記録 \d{4}-\d\d-\d\d [\d:]+ \+00:00、有効/);

    // A fingerprint of no key of the agency is refused, nothing added; the slipped one, accepted, quiets it.
    const bad = await watch('--accept', 'ab:cd');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /no key of this organisation in the pinned log has the key id or fingerprint ab:cd/);
    const accepted = await watch('--accept', fingerprint);
    assert.equal(accepted.status, 0, accepted.stdout + accepted.stderr);
    assert.match(accepted.stdout, /added 1 keys to /);
    assert.equal((await watch()).status, 0);
  });
});
