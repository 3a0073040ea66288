// npm run bench:sign [-- --quick --out FILE]
//
// Offline verification of an approval signed on the unit head's own device (envelope v2: a WebAuthn
// ES256 assertion over the approval digest, checked from the directory's COSE key with node:crypto),
// against the baseline in the same run: the v1 check, an Ed25519 signature over the canonical payload.
// Also the whole check of an envelope against a pinned directory (its signed head and Merkle root
// recomputed each time, then both keys and signatures). Prints a table; writes JSON
// (bench/results/sign.json). No network.
import { generateSigningKeyPair } from '../src/crypto/keys.ts';
import { SIGNATURE_PURPOSES, signCanonical, verifyCanonical } from '../src/crypto/signatures.ts';
import { verifyWebAuthnAssertion } from '../src/crypto/webauthn.ts';
import { keyById } from '../src/directory/key.repository.ts';
import { exportDirectory } from '../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../src/domain/access.ts';
import { approvalDigest, SignedEnvelopeSchema } from '../src/domain/envelope.ts';
import { verifyEnvelopeOffline } from '../src/domain/pinned-directory.ts';
import { run } from '../src/kernel/unit-of-work.ts';
import { withDemoStore } from './lib/demo-store.ts';
import { benchOptions, reportAgainstBaseline, runHead } from './lib/report.ts';

const args = benchOptions('sign');
const N = args.quick ? 500 : 5000;

await withDemoStore('sign', async ({ store, ctx }) => {
  const rows = await store.db.selectFrom('requests').select('envelope').where('envelope', 'is not', null).execute();
  const env = SignedEnvelopeSchema.parse(JSON.parse(rows.find((r) => r.envelope?.includes('"v":2'))?.envelope ?? ''));
  if (env.v !== 2) throw new Error('no v2 envelope in the demo');
  const ak = await keyById(store.db, env.signatures.approver.keyId);
  if (!ak?.rp_id) throw new Error('the approver key is not a credential');
  const digest = approvalDigest(env.payload);
  const ed = generateSigningKeyPair();
  const edSig = signCanonical(ed.privateKey, SIGNATURE_PURPOSES.requestApproval, env.payload);
  const pinned = await run(ctx, exportDirectory, SYSTEM_CALLER);

  const time = (f: () => boolean): number => {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) if (!f()) throw new Error('a check failed');
    return (performance.now() - t0) / N;
  };
  const v1 = time(() => verifyCanonical(ed.publicKey, SIGNATURE_PURPOSES.requestApproval, env.payload, edSig));
  const v2 = time(
    () => verifyWebAuthnAssertion(ak.public_key, ak.rp_id ?? '', digest, env.signatures.approver) === null,
  );
  const pinnedN = Math.max(20, Math.floor(N / 50));
  const t0 = performance.now();
  for (let i = 0; i < pinnedN; i++) if (!verifyEnvelopeOffline(env, pinned, new Date()).ok) throw new Error('pinned');
  const pinnedMs = (performance.now() - t0) / pinnedN;

  const result = {
    ...runHead('sign', N),
    baseline: { name: 'v1 approver signature (Ed25519, canonical payload)', msPerCheck: v1 },
    v2: { name: 'v2 approver signature (WebAuthn ES256 assertion, offline)', msPerCheck: v2, ratio: v2 / v1 },
    pinned: {
      name: 'whole envelope against the pinned directory (head, root, keys, both signatures)',
      directoryEntries: pinned.entries.length,
      msPerCheck: pinnedMs,
      ratio: pinnedMs / v1,
    },
  };
  reportAgainstBaseline(
    args.out,
    result,
    ['check', 'ms per check', 'ratio to v1'],
    [
      { name: result.baseline.name, ms: v1 },
      { name: result.v2.name, ms: v2 },
      { name: `${result.pinned.name} (${pinned.entries.length} entries)`, ms: pinnedMs },
    ],
    4,
  );
});
