import type { AnswerSigner } from '../client/answer-seal.ts';
import { openSealedNotice } from '../client/custody.ts';
import { signedNoticesOf } from '../client/provision-notice-seal.ts';
import { ancillaryIssuePreview, issueAncillaryOrder } from '../court/ancillary-order-review.ts';
import { fileAncillaryOrder, receiveAncillaryOrder } from '../court/ancillary-orders.ts';
import { fileOrderApplication } from '../court/disclosure-orders.ts';
import { listProvisionNotices, notifyUnderOrder, sealedNoticeForDevice } from '../court/provision.ts';
import { provideUnderOrder, provisionPreview } from '../court/provision-pages.ts';
import type { Principal } from '../domain/access.ts';
import { custodyState } from '../exchange/custody.ts';
import { markCompromised } from '../exchange/custody-compromise.ts';
import { rotateCustody } from '../exchange/custody-keys.ts';
import type { AppContext } from '../kernel/context.ts';
import { run } from '../kernel/unit-of-work.ts';
import { type DemoDevice, demoCustodyKey, importDemoDevice } from './custody.ts';
import type { SoftAssertion } from './soft-authenticator.ts';

// DEMO ONLY. The reseller (MVNO) of the demo and what reaches it (docs/decisions.md, "A chain of provision
// orders down to a reseller" and "Re-sealing after a compromised custody key"), through the real services:
// the lawyer's provision order against the board names the ISP; in the case against the ISP a second order
// is carried out from the notice the ISP received, naming the reseller from the ISP's records; the lawyer
// notifies it with the case against the reseller, whose desk then holds the communications. The desk then
// lost a machine (removed, the key rotated) and found the earlier key compromised: the notice is left to
// seal again.

/** The reseller of the demo: an MVNO on the ISP's lines (a fictitious name). */
export const DEMO_RESELLER = {
  kind: 'provider',
  nameJa: 'ひばりモバイル株式会社',
  nameEn: 'Hibari Mobile K.K.',
  isTelecomCarrier: true,
  providerCategory: 'mobile',
} as const;

/** Its own core network (documentation ranges): the lines it resells on the ISP's network are the ISP's. */
export const DEMO_RESELLER_NETWORKS = {
  cidrs: ['2001:db8:4000::/36'],
  asns: [64502],
  domains: ['hibari-mobile.example'],
};

/** The machine of the reseller's legal officer that was lost (removed, the key rotated). */
export const LOST_MACHINE_LABEL = 'hibari.legal 旧端末（紛失・デモ）';

/** The sender of the post, on a line the ISP wholesales to the reseller (an address of the ISP's network). */
const SENDER = { address: '203.0.113.164', port: 51234 };
const POST = 'https://sakura-board.example/thread/9120#res-7';

type Sign = (p: Principal, digest: string) => { assertion?: SoftAssertion };

export interface ChainParties {
  lawyer: Principal;
  judge: Principal;
  board: Principal;
  isp: Principal;
  sign: Sign;
  courtId: string;
  boardId: string;
  ispId: string;
  resellerId: string;
  /** The ISP's legal officer's demo machine: the ISP opens its notice there. */
  ispDevice: DemoDevice;
  /** When the sender posted (an instant with its offset). */
  postedAt: string;
}

/** The lawyer's disclosure-order case against `providerId` about the post: its id and reference. */
async function fileCase(ctx: AppContext, s: ChainParties, providerId: string, senderInformation: string[]) {
  return run(ctx, fileOrderApplication, s.lawyer, {
    courtOrganisationId: s.courtId,
    providerOrganisationId: providerId,
    caseReference: '甲野花子 発信者情報開示命令（当事務所 2026-民-044）',
    claimant: '甲野 花子',
    rights: ['honour'],
    rightsInfringed: '前科があるとの虚偽の摘示により、請求者の社会的評価が低下した。',
    purposes: ['damages'],
    senderInformation,
    targets: [{ type: 'url', url: POST }],
    facts: '掲示板「さくら掲示板」に、請求者の実名を挙げて虚偽の前科を摘示する書込みがなされた。',
    necessity: '損害賠償請求の相手方を特定するため、発信者の氏名及び住所の開示を受ける必要がある。',
  });
}

