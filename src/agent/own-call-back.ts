import { subjectEntries } from '../audit/subject-entries.queries.ts';
import { firstPinnedSpans } from '../directory/first-pinned.ts';
import { youngCredentialReason } from '../domain/emergency.ts';
import { SignedEnvelopeSchema } from '../domain/envelope.ts';
import type { DirectoryExport } from '../domain/pinned-directory.ts';
import { type FirstPinnedSpan, keyAgedFrom } from '../domain/pinned-times.ts';
import { EMERGENCY_CREDENTIAL_MIN_AGE_HOURS } from '../domain/policy.ts';
import type { SecondCheck } from '../domain/verification.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { pinnedDirectory } from './intake.ts';

// The call-back the installation asks of itself (docs/decisions.md, "The provider's own installation decides
// on its own"). The hub asks a call-back before an emergency signed with a young approver credential is
// answered, and refuses the send until one is recorded — the hub's word, which its operator could change. The
// installation knows the same fact from what it verified: the approver's key in its pinned directory, with
// the instant the log registered it (or, when later, the instant this installation first pinned that entry:
// the hub writes the log's instants), and the request's signed issue time. An emergency signed with a key
// younger than the hub's default threshold then needs a call-back recorded HERE by a reviewer before its
// answer leaves, whatever the hub says; the hub's own ask (a role never countersigned, a provider's longer
// threshold — neither is in the pin) still counts beside it. A call-back the hub says was recorded does not
// stand for one recorded here: the reviewer's record is the installation's own audit entry.

/** Why the installation itself asks the call-back, after the hub's words for a young credential. */
const BY_THE_PIN: Bilingual = {
  ja: '（この設置が固定済みディレクトリの鍵の登録日時と、署名された発出日時から確かめました）',
  en: " (as this installation checked it: the key's registration in the pinned directory and the signed issue time)",
};

/**
 * Why an emergency needs a call-back by the pin alone (its approver's key registered less than the threshold before
 * the signed issue), in words; null when it is no emergency, or its key was old enough.
 */
export function ownCallBackReason(
  row: Pick<AgentRequestRow, 'kind' | 'envelope' | 'received_at'>,
  pinned: Pick<DirectoryExport, 'entries'> | undefined,
  spans: readonly FirstPinnedSpan[] = [],
): Bilingual | null {
  if (row.kind !== 'emergency' || !pinned) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(row.envelope);
  } catch {
    return null;
  }
  const envelope = SignedEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return null;
  // From the later of its entry's `at` and when this installation first pinned that entry (./pinned-times.ts).
  const key = keyAgedFrom(pinned.entries, envelope.data.signatures.approver.keyId, spans);
  // (A key the pin does not know was refused at intake; a request held from before the pin is not judged.)
  if (!key) return null;
  // Signed when it says, or before it arrived here if earlier: an issue time dated ahead (refused at intake
  // beyond the clock skew) never ages the key, for the installation's own receipt bounds it.
  const signed = Math.min(Date.parse(envelope.data.payload.issuedAt), Date.parse(row.received_at));
  const age = (signed - Date.parse(key.from)) / 3_600_000;
  // A time that cannot be read ages nothing: the key counts as young, and the call-back is asked.
  if (Number.isFinite(age) && !(age < EMERGENCY_CREDENTIAL_MIN_AGE_HOURS)) return null;
  // First pinned here after the request was signed: said so, not as a key "registered seconds before signing".
  const why = !Number.isFinite(age)
    ? unreadable(key.at, envelope.data.payload.issuedAt)
    : key.pinnedAt && age < 0
      ? seenAfterSigning(EMERGENCY_CREDENTIAL_MIN_AGE_HOURS)
      : youngCredentialReason(Math.max(0, age), EMERGENCY_CREDENTIAL_MIN_AGE_HOURS);
  const since = key.pinnedAt ? firstPinnedWords(key.at, key.pinnedAt) : { ja: '', en: '' };
  return { ja: `${why.ja}${BY_THE_PIN.ja}${since.ja}`, en: `${why.en}${BY_THE_PIN.en}${since.en}` };
}

/** Why the call-back is asked when the key was first pinned here only after the request was signed. */
function seenAfterSigning(thresholdHours: number): Bilingual {
  return {
    ja: `決裁者の鍵は、要請の署名より後にこの設置で初めて確認されました（基準 ${thresholdHours} 時間）`,
    en:
      "The approver's credential was first seen here after the request was signed " +
      `(threshold ${thresholdHours} hours)`,
  };
}

/** Why the call-back is asked when the key's registration or the signed issue time cannot be read. */
function unreadable(at: string, issuedAt: string): Bilingual {
  return {
    ja:
      `決裁者の鍵の登録日時（${at}）か署名された発出日時（${issuedAt}）を日時として読めないため、` +
      '鍵は新しいものとして扱います',
    en:
      `The approver's credential's registration (${at}) or the signed issue time (${issuedAt}) cannot be read ` +
      'as an instant, so the credential counts as young',
  };
}

