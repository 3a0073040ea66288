import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { unpackOwnerSignature } from './attestation.ts';
import { courtOrderStatus } from './disclosure-order.ts';
import { type SignedEnvelope, SignedEnvelopeSchema } from './envelope.ts';
import { intakeContentProblem } from './intake-content-rules.ts';
import { SET_ASIDE_SIGNATURE_NOTES, setAsideOf, setAsideRefusal, setAsideSignature } from './order-set-aside.ts';
import {
  type DirectoryExport,
  directoryKeys,
  OFFLINE_REFUSALS,
  type OfflineRefusal,
  verifyEnvelopeOffline,
} from './pinned-directory.ts';
import { JUDGE_REFUSALS, type JudgeRefusal, pinnedJudgeGrants, pinnedJudgeRefusal } from './pinned-judges.ts';
import { lookalikeGuardDomains } from './pinned-networks-routing.ts';
import { type RequestContent, RequestContentSchema } from './request-content.ts';
import { anyNonAsciiHost, knownLookalikeProblem, misleadingTargetProblem } from './targets.ts';
import { ownerSignatureVerifies, warrantAttestationVerifies } from './verification.ts';
import type { Bilingual, ProviderCategory } from './vocabulary.ts';

// What a provider's own installation checks of an envelope before anything else sees it: the envelope
// is well formed, it verifies against the PINNED directory (never against what the hub says now: keys,
// signatures, and the approver's authority then), it is addressed to this provider, a warrant carries
// the court's attestation (its key in the same pinned directory), its content parses and meets the hub's
// content rules at its signed issue time (./intake-content-rules.ts). Only then is it stored and handed
// on to prepare an answer.

export const AGENT_REFUSALS = {
  ...OFFLINE_REFUSALS,
  ...JUDGE_REFUSALS,
  not_pinned: {
    ja: 'ハブのディレクトリが固定されていません（shokai directory import で固定してください）',
    en: 'no hub directory is pinned (pin one with shokai directory import)',
  },
  malformed_envelope: { ja: 'エンベロープの形式が不正です', en: 'the envelope is malformed' },
  addressee: {
    ja: 'この要請は当事業者宛てではありません',
    en: 'this request is not addressed to this provider',
  },
  attestation: {
    ja: '令状の裁判所による証明が固定済みディレクトリに照らして検証できません',
    en: "the court's attestation of the warrant does not verify against the pinned directory",
  },
  content: { ja: '要請の内容が読み取れません', en: 'the content of the request cannot be read' },
  mismatch: {
    ja: 'ハブが示す要請とエンベロープの要請が一致しません',
    en: 'the envelope is not the one of the request the hub listed',
  },
  replay: {
    ja: '同じ要請に対して別のエンベロープが届きました（再送・すり替えの疑い）',
    en: 'another envelope arrived for a request already received (replay or substitution)',
  },
  warrant_expired: {
    ja: '令状の有効期間が、要請の発出より前に終わっています',
    en: 'the warrant had expired before the request was issued',
  },
  warrant_used: {
    ja: 'この令状は既に別の要請で受け付けています（令状は一度しか執行できません）',
    en: 'this warrant was already received with another request (a warrant is executed once)',
  },
  target_future: {
    ja:
      '対象の日時が要請の発出より後（未来）です。まだ記録のない日時で、年・月・日の打ち間違いなら' +
      '別の日の利用者を特定してしまいます',
    en:
      "a target's time is later than the request was issued: nothing was recorded then, and a mistyped " +
      "year, month or day would name another day's user",
  },
  content_rule: {
    ja: '要請の内容が、ハブが発出時に確かめる規則を満たしていません（発出の時点で判断）',
    en: 'the content of the request breaks a rule the hub checks when it is issued (judged at its issue)',
  },
  order_set_aside: {
    ja: '要請が示す開示命令は異議の訴えにより取り消されています（固定済みディレクトリの記録）',
    en: 'the disclosure order the request presents was set aside on an objection suit (as the pinned directory logs)',
  },
} satisfies Record<string, Bilingual>;
export type AgentRefusal = keyof typeof AGENT_REFUSALS;

