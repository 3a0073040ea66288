import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ApiError, type Schemas, unwrap } from '../client/client.ts';
import { sealSignedNotice } from '../client/provision-notice-seal.ts';
import { importDirectory } from '../directory/transparency.ts';
import { type Principal, requirePermission, SYSTEM_CALLER } from '../domain/access.ts';
import {
  ANCILLARY_ORDER_PURPOSES,
  type AncillaryOrderPayload,
  ancillaryOrderVerifies,
  PROVISION_PLAN_FORM,
  provisionPlanDigest,
} from '../domain/ancillary-order.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { DIRECTORY_REFUSALS, type DirectoryExport, directoryKeys } from '../domain/pinned-directory.ts';
import { pinnedJudgeGrants, pinnedJudgeRefusal } from '../domain/pinned-judges.ts';
import { ignoredSinceInForce, routableDeclarations } from '../domain/pinned-networks-routing.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { ownerSignatureProblem } from '../domain/verification.ts';
import type { AuditAction, Bilingual } from '../domain/vocabulary.ts';
import { buildProviderJoin, type ProviderNetworkDeclaration } from '../evidence/registry/provider-join.ts';
import { type PostLogCommunications, postLogCommunications } from '../holders/post-communications.ts';
import { inTransaction, run, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { HEADER_SYNTAX, parseAddress } from '../net/address.ts';
import { fetchDirectory, type HubLink } from './hub.ts';
import { pinnedDirectory } from './intake.ts';
import { monitorOwnName } from './own-monitors.ts';
import { extendPin } from './pin-extension.ts';
import { type CarryOutCommunication, CarryOutInput, PreviewInput } from './provision-lines.ts';
import { KEY_MISSING, PLAN_CHANGED, REFUSALS, VERIFIED } from './provision-words.ts';
import type { AgentRuntime } from './runner.ts';
import { currentKeyIn } from './seal.ts';

// A provision order (提供命令, art. 15(1)) carried out on the content provider's own installation. The
// orders addressed to the provider come from the hub's API (the typed client); each is checked here —
// what the judge signed, against the PINNED directory's key, never the hub's word — before anything is
// read. A reviewer asks for the communications its own post log recorded for the order's posts, keeps
// or removes them and adds any, and confirms. The installation then finds each communication's access
// provider from the providers' declared networks in its pinned directory (the hub learns no address,
// and cannot steer a notice with a range that is not in the signed, append-only log), seals each
// access provider's notice to that access provider's key as the pinned directory lists it, and hands
// the hub the boxes: the hub stores ciphertext and the access providers' names, never an address.

export type HubOrder = Schemas['AncillaryOrder'];

export interface AgentProvisionOrder {
  order: HubOrder;
  /** The check of the judge's signature against the pinned directory, in words. */
  verified: boolean;
  why: Bilingual;
  /** What the judge signed (the posts the order concerns), when it verified. */
  attested: AncillaryOrderPayload | null;
  /** Whether a reviewer may carry it out now (verified, issued, not yet carried out). */
  open: boolean;
}

type CarryOut = z.infer<typeof CarryOutInput>;

/** Why the order does not verify against the pinned directory, or null when it does. */
function refusal(o: HubOrder, dir: DirectoryExport, organisationId: string): keyof typeof REFUSALS | null {
  const a = o.attested;
  if (!a || !o.order) return 'not_issued';
  if (a.purpose !== ANCILLARY_ORDER_PURPOSES.provision || a.providerOrganisationId !== organisationId)
    return 'not_ours';
  const shown = [o.order.caseNumber, o.order.orderedAt, o.order.content, o.court.id, o.lawOffice.id];
  const signed = [a.caseNumber, a.orderedAt, a.content, a.courtOrganisationId, a.lawOfficeOrganisationId];
  if (shown.some((v, i) => v !== signed[i])) return 'altered';
  const key = directoryKeys(dir).get(o.order.attestation.keyId);
  if (!key) return 'unknown_key';
  const payload = a as AncillaryOrderPayload;
  const ok = ancillaryOrderVerifies(
    payload,
    o.order.attestation,
    key,
    (k, d, s) => ownerSignatureProblem(k, d, s) === null,
  );
  if (!ok) return 'signature';
  return pinnedJudgeRefusal(pinnedJudgeGrants(dir.entries), key, a.courtOrganisationId, a.orderedAt, dir.head.at);
}

function requireHub(rt: AgentRuntime): HubLink {
  if (rt.hub) return rt.hub;
  throw new DomainError('CONFLICT', {
    ja: '提供命令はハブに接続しているときだけ扱えます（ファイル連携では扱えません）',
    en: 'provision orders are handled only online (not in file mode)',
  });
}

const notPinned = () =>
  new DomainError('CONFLICT', {
    ja: 'ディレクトリが固定されていません（shokai agent pin）',
    en: 'no directory is pinned (shokai agent pin)',
  });

async function pin(rt: AgentRuntime): Promise<DirectoryExport> {
  const dir = await inTransaction(rt.ctx, (uow) => pinnedDirectory(uow));
  if (dir) return dir;
  throw notPinned();
}

/** The provision orders addressed to this provider at the hub, each checked against the pinned directory. */
export async function provisionOrders(rt: AgentRuntime, p: Principal): Promise<AgentProvisionOrder[]> {
  requirePermission(p, 'request.answer');
  const hub = requireHub(rt);
  const listed = await unwrap(hub.api.GET('/v1/ancillary-orders', {}));
  const mine = listed.items.filter((o) => o.type === 'provision' && o.side === 'provider');
  let dir = await pin(rt);
  // A judge's key or grant newer than the pin: take the hub's directory only if it extends the pinned one.
  const newer = new Set(['unknown_key', 'judge_newer', 'judges_unpinned']);
  if (mine.some((o) => newer.has(refusal(o, dir, rt.organisationId) ?? ''))) {
    await run(rt.ctx, importDirectory, SYSTEM_CALLER, await fetchDirectory(hub));
    dir = await pin(rt);
  }
  return mine.map((order) => {
    const why = refusal(order, dir, rt.organisationId);
    return {
      order,
      verified: why === null,
      why: why === null ? VERIFIED : REFUSALS[why],
      attested: why === null ? (order.attested as AncillaryOrderPayload) : null,
      open: why === null && order.state === 'issued' && order.provision === null,
    };
  });
}

/** One order, checked; NOT_FOUND when the hub does not list it for this provider. */
export async function provisionOrder(rt: AgentRuntime, p: Principal, id: string): Promise<AgentProvisionOrder> {
  const found = (await provisionOrders(rt, p)).find((o) => o.order.id === id);
  if (found) return found;
  throw new DomainError(
    'NOT_FOUND',
    { ja: `提供命令 ${shownInput(id)} はありません`, en: `provision order ${shownInput(id)} does not exist` },
    { field: 'id', value: id },
  );
}

function requireOpen(o: AgentProvisionOrder): AncillaryOrderPayload {
  if (!o.verified || !o.attested) {
    throw new DomainError('SIGNATURE_INVALID', o.why, {
      field: 'attestation',
      value: o.order.order?.attestation.keyId,
    });
  }
  if (!o.open) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja: `提供命令 ${o.order.reference} は履行済みか、効力がありません`,
        en: `provision order ${o.order.reference} is carried out or no longer in force`,
      },
      { field: 'state', value: o.order.state },
    );
  }
  return o.attested;
}

