// npm run bench:documents [-- --quick --out FILE]
//
// The 回答書 of an answer in device custody, rendered on the device (the same code the browser runs:
// pdf-lib, fontkit, WebCrypto) from the hub's frame and the answer the device opened, against the
// baseline in the same run: the hub rendering the same request's 捜査関係事項照会書. Also the offline
// verification of the device's PDF (re-render and compare). Prints a table; writes JSON
// (bench/results/documents.json). No network: the services are called in-process.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { principalOfLogin } from '../src/auth/auth-service.ts';
import { openSealedAnswer } from '../src/client/custody.ts';
import { generateKekSecret, kekFromSecret } from '../src/crypto/key-wrap.ts';
import { importDemoDevice } from '../src/demo/custody.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { renderAnswerDocument } from '../src/documents/device.ts';
import { answerDocumentFrame, issueDocument } from '../src/documents/document-service.ts';
import { documentFont } from '../src/documents/font.ts';
import { verifyDocument } from '../src/documents/verify.ts';
import { sealedAnswerForDevice } from '../src/exchange/custody-reads.ts';
import { createContext } from '../src/kernel/context.ts';
import { run } from '../src/kernel/unit-of-work.ts';
import { openStore } from '../src/store/database.ts';

const ROOT = join(import.meta.dirname, '..');
const { values: args } = parseArgs({
  strict: false,
  options: {
    quick: { type: 'boolean', default: false },
    out: { type: 'string', default: join(ROOT, 'bench', 'results', 'documents.json') },
  },
});
const N = args.quick === true ? 5 : 30;
const OUT = typeof args.out === 'string' ? args.out : join(ROOT, 'bench', 'results', 'documents.json');

const dir = mkdtempSync(join(tmpdir(), 'shokai-bench-documents-'));
try {
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'store.sqlite') });
  const ctx = await createContext(store, kekFromSecret(generateKekSecret()));
  const demo = await seedDemo(ctx);
  const answered = demo.requests.find((r) => r.kind === 'inquiry' && r.state === 'answered');
  const demoDevice = demo.devices?.find((d) => d.login === 'sato' && d.kind === 'machine');
  if (!answered || !demoDevice) throw new Error('the demo has no answered inquiry or no device of sato');
  const sato = await principalOfLogin(store.db, 'sato');
  const device = await importDemoDevice(demoDevice);
  const font = documentFont();

  const sealed = await run(ctx, sealedAnswerForDevice, sato, answered.id, device.id);
  const opened = await openSealedAnswer(sealed, device);
  const signerKey = opened.signerKey;
  if (!signerKey) throw new Error("the answer's signing key is unknown");
  const frame = await run(ctx, answerDocumentFrame, sato, answered.id);

  const time = async (f: () => Promise<unknown>): Promise<number> => {
    await f(); // warm: the font is parsed and subset once before timing
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await f();
    return (performance.now() - t0) / N;
  };
  const hubMs = await time(() => run(ctx, issueDocument, sato, { requestId: answered.id, type: 'inquiry' }));
  let pdf: Uint8Array = new Uint8Array();
  const deviceMs = await time(async () => {
    pdf = await renderAnswerDocument(frame, opened.inner, signerKey, font);
  });
  const verifyMs = await time(async () => {
    if (!(await verifyDocument(pdf, font)).ok) throw new Error('the device PDF does not verify');
  });
  await store.close();

  const result = {
    bench: 'documents',
    at: new Date().toISOString(),
    loadAverage1m: loadavg()[0] ?? 0,
    iterations: N,
    baseline: { name: 'hub renders the 照会書 (issueDocument, audited)', msPerDocument: hubMs },
    device: {
      name: 'device renders the 回答書 (frame + opened answer, browser code)',
      msPerDocument: deviceMs,
      bytes: pdf.length,
      ratio: deviceMs / hubMs,
    },
    verify: { name: 'offline verification of the device 回答書', msPerDocument: verifyMs, ratio: verifyMs / hubMs },
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result));
  console.log('| what | ms per document | ratio to the hub baseline |');
  console.log('|---|---|---|');
  console.log(`| ${result.baseline.name} | ${hubMs.toFixed(1)} | 1.00 |`);
  console.log(`| ${result.device.name} | ${deviceMs.toFixed(1)} | ${(deviceMs / hubMs).toFixed(2)} |`);
  console.log(`| ${result.verify.name} | ${verifyMs.toFixed(1)} | ${(verifyMs / hubMs).toFixed(2)} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