/**
 * Why the key counts from when this installation first pinned it, not the instant the hub's log gives it: the
 * hub writes that instant, and could date a key registered today back to the last entry pinned before it.
 */
export function firstPinnedWords(at: string, pinnedAt: string): Bilingual {
  return {
    ja:
      `。ハブのログは鍵の登録を ${at} としていますが、この設置が初めてその項目を固定したのは ${pinnedAt} です。` +
      '登録の日時はハブが書くため、遅い方から数えています',
    en:
      `. The hub's log dates the key's registration ${at}, but this installation first pinned that entry at ` +
      `${pinnedAt}; the hub writes the log's dates, so the key is aged from the later`,
  };
}

/** Where a call-back only this installation asks for is recorded (the form's small print). */
export const RECORDED_HERE_ONLY: Bilingual = {
  ja: 'サインインしている確認者の名前で、この設置に記録します',
  en: 'Recorded here, in the name of the reviewer signed in',
};

/** The call-back a reviewer recorded here for a request: who, and when they called; null: none. */
export interface CallBackHere {
  by: string;
  calledAt: string;
  outcome: string;
}

/** The last call-back recorded here (the installation's own audit entry), or null. */
export async function callBackRecordedHere(uow: UnitOfWork, requestId: string): Promise<CallBackHere | null> {
  const entries = await subjectEntries(uow.tx, 'request', requestId, 0);
  const last = entries.filter((e) => e.action === 'agent.callback_recorded').at(-1);
  if (!last) return null;
  const d = last.details;
  const text = (k: string): string => (typeof d === 'object' && d !== null && k in d ? String(Reflect.get(d, k)) : '');
  return { by: last.actorName ?? '', calledAt: text('calledAt') || last.at, outcome: text('outcome') };
}

/** The pin and the instants its positions were first pinned here, as the call-back's age needs them. */
export type PinForAge = () => Promise<{
  pinned: Awaited<ReturnType<typeof pinnedDirectory>>;
  spans: FirstPinnedSpan[];
}>;

/**
 * Reads the pin for `ownCallBack` at most once however many rows ask (the list and the status page ask each
 * approved one), and only when one does.
 */
export function pinForAge(uow: UnitOfWork): PinForAge {
  let read: ReturnType<PinForAge> | undefined;
  return () => {
    read ??= (async () => ({ pinned: await pinnedDirectory(uow), spans: await firstPinnedSpans(uow.tx) }))();
    return read;
  };
}

/** The call-back the installation asks of itself for `row`, with the one recorded here; null: it asks none. */
export async function ownCallBack(
  uow: UnitOfWork,
  row: Pick<AgentRequestRow, 'request_id' | 'kind' | 'envelope' | 'received_at'>,
  pin: PinForAge = pinForAge(uow),
): Promise<{ reason: Bilingual; recorded: CallBackHere | null } | null> {
  // Only an emergency is asked one: the pin is not read for any other.
  if (row.kind !== 'emergency') return null;
  const { pinned, spans } = await pin();
  const reason = ownCallBackReason(row, pinned, spans);
  if (!reason) return null;
  return { reason, recorded: await callBackRecordedHere(uow, row.request_id) };
}

/**
 * What the review page shows of the call-back: the installation's own ask, when it has one, in place of the
 * hub's (the unit's number kept from the hub's); recorded only when a reviewer recorded it here.
 */
export function withOwnCallBack(
  hub: SecondCheck | null | undefined,
  own: { reason: Bilingual; recorded: CallBackHere | null } | null,
): SecondCheck | null {
  if (!own) return hub ?? null;
  const reason = hub?.required && hub.reason.en !== own.reason.en ? joined(own.reason, hub.reason) : own.reason;
  return {
    required: true,
    reason,
    callbackPhone: hub?.callbackPhone ?? null,
    confirmedBy: own.recorded?.by ?? null,
    confirmedAt: own.recorded?.calledAt ?? null,
    note: own.recorded ? own.recorded.outcome : null,
  };
}

const joined = (a: Bilingual, b: Bilingual): Bilingual => ({ ja: `${a.ja} ${b.ja}`, en: `${a.en} ${b.en}` });

/**
 * Why an approved answer waits here, or null: an emergency the installation asks a call-back for, none recorded
 * here yet. Its own hold (./held-here.ts), not a refusal of the hub's, in words saying it is this installation's.
 */
export async function heldForCallBack(
  uow: UnitOfWork,
  row: Pick<AgentRequestRow, 'request_id' | 'kind' | 'envelope' | 'state' | 'received_at'>,
  pin: PinForAge = pinForAge(uow),
): Promise<Bilingual | null> {
  if (row.state !== 'approved') return null;
  const own = await ownCallBack(uow, row, pin);
  if (!own || own.recorded) return null;
  return {
    ja:
      'この設置は、この緊急要請の回答を送る前に、照会元所属への折り返し確認をこの設置で記録することを求めています' +
      `（ハブが求めていなくても）。理由: ${own.reason.ja}`,
    en:
      'this installation asks for a call-back to the issuing unit, recorded here, before this emergency is ' +
      `answered (whether or not the hub asks one). Why: ${own.reason.en}`,
  };
}