/**
 * What this installation's post log holds for the posts the judge signed (a read of personal data, each
 * post audited in the installation's log by the reviewer who asked).
 */
export async function offerFromPostLog(rt: AgentRuntime, p: Principal, id: string): Promise<PostLogCommunications> {
  const o = await provisionOrder(rt, p, id);
  const signed = requireOpen(o);
  return run(rt.ctx, postLogCommunications, p, signed.targets, { reference: o.order.reference });
}

/** A communication and the access provider it will be sealed to, named from the PINNED directory. */
export interface PlannedCommunication extends CarryOutCommunication {
  accessProvider: { id: string; nameJa: string; nameEn: string } | null;
}
/**
 * A provider's declaration in the pin not routed by, newer than the one that is (or with none routed by):
 * unsigned or badly signed for a provider that declares from its installation (src/domain/pinned-networks-routing.ts).
 */
export interface IgnoredNetworks {
  organisationId: string;
  nameJa: string;
  nameEn: string;
  at: string;
  why: Bilingual;
}
/** What carrying out would send where, and its digest (the confirm form carries it; recomputed there). */
export interface ProvisionPlan {
  communications: PlannedCommunication[];
  digest: string;
  /** The pinned declarations ignored for routing, each with why (shown with the plan). */
  ignored: IgnoredNetworks[];
}

/**
 * The providers' declarations in the pin routed by, named from the pin's organisation entries, and those
 * ignored that are newer than the one routed by (a hub's declaration in the name of a provider that
 * signs its own is ignored, and said).
 */