export type AgentIntakeVerdict =
  | { ok: true; envelope: SignedEnvelope; content: RequestContent; digest: string; message: Bilingual }
  | { ok: false; reason: AgentRefusal; message: Bilingual; detail?: Bilingual; field?: string; digest: string };

/** Whether the pinned log registers `id` as a court. */
export const isCourt = (dir: DirectoryExport, id: string): boolean =>
  dir.entries.some((e) => e.type === 'organisation' && e.id === id && e.kind === 'court');

/**
 * Whether the pin shows the owner of a judge's key (the signature over a warrant or an order, already
 * verified) as a judge of the court at `signedAt`: null, or why not (./pinned-judges.ts).
 */
function judgeRefusal(
  dir: DirectoryExport,
  keyId: string,
  courtOrganisationId: string,
  signedAt: string,
): JudgeRefusal | null {
  const key = directoryKeys(dir).get(keyId);
  if (!key) return 'not_judge';
  return pinnedJudgeRefusal(pinnedJudgeGrants(dir.entries), key, courtOrganisationId, signedAt, dir.head.at);
}

/** The digest of what arrived (canonical when it is JSON at all): what a refusal keeps instead of it. */
export function arrivedDigest(raw: unknown): string {
  try {
    return sha256Hex(canonicalJson(raw));
  } catch {
    return sha256Hex(String(raw));
  }
}

/**
 * Checks an envelope that arrived from a hub (pulled, or carried by file) against the pinned directory,
 * offline. `expectedRequestId` is the request the hub listed it under, when it came from a listing;
 * `providerCategory` the provider's own (its configuration's), for the civil stage rule.
 */
