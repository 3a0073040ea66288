// `shokai order-hearing record|withdraw` end to end against a local hub: the judge previews the statement on the
// command line, his own authenticator (the demo's software passkey, standing in for his device) signs its digest,
// and the command sends the assertion from a file; the hub keeps the hearing with the signature verified, and
// the withdrawal the same way. Without an assertion, or with one over another statement, the command fails with
// the hub's refusal in words and nothing is recorded.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { checkedPreview, expectedWithdrawal } from '../../src/cli/order-hearings.ts';
import { canonicalJson, sha256Hex } from '../../src/crypto/canonical.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { shokaiAsPerson } from '../support/cli.ts';
import { fileOrderApplication, orderPath } from '../support/disclosure-order.ts';
import { hubWithHooks, passkeyAssertion } from '../support/exchange.ts';

type Application = Schemas['DisclosureOrderApplication'];

describe('shokai order-hearing: the judge records and withdraws a hearing, signed, on the command line', () => {
  const {
    hub,
    people: [lawyer, judge],
    orgs,
  } = hubWithHooks('sqlite', ['lawyer', 'judge']);
  const dir = mkdtempSync(join(tmpdir(), 'shokai-order-hearing-'));
  const run = (args: string[], lang?: 'en' | 'ja') =>
    shokaiAsPerson(['order-hearing', ...args, '--url', hub.url], { SHOKAI_TOKEN: judge.token }, lang);
  /** The judge's authenticator signs `digest`; the assertion is written to a file for --assertion. */
  const signed = (name: string, digest: string) => {
    const path = join(dir, `${name}.json`);
    writeFileSync(path, JSON.stringify(passkeyAssertion(judge, digest)));
    return path;
  };
  const digestOf = (stdout: string) => /SHA-256[)）]: ([0-9a-f]{64})/.exec(stdout)?.[1] ?? assert.fail(stdout);
  const view = async (id: string) => (await judge.call<Application>('GET', orderPath(id))).body;

  test('record: preview, sign, record; then withdraw the same way; the hearing shows both signatures', async () => {
    const a = await fileOrderApplication(lawyer, orgs.court, orgs.board, '8891');
    const heardAt = new Date(hub.ctx.clock().getTime() + 9 * 3600_000).toISOString().replace('Z', '+09:00');
    const what = ['record', a.id, '--party', 'provider', '--heard-at', heardAt, '--note', '答弁書の提出を受けた。'];
    const preview = await run([...what, '--preview']);
    assert.equal(preview.status, 0, preview.stderr);
    assert.match(preview.stdout, /"purpose":"disclosure-order\.hearing-recorded"/);
    assert.match(preview.stdout, /まだ何も記録していません/);
    assert.deepEqual((await view(a.id)).hearings, [], 'a preview records nothing');

    // No assertion: the hub refuses in words, nothing is recorded.
    const unsigned = await run(what, 'en');
    assert.notEqual(unsigned.status, 0);
    assert.match(unsigned.stderr, /must be signed with the judge's own credential \(passkey\)/);
    // An assertion over another statement (the note changed): refused as not verifying.
    const other = [...what.slice(0, -1), '別の要旨', '--assertion', signed('wrong', digestOf(preview.stdout))];
    const wrong = await run(other, 'en');
    assert.notEqual(wrong.status, 0);
    assert.match(wrong.stderr, /does not verify/);
    assert.deepEqual((await view(a.id)).hearings, []);

    const recorded = await run([...what, '--assertion', signed('record', digestOf(preview.stdout))]);
    assert.equal(recorded.status, 0, recorded.stderr);
    assert.match(recorded.stdout, /陳述聴取を記録しました（署名済み）/);
    assert.match(recorded.stdout, /裁判官の電子署名: 検証済み/);
    const [h] = (await view(a.id)).hearings;
    assert.ok(h && recorded.stdout.includes(h.id), 'the new hearing named by its digest');
    assert.equal(h?.signature.verdict, 'verified');
    assert.equal(h?.signature.digest, digestOf(preview.stdout));
    assert.ok((await view(a.id)).actions.includes('issue'), 'a signed record counts for the order');

    const hearingId = h?.id ?? assert.fail('recorded');
    // What the judge's machine expects a withdrawal to say: this hearing's record digest, checked against the
    // record's own statement; a hub showing another digest for it, or no such hearing, is refused before signing.
    const viewed = await view(a.id);
    assert.equal(expectedWithdrawal(viewed, hearingId, ' 理由 ').hearingDigest, h?.signature.digest);
    const sig = (x: Application['hearings'][number]) => ({ ...x.signature, digest: sha256Hex('another record') });
    const forged = { ...viewed, hearings: viewed.hearings.map((x) => ({ ...x, signature: sig(x) })) };
    assert.throws(
      () => expectedWithdrawal(forged, hearingId, 'x'),
      (e) => e instanceof DomainError && e.details?.field === 'hearingDigest' && /SHA-256/.test(e.messages.en),
    );
    assert.throws(
      () => expectedWithdrawal(viewed, 'doh_none', 'x'),
      (e) => e instanceof DomainError && e.code === 'NOT_FOUND' && /doh_none/.test(e.messages.ja),
    );
    const withdraw = ['withdraw', a.id, hearingId, '--reason', '別事件の記録を誤って登録した。'];
    const wp = await run([...withdraw, '--preview', '--json']);
    assert.equal(wp.status, 0, wp.stderr);
    const { digest } = JSON.parse(wp.stdout) as { digest: string };
    const done = await run([...withdraw, '--assertion', signed('withdraw', digest)], 'en');
    assert.equal(done.status, 0, done.stderr);
    assert.match(done.stdout, /hearing withdrawn, signed/);
    assert.match(done.stdout, /Signature of the withdrawal: verified/);
    const after = (await view(a.id)).hearings[0];
    assert.equal(after?.withdrawn?.signature.verdict, 'verified');
    assert.ok(!(await view(a.id)).actions.includes('issue'));
  });

  test("a preview whose digest is not its statement's, or whose statement is not what was typed, is refused", () => {
    const statement = canonicalJson({ applicationId: 'doap_1', note: '答弁書の提出を受けた。', party: 'provider' });
    const good = { canonical: statement, digest: sha256Hex(statement), passkey: null };
    assert.equal(checkedPreview(good, { party: 'provider', applicationId: 'doap_1' }), good);
    const refused = (p: typeof good, typed: Record<string, string>, fields?: string[]) => {
      try {
        checkedPreview(p, typed, fields);
      } catch (e) {
        assert.ok(e instanceof DomainError);
        return e;
      }
      return assert.fail('refused');
    };
    const forgedDigest = refused({ ...good, digest: sha256Hex('another statement') }, {});
    assert.equal(forgedDigest.details?.field, 'digest');
    assert.match(forgedDigest.messages.ja, /SHA-256 ではありません/);
    assert.match(forgedDigest.messages.en, /is not the SHA-256 of the statement it showed/);
    // A statement with a field a hearing's has not (or without one it has) is not signed either.
    const extra = refused(good, {}, ['applicationId', 'note']);
    assert.equal(extra.details?.field, 'canonical');
    assert.match(extra.messages.en, /does not have a hearing statement's fields \(party\)/);
    assert.equal(refused(good, {}, ['applicationId', 'note', 'party', 'reason']).details?.field, 'canonical');
    const otherParty = refused(good, { party: 'claimant' });
    assert.equal(otherParty.details?.field, 'party');
    assert.match(otherParty.messages.ja, /入力した値（claimant）と違います/);
    assert.match(otherParty.messages.en, /has party provider, not what you typed \(claimant\)/);
  });

  test('a bad value is refused by the hub naming its field', async () => {
    const a = await fileOrderApplication(lawyer, orgs.court, orgs.board, '8892');
    const r = await run(['record', a.id, '--party', 'judge', '--heard-at', '2026-12-07T10:00:00', '--note', 'x'], 'en');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /expected one of: provider, claimant \(setting "party": "judge"\)/);
  });
});
