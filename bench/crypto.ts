// Micro-benchmark of the crypto module: node bench/crypto.ts [auditEntries]
// Prints operations per second; not a test (no assertions on time).

import {
  type ChainedAuditEntry,
  chainEntry,
  GENESIS_HASH,
  signCheckpoint,
  verifyAuditChain,
} from '../src/crypto/audit-chain.ts';
import { hashPassword } from '../src/crypto/key-wrap.ts';
import { generateEncryptionKeyPair, generateSigningKeyPair } from '../src/crypto/keys.ts';
import { open, seal } from '../src/crypto/seal.ts';
import { sign, signCanonical, verify, verifyCanonical } from '../src/crypto/signatures.ts';

function rate(name: string, iterations: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(200, iterations); i++) fn(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `${name.padEnd(34)} ${Math.round(iterations / seconds)
      .toLocaleString('en-US')
      .padStart(10)} /s`,
  );
}

const signing = generateSigningKeyPair();
const unit = generateEncryptionKeyPair();
const message = Buffer.alloc(256, 7);
const request = {
  id: 'req-2026-000123',
  kind: 'inquiry',
  categories: ['subscriber', 'access_log'],
  target: { address: '203.0.113.7', port: 51234, at: '2026-11-25T03:00:00.000+09:00', toleranceSeconds: 2 },
  legalBasis: '刑事訴訟法第197条第2項',
  issuedAt: '2026-11-25T03:00:00.000Z',
};
const sig = sign(signing.privateKey, message);
const csig = signCanonical(signing.privateKey, 'request.unit', request);
const answer = JSON.stringify({
  subscriber: { name: '山田太郎', address: '東京都千代田区霞が関2-1-1', phone: '03-0000-0000' },
});
const box = seal(unit.publicKey, 'unit-key-1', answer, 'req-1');

rate('sign (256 B)', 5000, () => sign(signing.privateKey, message));
rate('verify (256 B)', 10000, () => verify(signing.publicKey, message, sig));
rate('signCanonical (request)', 5000, () => signCanonical(signing.privateKey, 'request.unit', request));
rate('verifyCanonical (request)', 10000, () => verifyCanonical(signing.publicKey, 'request.unit', request, csig));
rate('seal (≈150 B answer)', 5000, () => seal(unit.publicKey, 'unit-key-1', answer, 'req-1'));
rate('open (≈150 B answer)', 5000, () => open(unit.privateKey, box, 'req-1'));

{
  const start = process.hrtime.bigint();
  await hashPassword('correct horse battery staple');
  console.log(
    `${'hashPassword'.padEnd(34)} ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1).padStart(10)} ms`,
  );
}

const n = Number(process.argv[2] ?? 1_000_000);
function* chain(): Generator<ChainedAuditEntry> {
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = chainEntry(prev, {
      seq,
      at: '2026-11-25T03:00:00.000Z',
      actorType: 'user',
      actorId: 'user-1',
      organisationId: 'org-1',
      action: 'request.transition',
      subjectType: 'request',
      subjectId: `req-${seq}`,
      details: { from: 'issued', to: 'received', reason: null },
    });
    prev = e.hash;
    yield e;
  }
}
let head = GENESIS_HASH;
let t = process.hrtime.bigint();
for (const e of chain()) head = e.hash;
const buildSeconds = Number(process.hrtime.bigint() - t) / 1e9;
console.log(`${`chainEntry × ${n.toLocaleString('en-US')}`.padEnd(34)} ${buildSeconds.toFixed(2).padStart(10)} s`);
const cp = signCheckpoint(signing.privateKey, 'audit-1', n, '2026-11-25T04:00:00.000Z', head);
t = process.hrtime.bigint();
const rss0 = process.memoryUsage().rss;
const result = await verifyAuditChain(chain(), [cp], () => signing.publicKey);
const seconds = Number(process.hrtime.bigint() - t) / 1e9;
console.log(
  `${`verifyAuditChain × ${n.toLocaleString('en-US')}`.padEnd(34)} ${seconds.toFixed(2).padStart(10)} s ` +
    `(incl. generating entries; ok=${String(result.ok)}, ` +
    `rss +${Math.round((process.memoryUsage().rss - rss0) / 1e6)} MB)`,
);
