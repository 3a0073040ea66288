import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { shokai, shokaiAsPerson } from '../support/cli.ts';
import { issuedEnvelope } from '../support/envelopes.ts';
import { hubHooks, orgId, signInAll } from '../support/exchange.ts';
import { boardPost, inquiry, issue } from '../support/flow.ts';

// `shokai directory import | verify` on a second installation: the hub's directory pinned there, an
// envelope of the hub verifies against it offline (OK, exit 0); one altered since is refused (exit 2).
describe('shokai directory verify: an envelope against the pinned directory', () => {
  const hub = hubHooks('sqlite');

  test('a hub envelope verifies (exit 0); an altered one is refused (exit 2)', async () => {
    const [sato, tanaka] = await signInAll(hub, 'sato', 'tanaka');
    const boardId = await orgId(hub, 'Sakura Board K.K.');
    const d = await issue(sato, tanaka, inquiry(boardId, { caseReference: 'CLI-DIR-1', targets: [boardPost('t/7')] }));
    const envelope = await issuedEnvelope(hub, d.id);
    const exported = await sato.call('GET', '/v1/directory/export');
    assert.equal(exported.status, 200, JSON.stringify(exported.body));

    const env = { SHOKAI_DATA_DIR: join(hub.dir, 'second-data') };
    const store = join(hub.dir, 'second.sqlite');
    const directoryFile = join(hub.dir, 'directory.json');
    writeFileSync(directoryFile, JSON.stringify(exported.body));
    // Another installation's store, made as stores are made: the other commands refuse one that is not there.
    assert.equal((await shokai(['db', 'migrate', '--store', store], env)).status, 0);
    const pinned = await shokai(['directory', 'import', directoryFile, '--store', store, '--zone', 'Asia/Tokyo'], env);
    assert.equal(pinned.status, 0, pinned.stderr);
    assert.match(pinned.stdout, /^pinned: hub key /);
    // When the hub signed what is pinned: in the zone --zone names with its offset, not as stored (`…Z`).
    assert.match(pinned.stdout, / entries \(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00\)/);
    assert.doesNotMatch(pinned.stdout, /\d{2}:\d{2}:\d{2}(\.\d+)?Z/);

    const genuine = join(hub.dir, 'envelope.json');
    writeFileSync(genuine, JSON.stringify({ envelope }));
    const ok = await shokai(['directory', 'verify', genuine, '--store', store], env);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^OK: /);

    const altered = join(hub.dir, 'altered.json');
    writeFileSync(altered, JSON.stringify({ ...envelope, payload: { ...envelope.payload, reference: 'X' } }));
    const refused = await shokai(['directory', 'verify', altered, '--store', store], env);
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(refused.stdout, /^REFUSED: /);

    // Another file given by mistake (the directory export itself) is named as not an envelope, in words.
    const wrong = await shokai(['directory', 'verify', directoryFile, '--store', store], env);
    assert.equal(wrong.status, 1, wrong.stderr);
    assert.match(
      wrong.stderr,
      /directory\.json is not a signed request envelope \(it has no v, payload and signatures\)/,
    );
    assert.doesNotMatch(wrong.stderr, /envelope\.v|one of/);
    const wrongJa = await shokaiAsPerson(['directory', 'verify', directoryFile, '--store', store], env);
    assert.equal(wrongJa.status, 1, wrongJa.stderr);
    assert.match(wrongJa.stderr, /directory\.json は署名済みの要請エンベロープではありません/);
  });
});
