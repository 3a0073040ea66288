// `shokai agent register`: the provider's administrator registers what `shokai agent init` wrote (the
// machine client and the installation key) at the hub in their own session, and the key ids are written
// into the key files; the installation then pulls as that client. Anyone else is refused in words and
// nothing is written; a second run says it is registered already.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { shokai } from '../support/cli.ts';
import { ok } from '../support/cli-installation.ts';
import { freshLocation } from '../support/dialects.ts';
import { DEMO_ORGS, orgId, startHub, type TestHub } from '../support/exchange.ts';
import { confirmPrinted, printedRegistrations } from '../support/key-registrations.ts';

describe('shokai agent register (sqlite)', () => {
  let hub: TestHub;
  let dir: string;
  before(async () => {
    hub = await startHub('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'shokai-agent-register-'));
  });
  after(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the administrator registers both keys; the installation then pulls as its client', async () => {
    const board = await orgId(hub, DEMO_ORGS.board);
    const loc = await freshLocation('sqlite', dir);
    const env = { SHOKAI_LANG: 'en', SHOKAI_MASTER_KEY: '', SHOKAI_DATA_DIR: dir };
    const agent = (args: string[]) => shokai(['agent', ...args, '--config', join(dir, 'agent.json')], env);
    await ok(
      shokai(['agent', 'init', '--organisation', board, '--hub', hub.url, '--store', loc.url, '--dir', dir], env),
    );
    const cfg = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8')) as { hub: Record<string, unknown> };
    cfg.hub.allowLoopbackHttp = true;
    writeFileSync(join(dir, 'agent.json'), JSON.stringify(cfg));
    const keyIdOf = (f: string) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { keyId?: string }).keyId;

    // The board's legal officer is not its administrator: refused in words, nothing written.
    const legal = await hub.as('board.legal');
    const refused = await agent(['register', '--url', hub.url, '--token', legal.token]);
    assert.notEqual(refused.status, 0, refused.stdout);
    assert.doesNotMatch(refused.stderr, /FORBIDDEN|"code"/, 'in words, not a code');
    assert.ok(refused.stderr.trim().length > 0);
    assert.equal(keyIdOf('machine.key'), undefined);
    assert.equal(keyIdOf('installation.key'), undefined);

    // Another organisation's administrator would register the client under their own organisation: refused.
    const police = await hub.as('mpd.admin');
    const other = await agent(['register', '--url', hub.url, '--token', police.token]);
    assert.notEqual(other.status, 0, other.stdout);
    assert.match(other.stderr, /this session is of Tokyo Metropolitan Police Department/);
    assert.match(other.stderr, /this installation's organisation \(Sakura Board K\.K\.\)/, 'named, not by its id');
    assert.ok(!other.stderr.includes(board), 'no raw organisation id');
    assert.equal(keyIdOf('machine.key'), undefined);

    const admin = await hub.as('board.admin');
    const done = await agent(['register', '--url', hub.url, '--token', admin.token]);
    assert.equal(done.status, 0, done.stderr);
    assert.match(done.stdout, /^machine client registered: \S+ {2}SHA-256 [0-9a-f ]+$/m);
    assert.match(done.stdout, /^installation key registered: \S+ {2}SHA-256 [0-9a-f ]+$/m);
    const machineKeyId = keyIdOf('machine.key');
    assert.ok(machineKeyId && keyIdOf('installation.key'));
    const again = await agent(['register', '--url', hub.url, '--token', admin.token]);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`machine client is registered already \\(key id ${machineKeyId}\\)`));
    assert.match(again.stdout, /installation key is registered already/);
    // Both wait for a second person: until then the hub tells the installation so, in words.
    assert.equal(printedRegistrations(done.stdout).length, 2, done.stdout);

    // The installation now reaches the hub as the client registered for it.
    const directory = join(dir, 'directory.json');
    writeFileSync(directory, JSON.stringify(await run(hub.ctx, exportDirectory, SYSTEM_CALLER)));
    await ok(agent(['pin', directory]));
    const early = await agent(['pull', '--json']);
    assert.notEqual(early.status, 0, early.stdout);
    assert.match(early.stderr, /awaits a second person of the organisation/);
    assert.equal(await confirmPrinted(hub, done.stdout), 2);
    const pulled = JSON.parse(await ok(agent(['pull', '--json']))) as { listed: number };
    assert.ok(pulled.listed >= 1, 'the requests the demo made to the board are listed');
  });
});
