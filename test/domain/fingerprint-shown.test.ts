// A key's fingerprint as people read it: named and spaced, so that 「鍵 7140:dc09:…」 cannot be taken for an
// IPv6 address shown beside real ones; the stored form is unchanged and what is pasted back is read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyFingerprint } from '../../src/crypto/keys.ts';
import { fingerprint } from '../../src/domain/audit-detail-shows.ts';
import { shownFingerprint, storedFingerprint } from '../../src/domain/shown-text.ts';
import { LOG_SYNTAX, parseAddress } from '../../src/net/address.ts';

const STORED = '7140:dc09:5166:007d:3f2a:9c01:77de:0b45';

test('shownFingerprint: SHA-256 and groups of four with spaces; not an address', () => {
  const shown = shownFingerprint(STORED);
  assert.equal(shown, 'SHA-256 7140 dc09 5166 007d 3f2a 9c01 77de 0b45');
  assert.doesNotMatch(shown, /:/);
  // The stored form reads as an IPv6 address (it is one, to a parser); the shown form does not.
  assert.notEqual(parseAddress(STORED, LOG_SYNTAX), null);
  assert.equal(parseAddress(shown, LOG_SYNTAX), null);
  assert.equal(
    shownFingerprint(keyFingerprint(Buffer.alloc(32).toString('base64url'))).slice(0, 17),
    'SHA-256 6668 7aad',
  );
  // Anything that is not a stored fingerprint is left as it is (an id, a dash).
  assert.equal(shownFingerprint('-'), '-');
  assert.equal(shownFingerprint('key_abc'), 'key_abc');
});

test('storedFingerprint: the shown form, pasted back, is the stored form; other text unchanged', () => {
  assert.equal(storedFingerprint('SHA-256 7140 dc09 5166 007d 3f2a 9c01 77de 0b45'), STORED);
  assert.equal(storedFingerprint(`  ${STORED.toUpperCase()} `), STORED);
  assert.equal(storedFingerprint('./audit-keys.txt'), './audit-keys.txt');
});

test('an audit entry’s key line shows the fingerprint as people read it', () => {
  const f = fingerprint({ ja: '鍵', en: 'Key' });
  const v = f.show(STORED, {}, { locale: 'ja', instant: (s) => s });
  assert.equal(v, 'SHA-256 7140 dc09 5166 007d 3f2a 9c01 77de 0b45');
  assert.equal(f.code, true);
});
