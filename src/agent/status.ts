import type { Caller, Principal } from '../domain/access.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { countAgentRequests, countEndedAtHub, countRefusals, listRefusals, refusedSends } from './agent.repository.ts';
import { type HeldHereRow, heldHereRows } from './held-here.ts';
import { pinnedDirectory } from './intake.ts';
import { type OwnKeysWatch, ownKeysWatch } from './keys-monitor.ts';
import { type ForeignNetworks, foreignNetworks } from './networks-monitor.ts';
import { waitingIds } from './not-given.ts';
import type { NotGivenWaiting } from './not-given-texts.ts';
import { type PinRefusal, pinConfirmation, pinRefusal } from './pin-extension.ts';
import { type SendRefusal, sendRefusalOf } from './send-refusal.ts';

// The installation's status (the status page, `shokai agent status`): counts per state, requests the hub
// says ended since they were taken in, refusals and the pin — no personal data of a request or a
// subscriber. The keys in the provider's own name say a person by the name the hub gives its own people.

export interface AgentStatus {
  states: Record<string, number>;
  /** Requests the hub says were withdrawn or closed since they were taken in (kept here). */
  endedAtHub: number;
  refused: number;
  recentRefusals: Array<{ requestId: string; reason: string; at: string; source: string }>;
  /** Approved answers and declines the hub refuses to take: each with the hub's words (needs a person). */
  sendRefused: Array<{ requestId: string; reference: string; refusal: SendRefusal; lastAttemptAt: string }>;
  /** Approved answers this installation holds itself until a call-back is recorded here (./held-here.ts). */
  heldHere: HeldHereRow[];
  /** Listed ids the hub gave no envelope for that wait: passed over (404/410) or tried again later (./not-given.ts). */
  notGiven: NotGivenWaiting;
  /** The hub's log refused as not extending the pin, while it lasts: nothing new is taken in. */
  pinRefused: PinRefusal | null;
  /**
   * The pin: its size and the instant its head was signed, and when it was last confirmed as the hub's
   * whole log by a pull (null: not since it was pinned). Null when nothing is pinned.
   */
  pin: { size: number; headAt: string; confirmedAt: string | null } | null;
  /** `networks` entries in the provider's own name this installation did not sign (./networks-monitor.ts). */
  foreignNetworks: ForeignNetworks[];
  /** The keys in the provider's own name in the pin and what its people said of them (./keys-monitor.ts). */
  ownKeys: OwnKeysWatch | null;
}

/** What the status page shows: counts and refusals (no personal data). */
export async function agentStatus(uow: UnitOfWork, _p: Principal | Caller): Promise<AgentStatus> {
  const states: Record<string, number> = {};
  for (const c of await countAgentRequests(uow.tx)) states[c.state] = c.n;
  const recent = await listRefusals(uow.tx, 20);
  const pinned = await pinnedDirectory(uow);
  const confirmed = pinned ? await pinConfirmation(uow.tx, pinned) : null;
  return {
    states,
    endedAtHub: await countEndedAtHub(uow.tx),
    refused: await countRefusals(uow.tx),
    sendRefused: (await refusedSends(uow.tx, 50)).flatMap((r) => {
      const refusal = sendRefusalOf(r);
      return refusal ? [{ requestId: r.request_id, reference: r.reference, refusal, lastAttemptAt: r.updated_at }] : [];
    }),
    heldHere: await heldHereRows(uow),
    notGiven: await waitingIds(uow.tx, pinned?.head.size ?? 0, uow.now),
    pinRefused: await pinRefusal(uow.tx),
    foreignNetworks: await foreignNetworks(uow.tx),
    ownKeys: await ownKeysWatch(uow, pinned),
    pin: pinned ? { size: pinned.head.size, headAt: pinned.head.at, confirmedAt: confirmed?.at ?? null } : null,
    recentRefusals: recent.map((r) => ({
      requestId: r.request_id,
      reason: r.reason,
      at: r.refused_at,
      source: r.source,
    })),
  };
}
