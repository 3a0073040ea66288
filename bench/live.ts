// npm run bench:live [-- --rounds 30 --out FILE --quick]
//
// How soon an open screen is told of a change: a hub (SQLite, the demo) with the board's legal officer
// listening on /v1/events; round by round the investigator drafts and submits an emergency and the unit
// head approves it. Measured from the moment the approval is sent: until its reply reaches the unit
// head (the baseline, in the same run), and until the board's stream brings the `received` event.
// Writes bench/results/live.json. Only 127.0.0.1.
import { listen } from '../test/support/events.ts';
import { approve, orgId, startHub } from '../test/support/exchange.ts';
import { boardPost, draft, threatToLife, transition } from '../test/support/flow.ts';
import { Samples } from './lib/http.ts';
import { benchOptions, reportAgainstBaseline } from './lib/report.ts';

const args = benchOptions('live', { rounds: '30' });
const ROUNDS = args.quick ? 5 : Number(args.option('rounds'));
if (!(ROUNDS >= 1 && ROUNDS <= 1000)) throw new Error('bad --rounds');

const hub = await startHub('sqlite');
try {
  const [sato, tanaka, board] = [await hub.as('sato'), await hub.as('tanaka'), await hub.as('board.legal')];
  const boardId = await orgId(hub, 'Sakura Board K.K.');
  const stream = await listen(hub, board);
  await stream.ready;
  const replied = new Samples();
  const told = new Samples();
  for (let i = 0; i < ROUNDS; i++) {
    const d = await draft(
      sato,
      threatToLife(boardId, `LIVE-${i}`, boardPost(`t/live-${i}#1`), ['subscriber', 'access_log']),
    );
    await transition(sato, d.id, { action: 'submit' });
    const sent = performance.now();
    const r = await approve(tanaka, d.id);
    replied.push(performance.now() - sent);
    if (r.status !== 200) throw new Error(`approval refused: ${JSON.stringify(r.body)}`);
    for (;;) {
      const e = stream.told.find((x) => x.data.requestId === d.id && x.data.state === 'received');
      if (e) {
        told.push(e.at - sent);
        break;
      }
      if (performance.now() - sent > 30_000) throw new Error(`round ${i}: not told within 30 s`);
      await new Promise((res) => setTimeout(res, 1));
    }
  }
  stream.close();
  const result = {
    bench: 'live',
    rounds: ROUNDS,
    baseline: { name: 'approval sent → its reply (unit head)', ...replied.summary() },
    told: { name: 'approval sent → provider told (SSE)', ...told.summary() },
  };
  reportAgainstBaseline(
    args.out,
    result,
    ['measure', 'p50 ms', 'ratio to baseline'],
    [
      { name: result.baseline.name, ms: result.baseline.p50 },
      { name: result.told.name, ms: result.told.p50 },
    ],
    2,
  );
} finally {
  await hub.close();
}