function pinnedDeclarations(dir: DirectoryExport): {
  routed: ProviderNetworkDeclaration[];
  ignored: IgnoredNetworks[];
} {
  const providers = new Map<string, { nameJa: string; nameEn: string }>();
  for (const e of dir.entries) if (e.type === 'organisation' && e.kind === 'provider') providers.set(e.id, e);
  const { inForce, ignored } = routableDeclarations(dir.entries);
  const routed = [...inForce.values()].flatMap(({ organisationId, cidrs, asns, domains }) => {
    const org = providers.get(organisationId);
    return org ? [{ organisationId, nameJa: org.nameJa, nameEn: org.nameEn, cidrs, asns, domains }] : [];
  });
  return {
    routed,
    ignored: ignoredSinceInForce(inForce, ignored).flatMap(({ organisationId, at, why }) => {
      const org = providers.get(organisationId);
      return org ? [{ organisationId, nameJa: org.nameJa, nameEn: org.nameEn, at, why }] : [];
    }),
  };
}

/**
 * The pin, first extended to the hub's log (so a declaration made since counts); a log that does not
 * extend the pin is refused and nothing is sent. The pin used is the one the extension checked and left
 * in force (not read and parsed again).
 */
async function extendedPin(rt: AgentRuntime, hub: HubLink): Promise<DirectoryExport> {
  const { refused, pinned } = await extendPin(rt.ctx, hub);
  await monitorOwnName(rt.ctx, rt.organisationId, rt.signer, pinned);
  if (pinned) return pinned;
  if (!refused) throw notPinned();
  const why = DIRECTORY_REFUSALS[refused];
  throw new DomainError(
    'CONFLICT',
    { ja: `${why.ja}。何も送っていません`, en: `${why.en}: nothing was sent` },
    { field: 'directory', reason: refused },
  );
}

/**
 * Each communication's access provider, from the declared networks in the PINNED directory (a signed,
 * append-only log, extended first; never the hub's unsigned list), named and keyed only from the pin;
 * the own organisation and unmatched ones go nowhere.
 */
async function planOf(
  rt: AgentRuntime,
  hub: HubLink,
  order: { id: string; reference: string; signed: AncillaryOrderPayload },
  communications: CarryOutCommunication[],
) {
  const dir = await extendedPin(rt, hub);
  const { routed, ignored } = pinnedDeclarations(dir);
  const join = buildProviderJoin(routed);
  const planned = communications.map((c): PlannedCommunication => {
    const address = parseAddress(c.address, HEADER_SYNTAX);
    const match = address ? join(address, { country: null, asns: [], domains: [], known: false }) : null;
    const holder = match?.verdict === 'provider' ? match.organisationId : null;
    if (!holder || holder === rt.organisationId) return { ...c, accessProvider: null };
    const org = dir.entries.findLast((e) => e.type === 'organisation' && e.id === holder);
    if (org?.type !== 'organisation' || !currentKeyIn(dir, 'organisation', holder, rt.ctx.clock())) {
      throw new DomainError('KEY_UNKNOWN', KEY_MISSING, { field: 'accessProvider', value: holder });
    }
    return { ...c, accessProvider: { id: holder, nameJa: org.nameJa, nameEn: org.nameEn } };
  });
  const digest = provisionPlanDigest(
    order,
    planned.map((c) => ({ ...c, accessProviderId: c.accessProvider?.id ?? null })),
  );
  return { plan: { communications: planned, digest, ignored } satisfies ProvisionPlan, dir };
}

/** The preview the reviewer confirms: where each communication would be sealed to. Nothing is sent. */
export async function previewOrder(rt: AgentRuntime, p: Principal, id: string, raw: unknown): Promise<ProvisionPlan> {
  requirePermission(p, 'request.answer');
  const input = parseOrThrow(PreviewInput, raw);
  return (await plannedOrder(rt, p, id, input.communications)).plan;
}

/**
 * The open order the reviewer acts on and its plan for the communications given: one computation for the
 * preview and the carrying out, whose digest must be the one the reviewer confirmed.
 */
async function plannedOrder(rt: AgentRuntime, p: Principal, id: string, communications: CarryOutCommunication[]) {
  const hub = requireHub(rt);
  const o = await provisionOrder(rt, p, id);
  const signed = requireOpen(o);
  const order = { id: o.order.id, reference: o.order.reference, signed };
  return { hub, o, ...(await planOf(rt, hub, order, communications)) };
}

