// npm run bench:documents [-- --quick --out FILE]
//
// The 回答書 of an answer in device custody, rendered on the device (the same code the browser runs:
// pdf-lib, fontkit, WebCrypto) from the hub's frame and the answer the device opened, against the
// baseline in the same run: the hub rendering the same request's 捜査関係事項照会書. Also the offline
// verification of the device's PDF (re-render and compare). Prints a table; writes JSON
// (bench/results/documents.json). No network: the services are called in-process.
import { principalOfLogin } from '../src/auth/auth-service.ts';
import { openSealedAnswer } from '../src/client/custody.ts';
import { importDemoDevice } from '../src/demo/custody.ts';
import { renderAnswerDocument } from '../src/documents/device.ts';
import { answerDocumentFrame, issueDocument } from '../src/documents/document-service.ts';
import { documentFont } from '../src/documents/font.ts';
import { verifyDocument } from '../src/documents/verify.ts';
import { sealedAnswerForDevice } from '../src/exchange/custody-reads.ts';
import { run } from '../src/kernel/unit-of-work.ts';
import { withDemoStore } from './lib/demo-store.ts';
import { benchOptions, reportAgainstBaseline, runHead } from './lib/report.ts';

const args = benchOptions('documents');
const N = args.quick ? 5 : 30;

await withDemoStore('documents', async ({ store, ctx, demo }) => {
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

  const result = {
    ...runHead('documents', N),
    baseline: { name: 'hub renders the 照会書 (issueDocument, audited)', msPerDocument: hubMs },
    device: {
      name: 'device renders the 回答書 (frame + opened answer, browser code)',
      msPerDocument: deviceMs,
      bytes: pdf.length,
      ratio: deviceMs / hubMs,
    },
    verify: { name: 'offline verification of the device 回答書', msPerDocument: verifyMs, ratio: verifyMs / hubMs },
  };
  reportAgainstBaseline(
    args.out,
    result,
    ['what', 'ms per document', 'ratio to the hub baseline'],
    [
      { name: result.baseline.name, ms: hubMs },
      { name: result.device.name, ms: deviceMs },
      { name: result.verify.name, ms: verifyMs },
    ],
    1,
  );
});
