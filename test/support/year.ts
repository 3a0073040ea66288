// A generated year of requests (seeded RNG): the demo's organisations and people issue requests across
// a calendar year, and providers answer, decline, ask for clarification or leave them open, each step
// at its own instant on a controlled clock — all through the services, as the API would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { buildSealedAnswer, installationKeySigner, prepareAnswer } from '../../src/client/answer-seal.ts';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { demoInstallationSigner } from '../../src/demo/installation.ts';
import { DEMO_US_MLAT, type DemoResult, seedDemo } from '../../src/demo/seed.ts';
import { challengeOf, demoOrigin, softAssert } from '../../src/demo/soft-authenticator.ts';
import { relyingPartyId } from '../../src/directory/credentials.ts';
import type { Principal } from '../../src/domain/access.ts';
import { AnswerContentSchema } from '../../src/domain/answer-content.ts';
import { signingPreview } from '../../src/exchange/approval.ts';
import { createDraft } from '../../src/exchange/drafting.ts';
import { answerKeys } from '../../src/exchange/sealed-answers.ts';
import { transition } from '../../src/exchange/transitions.ts';
import { type AppContext, createContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { openStore } from '../../src/store/database.ts';
import { type Dialect, freshLocation } from './dialects.ts';
import { rng } from './rng.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface YearHub {
  ctx: AppContext;
  demo: DemoResult;
  /** Moves the clock (it only moves forward). */
  setNow(ms: number): void;
  principal(login: string): Promise<Principal>;
  close(): Promise<void>;
}

