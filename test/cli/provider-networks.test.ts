// `shokai provider networks declare`: the provider's networks declared from its own machine, signed with
// its installation key; the hub's log carries the signature, and bad input is named by option or line.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { routableDeclarations } from '../../src/domain/pinned-networks-routing.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { shokai } from '../support/cli.ts';
import { DEMO_ORGS, orgId, startHub, type TestHub } from '../support/exchange.ts';
import { confirmPrinted } from '../support/key-registrations.ts';

describe('shokai provider networks declare: signed on the provider’s machine', () => {
  let hub: TestHub;
  let boardId: string;
  let keyFile: string;
  let env: Record<string, string>;
  before(async () => {
    hub = await startHub('sqlite');
    boardId = await orgId(hub, DEMO_ORGS.board);
    keyFile = join(hub.dir, 'board-installation.key.json');
    env = { SHOKAI_TOKEN: (await hub.as('board.admin')).token };
    const init = await shokai(['provider', 'key', 'init', '--organisation', boardId, '--key-file', keyFile], {});
    assert.equal(init.status, 0, init.stderr);
    const reg = await shokai(['provider', 'key', 'register', '--url', hub.url, '--key-file', keyFile], env);
    assert.equal(reg.status, 0, reg.stderr);
    assert.equal(await confirmPrinted(hub, reg.stdout), 1, reg.stdout);
  });
  after(async () => hub.close());

  const declare = (...args: string[]) =>
    shokai(['provider', 'networks', 'declare', '--url', hub.url, '--key-file', keyFile, ...args], env);

  test('options and a file, signed and sent: the log carries the signature and routes by it', async () => {
    const file = join(hub.dir, 'networks.txt');
    writeFileSync(file, '# our blocks\n2001:db8:2000::/36\nAS64501   # transit\nSakura-Board.example\n');
    const r = await declare('--cidr', '198.51.100.0/24', '--file', file);
    assert.equal(r.status, 0, r.stderr);
    // One ASN and one domain are said in the singular.
    assert.equal(r.stdout, 'declared, signed: 2 address blocks, 1 ASN, 1 domain\n');
    const log = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
    const last = log.entries.at(-1);
    assert.ok(last?.type === 'networks' && last.organisationId === boardId, JSON.stringify(last));
    assert.deepEqual(
      { cidrs: last.cidrs, asns: last.asns, domains: last.domains },
      { cidrs: ['198.51.100.0/24', '2001:db8:2000::/36'], asns: [64501], domains: ['sakura-board.example'] },
    );
    assert.ok(last.signature, 'signed');
    assert.equal(routableDeclarations(log.entries).inForce.get(boardId)?.id, last.id);
  });

  test('a bad line is named by file and line; a bad option by name; nothing declared means --none', async () => {
    const file = join(hub.dir, 'bad.txt');
    writeFileSync(file, '198.51.100.0/24\nnot a domain!\n');
    const bad = await declare('--file', file);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /bad\.txt:2: not a domain!/);
    // A block the hub's own check refuses (its shape passed the first look) is named by file and line too.
    const blocks = join(hub.dir, 'blocks.txt');
    writeFileSync(blocks, '198.51.100.0/24\n# ours\n10.0.0.0/8x\n');
    const badBlock = await declare('--file', blocks);
    assert.notEqual(badBlock.status, 0);
    assert.match(badBlock.stderr, /blocks\.txt:3: .*10\.0\.0\.0\/8x/);
    assert.doesNotMatch(badBlock.stderr, /cidrs|setting/);
    const cidr = await declare('--cidr', '198.51.100.7');
    assert.notEqual(cidr.status, 0);
    assert.match(cidr.stderr, /--cidr 198\.51\.100\.7/);
    const nothing = await declare();
    assert.notEqual(nothing.status, 0);
    assert.match(nothing.stderr, /--none/);
  });

  test('a key not yet registered at the hub signs nothing: refused in words, nothing sent', async () => {
    const fresh = join(hub.dir, 'unregistered.key.json');
    const init = await shokai(['provider', 'key', 'init', '--organisation', boardId, '--key-file', fresh], {});
    assert.equal(init.status, 0, init.stderr);
    const before = (await run(hub.ctx, exportDirectory, SYSTEM_CALLER)).entries.length;
    const r = await shokai(
      ['provider', 'networks', 'declare', '--url', hub.url, '--key-file', fresh, '--cidr', '198.51.100.0/24'],
      env,
    );
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /設置鍵がまだ登録されていません|not registered yet/);
    assert.equal((await run(hub.ctx, exportDirectory, SYSTEM_CALLER)).entries.length, before);
  });
});