/**
 * The reviewer confirms the plan previewed: the plan computed again, refused (nothing sent) unless it is
 * the one confirmed; then the order received at the hub (once), one notice per access provider of the
 * plan sealed here to its key in the pinned directory, the boxes handed to the hub. Audited in the
 * installation's log with the access providers and the counts, never an address: the intent (with the
 * notices' ids) before the hub is asked anything, the outcome after.
 */
export async function carryOutOrder(rt: AgentRuntime, p: Principal, id: string, raw: unknown): Promise<HubOrder> {
  requirePermission(p, 'request.answer');
  const input = parseOrThrow(CarryOutInput, raw);
  const { hub, o, plan, dir } = await plannedOrder(rt, p, id, input.communications);
  if (plan.digest !== input.plan) {
    throw new DomainError('CONFLICT', PLAN_CHANGED, { field: 'plan', value: plan.digest });
  }
  const byHolder = new Map<string, CarryOutCommunication[]>();
  for (const { accessProvider, ...c } of plan.communications) {
    if (accessProvider) byHolder.set(accessProvider.id, [...(byHolder.get(accessProvider.id) ?? []), c]);
  }
  const notices: Schemas['ProvideSealedUnderOrder']['notices'] = [];
  for (const [holder, communications] of byHolder) {
    const key = currentKeyIn(dir, 'organisation', holder, rt.ctx.clock());
    if (!key) throw new DomainError('KEY_UNKNOWN', KEY_MISSING, { field: 'accessProvider', value: holder });
    const noticeId = `prov_${randomUUID()}`;
    // Signed here with the installation key, as its answers are: only then does the access provider take it.
    const sealed = await sealSignedNotice(rt.signer, key, {
      ...{ noticeId, orderId: o.order.id, orderReference: o.order.reference },
      contentProviderOrganisationId: rt.organisationId,
      accessProviderOrganisationId: holder,
      signedAt: rt.ctx.clock().toISOString(),
      communications,
    });
    notices.push({ id: noticeId, accessProviderOrganisationId: holder, communications: communications.length, sealed });
  }
  const audited = {
    reference: o.order.reference,
    accessProviders: [...byHolder.keys()],
    communications: input.communications.length,
    notices: notices.map((n) => n.id),
    plan: plan.digest,
    planForm: PROVISION_PLAN_FORM,
  };
  const audit = (action: AuditAction, details: Record<string, unknown>) =>
    run(rt.ctx, (uow: UnitOfWork) => uow.auditBy(p, action, ['ancillary_order', id], details));
  // The intent first, committed before the hub is asked anything: if this fails, nothing is sent; once
  // the hub holds the order carried out, the installation's log shows the notices it was sent.
  await audit('agent.provision_carrying_out', audited);
  const path = { params: { path: { id } } };
  let done: HubOrder;
  try {
    if (!o.order.receivedAt) await unwrap(hub.api.POST('/v1/ancillary-orders/{id}/receive', path));
    done = await unwrap(hub.api.POST('/v1/ancillary-orders/{id}/provide-sealed', { ...path, body: { notices } }));
  } catch (err) {
    // The outcome: a refusal the hub gave (a 4xx: not carried out there) or none (no answer, or a 5xx: a
    // proxy's 502/504, the hub failing after its commit): the hub may hold it carried out, its order says.
    // A failure to record this leaves the intent standing.
    const status = err instanceof ApiError ? err.status : null;
    await audit('agent.provision_unconfirmed', {
      reference: o.order.reference,
      notices: audited.notices,
      hubAnswered: hubRefused(status),
      status,
      code: err instanceof ApiError ? err.code : 'INTERNAL',
    }).catch(() => undefined);
    throw err;
  }
  await audit('agent.provision_carried_out', audited);
  return done;
}

/** Whether an HTTP status is the hub's refusal (4xx), after which the hub holds nothing of the call. */
const hubRefused = (status: number | null): boolean => status !== null && status >= 400 && status < 500;

/** Carries out the plan confirmed or, if it changed since the preview (refused, nothing sent), previews again. */
export async function carryOutOrPreview(rt: AgentRuntime, p: Principal, id: string, input: CarryOut) {
  try {
    return { done: await carryOutOrder(rt, p, id, input), changed: null };
  } catch (err) {
    if (!(isDomainError(err) && err.code === 'CONFLICT' && err.details?.field === 'plan')) throw err;
    return { done: null, changed: await previewOrder(rt, p, id, { communications: input.communications }) };
  }
}