/** A provision order in the case `caseId`, issued by the judge with his passkey and received by `bound`. */
async function receivedOrder(ctx: AppContext, s: ChainParties, caseId: string, caseNumber: string, bound: Principal) {
  const applied = await run(ctx, fileAncillaryOrder, s.lawyer, caseId, {
    type: 'provision',
    reasons: '経由プロバイダの接続記録は短期間で消去される。回線の再販先の特定が必要である。',
  });
  const decision = {
    caseNumber,
    orderedAt: ctx.clock().toISOString(),
    content: '相手方は、申立人に対し、他の開示関係役務提供者の氏名等情報を提供せよ。',
  };
  const { digest } = await run(ctx, ancillaryIssuePreview, s.judge, applied.id, decision);
  await run(ctx, issueAncillaryOrder, s.judge, applied.id, { ...decision, ...s.sign(s.judge, digest) });
  return run(ctx, receiveAncillaryOrder, bound, applied.id);
}

/**
 * `p` carries out the order as in the pages: the notices previewed, each signed with `p`'s own passkey
 * (the provider holds its own key: the hub cannot sign in its name), then given with the communications.
 */
async function provideSigned(ctx: AppContext, s: ChainParties, p: Principal, orderId: string, body: object) {
  const plan = await run(ctx, provisionPreview, p, orderId, body);
  const passkey = plan.passkey;
  const signer: AnswerSigner | null = passkey && {
    keyId: passkey.keyId,
    async sign(_input, digest) {
      const { assertion: a } = s.sign(p, digest);
      if (!a) throw new Error(`demo: ${p.id} has no passkey to sign the provision notices with`);
      const { authenticatorData, clientDataJSON, signature } = a.response;
      return { signature, webauthn: { credentialId: a.id, authenticatorData, clientDataJSON } };
    },
  };
  return run(ctx, provideUnderOrder, p, orderId, { ...body, ...(await signedNoticesOf(plan, signer)) });
}

/** The chain board → ISP → reseller, carried until the reseller holds its notice. */
export async function seedProvisionChain(ctx: AppContext, s: ChainParties): Promise<void> {
  // (1) The board's order: its post's source is on the ISP's declared network, so the ISP is named.
  const boardCase = await fileCase(ctx, s, s.boardId, ['ip_and_port', 'timestamp']);
  const boardOrder = await receivedOrder(ctx, s, boardCase.id, '令和8年(発チ)第311号', s.board);
  await provideSigned(ctx, s, s.board, boardOrder.id, { communications: [{ ...SENDER, at: s.postedAt }] });
  const ispCase = await fileCase(ctx, s, s.ispId, ['ip_and_port', 'timestamp', 'name', 'address']);
  await run(ctx, notifyUnderOrder, s.lawyer, boardOrder.id, { applicationId: ispCase.id });

  // (2) In the case against the ISP: its order, carried out from the notice it opened on its machine,
  // naming the reseller its records show the line is resold to.
  const ispOrder = await receivedOrder(ctx, s, ispCase.id, '令和8年(発チ)第312号', s.isp);
  const notice = (await run(ctx, listProvisionNotices, s.isp)).find(
    (n) => n.applicationReference === ispCase.reference,
  );
  if (!notice) throw new Error('demo: the ISP received no provision notice');
  const sealed = await run(ctx, sealedNoticeForDevice, s.isp, notice.id, s.ispDevice.deviceId);
  const device = await importDemoDevice(s.ispDevice);
  // Used only with the board's signature inside checked, as the ISP's desk opens it.
  const { communications } = await openSealedNotice(sealed, device, { noticeId: notice.id, now: ctx.clock() });
  await provideSigned(ctx, s, s.isp, ispOrder.id, {
    noticeId: notice.id,
    communications: communications.map((c) => ({ ...c, accessProviderOrganisationId: s.resellerId })),
  });

  // (3) The lawyer learned only the reseller's name: the case against it releases its notice.
  const resellerCase = await fileCase(ctx, s, s.resellerId, ['name', 'address']);
  await run(ctx, notifyUnderOrder, s.lawyer, ispOrder.id, { applicationId: resellerCase.id });
}

/**
 * The reseller's desk lost a machine: the head removes it, rotating the key on his own machine (to the
 * devices that remain); later the earlier key is found compromised and marked. What was sealed to it
 * (the notice) is left to seal again, on a device that still holds it (the head's machine does).
 */
export async function seedCompromisedEarlierKey(
  ctx: AppContext,
  head: Principal,
  remaining: DemoDevice[],
  lost: DemoDevice,
): Promise<void> {
  const earlier = (await run(ctx, custodyState, head)).custodyKey;
  if (!earlier) throw new Error('demo: the reseller holds no custody key on devices');
  await run(ctx, rotateCustody, head, { ...(await demoCustodyKey(remaining)), removeDeviceIds: [lost.deviceId] });
  await run(ctx, markCompromised, head, { keyId: earlier.id });
}