/** A fresh store with the demo seeded at `start`, on a clock the test moves. */
export async function startYearHub(dialect: Dialect, start: number): Promise<YearHub> {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-year-'));
  const loc = await freshLocation(dialect, dir);
  const store = await openStore(loc.location);
  let now = start;
  const ctx = await createContext(store, kekFromSecret(generateKekSecret()), () => new Date(now));
  const demo = await seedDemo(ctx);
  const principals = new Map<string, Principal>();
  return {
    ctx,
    demo,
    setNow(ms) {
      now = Math.max(now, ms);
    },
    async principal(login) {
      const known = principals.get(login);
      if (known) return known;
      const p = await principalOfLogin(store.db, login);
      principals.set(login, p);
      return p;
    },
    async close() {
      await store.close();
      await loc.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Step {
  at: number;
  order: number;
  run: () => Promise<void>;
}

const jst = (ms: number) => `${new Date(ms + 9 * HOUR).toISOString().slice(0, 19)}+09:00`;
const iso = (ms: number) => new Date(ms).toISOString();
const base = {
  caseReference: '令和7年 第500号',
  offence: '脅迫（刑法222条）',
  facts: '掲示板への脅迫の書き込み。',
  necessity: '発信者の特定のため。',
};

/**
 * Issues `count` requests between `from` and `to` (ms) and plays out what becomes of each. Returns
 * how many steps ran. Deterministic for a seed.
 */
export async function generateYear(hub: YearHub, seed: number, count: number, from: number, to: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const orgs = await hub.ctx.store.db.selectFrom('organisations').select(['id', 'name_en']).execute();
  const org = (en: string) => orgs.find((o) => o.name_en === en)?.id ?? '';
  const board = org('Sakura Board K.K.');
  const isp = org('Nihon Network Communications K.K.');
  const cafe = org('Manga Cafe Shinjuku');
  const desks = [
    { investigator: 'sato', head: 'tanaka' },
    { investigator: 'osaka', head: 'osaka.head' },
  ];
  const origin = demoOrigin(relyingPartyId());
  const steps: Step[] = [];
  let order = 0;
  const at = (ms: number, fn: () => Promise<void>) => steps.push({ at: ms, order: order++, run: fn });
  const act = async (login: string, id: string, body: Record<string, unknown>) => {
    const p = await hub.principal(login);
    // A provider answers from its own installation: signed with its installation key, sealed there.
    const own = hub.demo.installationKeys?.find((k) => k.organisationId === p.organisationId);
    if (body.action === 'answer' && own) {
      const keys = await run(hub.ctx, answerKeys, p, id);
      const sealed = await buildSealedAnswer({
        request: keys.request,
        answer: prepareAnswer(AnswerContentSchema.parse(body.answer), keys),
        answeredAt: hub.ctx.clock().toISOString(),
        unitKey: keys.unitKey,
        ownKey: keys.ownKey,
        signer: installationKeySigner(own.keyId, await demoInstallationSigner(own)),
      });
      await run(hub.ctx, transition, p, id, { action: 'answer', sealed });
      return;
    }
    await run(hub.ctx, transition, p, id, body);
  };

  for (let i = 0; i < count; i++) {
    const t0 = from + Math.floor(((to - from) * (i + r())) / count);
    const desk = pick(desks);
    const roll = r();
    type Plan = { content: Record<string, unknown>; staff: string; mlat?: boolean; preservation?: boolean };
    let plan: Plan;
    if (roll < 0.4) {
      const categories = pick([['subscriber'], ['subscriber', 'access_log'], ['access_log']]);
      const two = r() < 0.3;
      plan = {
        staff: 'board.legal',
        content: {
          kind: 'inquiry',
          providerOrganisationId: board,
          ...base,
          targets: two
            ? [
                { type: 'account', id: `user-${i}a`, service: 'sakura-board' },
                { type: 'account', id: `user-${i}b`, service: 'sakura-board' },
              ]
            : [{ type: 'url', url: `https://sakura-board.example/thread/${i}#res-1`, postId: `${i}-1` }],
          categories,
        },
      };
    } else if (roll < 0.55) {
      plan = {
        staff: 'isp.legal',
        content: {
          kind: 'inquiry',
          providerOrganisationId: isp,
          ...base,
          targets: [{ type: 'email', address: `user${i}@nihon-net.example` }],
          categories: ['subscriber'],
        },
      };
    } else if (roll < 0.68) {
      plan = {
        staff: 'isp.legal',
        preservation: true,
        content: {
          kind: 'preservation',
          providerOrganisationId: isp,
          ...base,
          targets: [
            { type: 'ip', address: '203.0.113.7', port: 40000 + i, at: jst(t0 - 2 * DAY), toleranceSeconds: 1 },
          ],
          categories: ['access_log'],
          preservation: { days: 30 },
        },
      };
    } else if (roll < 0.8) {
      plan = {
        staff: 'board.legal',
        content: {
          kind: 'emergency',
          providerOrganisationId: board,
          caseReference: `緊急 令和7年 第${i}号`,
          offence: '自殺予告（人命救助）',
          facts: '今夜命を絶つ旨の具体的な書き込み。',
          necessity: '生命に対する差し迫った危険を避けるため。',
          targets: [{ type: 'url', url: `https://sakura-board.example/thread/e${i}#res-2`, postId: `e${i}-2` }],
          categories: ['subscriber', 'access_log'],
          emergency: {
            basis: 'suicide_notice',
            conditions: { imminent: true, realistic: true, intentExpressed: true, notJokeOrFiction: true },
            statement: '時期・方法が具体的。',
          },
        },
      };
    } else if (roll < 0.95) {
      plan = {
        staff: 'cafe.staff',
        content: {
          kind: 'cafe_records',
          providerOrganisationId: cafe,
          ...base,
          targets: [{ type: 'terminal', terminal: `A-${i}`, from: jst(t0 - 3 * DAY), to: jst(t0 - 3 * DAY + HOUR) }],
          categories: ['subscriber', 'access_log'],
        },
      };
    } else {
      plan = {
        staff: '',
        mlat: true,
        content: {
          kind: 'mlat',
          ...base,
          targets: [{ type: 'account', id: `foreign-${i}`, service: 'example-social.com' }],
          categories: ['subscriber'],
          mlat: DEMO_US_MLAT,
        },
      };
    }

    let id = '';
    const content = plan.content;
    const categories = content.categories as string[];
    const targets = content.targets as unknown[];
    at(t0, async () => {
      const d = await run(hub.ctx, createDraft, await hub.principal(desk.investigator), { content });
      id = d.id;
      await act(desk.investigator, id, { action: 'submit' });
    });
    const approvedAt = t0 + Math.floor(r() * 4 * HOUR) + 10 * 60_000;
    at(approvedAt, async () => {
      const head = await hub.principal(desk.head);
      const { digest } = await run(hub.ctx, signingPreview, head, id);
      // The unit head signs on their own device: the demo's software passkey, as the seed does.
      const passkey = hub.demo.authenticators?.[desk.head];
      const assertion = passkey ? { assertion: softAssert(passkey, challengeOf(digest), origin) } : {};
      await act(desk.head, id, { action: 'approve', digest, ...assertion });
    });
    if (plan.mlat) {
      if (r() < 0.7) at(approvedAt + 20 * DAY, () => act(desk.investigator, id, { action: 'close' }));
      continue;
    }
    const emergency = content.kind === 'emergency';
    // How long the provider takes: hours for an emergency, up to a month otherwise (some late).
    const took = emergency ? Math.floor(r() * 5 * HOUR) + 5 * 60_000 : Math.floor(r() ** 2 * 30 * DAY) + HOUR;
    const reviewAt = approvedAt + Math.floor(took / 3);
    const doneAt = approvedAt + took;
    const item = (index: number) =>
      plan.preservation
        ? { targetIndex: index, result: 'found', preservedUntil: iso(doneAt + 30 * DAY) }
        : categories.includes('subscriber')
          ? { targetIndex: index, result: 'found', subscriber: { account: `subscriber-${i}-${index}` } }
          : { targetIndex: index, result: 'found', accessLog: [{ at: iso(t0 - 2 * DAY), address: '203.0.113.7' }] };
    const answer = (partial: boolean) => ({
      outcome: partial ? 'partial' : 'full',
      items: partial ? [item(0)] : targets.map((_, k) => item(k)),
    });
    const fate = r();
    if (emergency) {
      if (fate < 0.85) at(doneAt, () => act(plan.staff, id, { action: 'answer', answer: answer(false) }));
      else if (fate < 0.95) {
        at(reviewAt, () => act(plan.staff, id, { action: 'start_review' }));
        at(doneAt, () => act(plan.staff, id, { action: 'decline', reason: 'no_data' }));
      }
      continue;
    }
    if (fate < 0.08) {
      at(reviewAt, () => act(desk.investigator, id, { action: 'withdraw', reason: '被疑者が特定されたため' }));
      continue;
    }
    if (fate < 0.2) continue; // left as received: pending, overdue once its deadline passes
    at(reviewAt, () => act(plan.staff, id, { action: 'start_review' }));
    if (fate < 0.3) continue; // under review
    if (fate < 0.42) {
      const askAt = reviewAt + Math.floor((doneAt - reviewAt) / 3);
      at(askAt, () =>
        act(plan.staff, id, { action: 'request_clarification', message: '対象期間を確認させてください。' }),
      );
      if (r() < 0.3) continue; // the agency has not replied yet
      at(askAt + HOUR, async () => {
        await act(desk.investigator, id, { action: 'clarify', message: '記載のとおりです。' });
        await act(plan.staff, id, { action: 'start_review' });
      });
    }
    if (fate < 0.62) {
      const reason = pick(['no_data', 'not_our_customer', 'out_of_scope', 'retention_expired', 'needs_warrant']);
      at(doneAt, () => act(plan.staff, id, { action: 'decline', reason }));
    } else {
      const partial = targets.length > 1 && r() < 0.6;
      at(doneAt, () => act(plan.staff, id, { action: 'answer', answer: answer(partial) }));
    }
    if (r() < 0.4) at(doneAt + 2 * DAY, () => act(desk.investigator, id, { action: 'close' }));
  }

  steps.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const s of steps) {
    hub.setNow(s.at);
    await s.run();
  }
  return steps.length;
}