export function checkArrivedEnvelope(
  raw: unknown,
  dir: DirectoryExport | undefined,
  providerOrganisationId: string,
  now: Date,
  expectedRequestId?: string,
  providerCategory?: ProviderCategory,
): AgentIntakeVerdict {
  const digest = arrivedDigest(raw);
  const refuse = (reason: AgentRefusal, detail?: Bilingual, field?: string): AgentIntakeVerdict => ({
    ok: false,
    reason,
    message: AGENT_REFUSALS[reason],
    digest,
    ...(detail ? { detail } : {}),
    ...(field ? { field } : {}),
  });
  if (!dir) return refuse('not_pinned');
  const parsed = SignedEnvelopeSchema.safeParse(raw);
  if (!parsed.success) return refuse('malformed_envelope');
  const envelope = parsed.data;
  const p = envelope.payload;
  if (expectedRequestId !== undefined && p.requestId !== expectedRequestId) return refuse('mismatch');
  const offline = verifyEnvelopeOffline(envelope, dir, now);
  if (!offline.ok) return refuse(offline.reason as OfflineRefusal, offline.detail, offline.field);
  if (p.providerOrganisationId !== providerOrganisationId) return refuse('addressee');
  const content = RequestContentSchema.safeParse(p.content);
  if (!content.success || content.data.kind !== p.kind) return refuse('content');
  // What the reviewer sees is what was signed: a target holding a hidden or text-direction character, or a host
  // name that reads as another, is refused here as at the hub's approval, for the hub is not trusted to have run
  // that check.
  const hidden = content.data.targets.map((t, i) => misleadingTargetProblem(t, `targets.${i}`)).find((x) => x);
  if (hidden) return refuse('content', hidden.messages, String(hidden.details?.field ?? 'targets'));
  // A host that reads as a domain a provider declares in the pinned directory (signed, in force) without being it.
  // (Read only when a host holds a character outside ASCII: no ASCII name is compared.)
  if (anyNonAsciiHost(content.data.targets)) {
    const declared = lookalikeGuardDomains(dir.entries, providerOrganisationId);
    const lookalike = knownLookalikeProblem(content.data.targets, declared);
    if (lookalike) return refuse('content', lookalike.messages, String(lookalike.details?.field ?? 'targets'));
  }
  if (content.data.kind === 'warrant') {
    const w = content.data.warrant;
    const courtKey = directoryKeys(dir).get(w.attestation.keyId);
    const courtIsCourt = dir.entries.some(
      (e) => e.type === 'organisation' && e.id === w.courtOrganisationId && e.kind === 'court',
    );
    if (!warrantAttestationVerifies(content.data, p.agencyOrganisationId, courtKey, courtIsCourt)) {
      return refuse('attestation');
    }
    // Signed with a person's own credential: that person must have been a judge of the court then. (An
    // attestation by the court's own key, from before judges signed themselves, names no person.)
    if (unpackOwnerSignature(w.attestation.signature)) {
      const judge = judgeRefusal(dir, w.attestation.keyId, w.courtOrganisationId, w.issuedAt);
      const which = { ja: `令状（${w.warrantNumber}）`, en: `the warrant (${w.warrantNumber})` };
      if (judge) return refuse(judge, which, 'warrant.attestation');
    }
    // The hub refuses a request issued at or after the warrant's end; the installation does not take its
    // word for it. (The court's attestation covers the validity; the approver's signature the issue time.)
    if (Date.parse(w.validUntil) <= Date.parse(p.issuedAt)) {
      return refuse(
        'warrant_expired',
        {
          ja: `令状（${w.warrantNumber}）の有効期間は ${w.validUntil} まで、要請の発出は ${p.issuedAt} です`,
          en:
            `the warrant (${w.warrantNumber}) was valid until ${w.validUntil}; ` +
            `the request was issued at ${p.issuedAt}`,
        },
        'warrant.validUntil',
      );
    }
  }
  // A civil request presenting an order the judge signed in the system: the signature must verify
  // against the pinned directory too (a hand-entered order has none, and is shown unverified).
  if (content.data.kind === 'civil_disclosure' && content.data.civil.courtOrder?.attestation) {
    const order = content.data.civil.courtOrder;
    const judgeKey = directoryKeys(dir).get(order.attestation?.keyId ?? '');
    const courtIsCourt = dir.entries.some(
      (e) => e.type === 'organisation' && e.id === order.courtOrganisationId && e.kind === 'court',
    );
    const status = courtOrderStatus(
      content.data,
      p.agencyOrganisationId,
      judgeKey,
      courtIsCourt,
      ownerSignatureVerifies,
    );
    if (status !== 'verified') {
      return refuse('attestation', {
        ja: `開示命令（${order.caseNumber}）の裁判官の署名が固定済みディレクトリに照らして検証できません`,
        en:
          `the judge's signature over the disclosure order ` +
          `(${order.caseNumber}) does not verify against the pinned directory`,
      });
    }
    const judge = judgeRefusal(dir, order.attestation?.keyId ?? '', order.courtOrganisationId, order.orderedAt);
    if (judge) {
      const which = { ja: `開示命令（${order.caseNumber}）`, en: `the disclosure order (${order.caseNumber})` };
      return refuse(judge, which, 'civil.courtOrder.attestation');
    }
  }
  // The hub's content rules, at the signed issue time: the hub is not trusted to have run them.
  const self = dir.entries.find((e) => e.type === 'organisation' && e.id === providerOrganisationId);
  const names =
    self?.type === 'organisation' ? self : { nameJa: providerOrganisationId, nameEn: providerOrganisationId };
  const rule = intakeContentProblem(content.data, p, { nameJa: names.nameJa, nameEn: names.nameEn, providerCategory });
  if (rule) return refuse(rule.reason, rule.detail, rule.field);
  // An order the court set aside on an objection suit, as the pinned log publishes it: refused with the
  // words the hub uses, whether or not the order was signed in the system (its digest is the same).
  // Refused signed or not (declining to disclose is the safe side); the detail says whether the judge's
  // signature over the set-aside verifies against the pinned keys.
  const setAside = setAsideOf(dir.entries, content.data, p.agencyOrganisationId);
  if (setAside) {
    const why = setAsideRefusal(content.data, setAside);
    const signed = setAsideSignature(
      setAside,
      directoryKeys(dir),
      isCourt(dir, setAside.courtOrganisationId),
      ownerSignatureVerifies,
    );
    const detail = SET_ASIDE_SIGNATURE_NOTES[signed];
    return { ok: false, reason: 'order_set_aside', message: why, detail, digest, field: 'civil.courtOrder' };
  }
  return { ok: true, envelope, content: content.data, digest, message: offline.message };
}
