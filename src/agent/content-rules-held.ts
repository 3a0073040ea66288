import { subjectEntries } from '../audit/subject-entries.queries.ts';
import type { Caller } from '../domain/access.ts';
import { AGENT_REFUSALS } from '../domain/agent-intake.ts';
import { targetHostProblem } from '../domain/deceptive-hosts.ts';
import { DomainError } from '../domain/errors.ts';
import { intakeContentProblem } from '../domain/intake-content-rules.ts';
import { RequestContentSchema } from '../domain/request-content.ts';
import { type Bilingual, DECLINE_REASON_LABELS, PROVIDER_CATEGORY_LABELS } from '../domain/vocabulary.ts';
import { logger } from '../kernel/logger.ts';
import { KeepChanges, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { intakeSelfOf, type OwnCategory, type OwnStage, ownStage } from './own-category.ts';
import { envelopeOf } from './request-row.ts';

// The hub's content rules, run again on a request this installation took in before intake ran them
// (docs/decisions.md, twelfth session, h8): intake refuses a request that breaks them and stores nothing,
// but one stored before the rule came is held here still. The same check, on the same signed request, at
// the same signed issue time, runs when a person opens it (its page and `shokai agent review` say why, in
// intake's words) and before an answer is prepared or approved (refused, recorded in the audit). A request
// taken in after the change always meets them: intake ran them, and nothing in the check has moved since.
// Declining stays open — as an invalid request, the reason the refusal names.

/** Why a held request breaks the content rules intake runs now, in intake's words (null: it meets them). */
export interface HeldContentRule {
  /** Intake's reason (`target_future`, `content_rule`, `addressee`): for programs. */
  reason: 'addressee' | 'target_future' | 'content_rule';
  /** Intake's words for the reason. */
  words: Bilingual;
  /** The rule's own words: which target, which time, which deadline. */
  detail: Bilingual;
  /** The field the rule is about (for programs and the audit, never shown). */
  field: string;
  /** What to do: it is not answered; decline it as an invalid request (the page's and the review's last line). */
  todo: Bilingual;
  /** What a person reads when preparing or approving is refused: the reason, the rule's words, what to do. */
  refusal: Bilingual;
}

/** The heading of the page's section, and of the lines `shokai agent review` prints. */
export const HELD_CONTENT_RULE_HEADING: Bilingual = {
  ja: '要対応: この要請は、受領時に確かめる規則を満たしていません（規則が加わる前に受け付けたもの）',
  en: 'Needs action: this request breaks a rule checked when a request arrives (taken in before the rule was)',
};

/** The same, short, on the line of such a request in the installation's list (its page and `shokai agent list`). */
export const HELD_CONTENT_RULE_SHORT: Bilingual = {
  ja: '要対応: 受領時の規則を満たさない（回答不可）',
  en: 'Needs action: breaks a rule checked on arrival (not answered)',
};

const DECLINE_AS = DECLINE_REASON_LABELS.invalid_request;

const TODO: Bilingual = {
  ja: `受領時の確認が加わる前に受け付けた要請で、回答できません。「${DECLINE_AS.ja}」として見送ってください`,
  en: `It was taken in before intake checked this and is not answered: decline it as "${DECLINE_AS.en}"`,
};

/** What to do with one held by the civil stage rule: intake ran, but the category was not told it then. */
const TODO_STAGE: Bilingual = {
  ja: `この設置に事業者の種別が伝えられる前に受け付けた要請で、回答できません。「${DECLINE_AS.ja}」として見送ってください`,
  en:
    'It was taken in before this installation was told its category and is not answered: ' +
    `decline it as "${DECLINE_AS.en}"`,
};

/**
 * What to do with one held by the host rule (a name that reads as another, src/domain/deceptive-hosts.ts): it is
 * held, for a provider reading `pаypal.example` as paypal.example is the harm the rule prevents; the issuer can send
 * it again with the name written as `instead` (its A-label), which reads as nothing else.
 */
const todoHost = (instead: string): Bilingual => ({
  ja:
    `受領時の確認が加わる前に受け付けた要請で、回答できません。「${DECLINE_AS.ja}」として見送り、` +
    `発出元（警察など）に、この名前を「${instead}」と書いて送り直すよう求めてください`,
  en:
    `It was taken in before intake checked this and is not answered: decline it as "${DECLINE_AS.en}", and ask ` +
    `the issuer (the police unit) to send it again with the name written "${instead}"`,
});

/** What to do with a request held by the rule on `field`: the host rule's words when a target's host broke it. */
function todoFor(targets: readonly { type: string }[], field: string): Bilingual {
  for (const [i, t] of targets.entries()) {
    const host = targetHostProblem(t);
    if (host && `targets.${i}.${host.key}` === field) return todoHost(host.instead);
  }
  return TODO;
}

/**
 * The content rules intake runs, run on the held request `row` at its signed issue time; with `stage` (the
 * category of the process reading it, ./own-category.ts) the civil stage rule too, as intake runs it by that
 * category now — a civil disclosure taken in before the category was set, or under another, is held when it
 * breaks it, the rule's words followed by the category it is judged by.
 */
export function heldContentRule(row: AgentRequestRow, stage?: OwnStage): HeldContentRule | null {
  const envelope = envelopeOf(row);
  const content = RequestContentSchema.safeParse(envelope.payload.content);
  // Intake parsed the content before it stored the request; one that no longer parses is intake's too.
  if (!content.success) {
    const words = AGENT_REFUSALS.content;
    return {
      reason: 'content_rule',
      words,
      detail: words,
      field: 'content',
      todo: TODO,
      refusal: refusalOf(words, words),
    };
  }
  const problem = intakeContentProblem(content.data, envelope.payload);
  if (problem) {
    const words = AGENT_REFUSALS[problem.reason];
    const todo = todoFor(content.data.targets, problem.field);
    return { ...problem, words, todo, refusal: refusalOf(words, problem.detail, todo) };
  }
  // Intake ran the rules it has, but not the stage rule: the category was not told, or was another.
  const staged = stageProblem(content.data, envelope, stage);
  if (!staged) return null;
  const words = AGENT_REFUSALS[staged.reason];
  return { ...staged, words, todo: TODO_STAGE, refusal: refusalOf(words, staged.detail, TODO_STAGE) };
}

/** The civil stage rule by the installation's category, its words saying which category judged it. */
function stageProblem(
  content: Parameters<typeof intakeContentProblem>[0],
  envelope: ReturnType<typeof envelopeOf>,
  stage: OwnStage | undefined,
) {
  const provider = envelope.payload.providerOrganisationId;
  if (!stage || content.kind !== 'civil_disclosure' || provider === null) return null;
  const self = intakeSelfOf(stage, provider);
  const problem = intakeContentProblem(content, envelope.payload, self);
  if (!problem) return null;
  const c = PROVIDER_CATEGORY_LABELS[stage.providerCategory];
  const by: Bilingual = {
    ja:
      `（agent.json の「事業者の種別」による、この設置の事業者の種別「${c.ja}」での段階の規則です。` +
      '受け付けた時点では、種別が設定されていないか、別の種別でした）',
    en:
      `; this is the stage rule for ${c.en}, the provider category in agent.json, ` +
      'which was not set, or was another, when the request was taken in',
  };
  return { ...problem, detail: { ja: `${problem.detail.ja}${by.ja}`, en: `${problem.detail.en}${by.en}` } };
}

/**
 * For information only: an answer approved here (not yet sent) before the installation was told its category,
 * whose request breaks the civil stage rule under `stage` — it is sent as approved (a person approved it), and
 * its page says so, so that a person who would not answer it now can still act at the hub. Null otherwise.
 */
export function approvedUnderStageRule(row: AgentRequestRow, stage: OwnStage | undefined): Bilingual | null {
  if (row.state !== 'approved' || !stage) return null;
  const envelope = envelopeOf(row);
  const content = RequestContentSchema.safeParse(envelope.payload.content);
  const problem = content.success ? stageProblem(content.data, envelope, stage) : null;
  if (!problem) return null;
  return {
    ja:
      '参考: この回答は、この設置に事業者の種別が伝えられる前に承認されたもので、承認のとおり送信されます。' +
      `いまの種別では段階の規則を満たしません: ${problem.detail.ja}`,
    en:
      'For information: this answer was approved before this installation was told its category and is sent as ' +
      `approved; under its category now the request breaks the stage rule: ${problem.detail.en}`,
  };
}

/**
 * Whether a held request breaks intake's content rules, for its line in the list. A stored envelope that no
 * longer reads (damaged, or of a form this version does not know) is marked too, logged, and the rest of the
 * list is served: its own page says what is wrong with it.
 */
export function breaksContentRule(r: AgentRequestRow, stage?: OwnStage): boolean {
  try {
    return heldContentRule(r, stage) !== null;
  } catch (err) {
    logger.warn('agent.list_envelope_unreadable', {
      requestId: r.request_id,
      error: err instanceof Error ? err.name : 'unknown',
    });
    return true;
  }
}

const refusalOf = (words: Bilingual, detail: Bilingual, todo = TODO): Bilingual => ({
  ja: `この要請には回答できません。${words.ja}（${detail.ja}）。${todo.ja}`,
  en: `this request cannot be answered: ${words.en} (${detail.en}). ${todo.en}`,
});

export type HeldStep = 'prepare' | 'approve';

/**
 * Refuses to prepare or approve an answer to a held request that breaks the content rules (the civil stage rule
 * by `own`'s category, the process's own — ./own-category.ts): the refusal is
 * audited under `by` (kept though the step is refused) — a person's every time, the installation's own
 * preparing, tried again each cycle, once per request.
 */
export async function requireContentRulesMet(
  uow: UnitOfWork,
  by: Caller,
  row: AgentRequestRow,
  step: HeldStep,
  own: OwnCategory,
): Promise<void> {
  const rule = heldContentRule(row, await ownStage(uow, own));
  if (!rule) return;
  const refused = new DomainError('ILLEGAL_TRANSITION', rule.refusal, { field: rule.field, reason: rule.reason });
  // Kept either way: what was written before in the step (a court record ignored) is not rolled back.
  if (by.kind === 'system' && (await refusedBySystem(uow, row.request_id))) throw new KeepChanges(refused);
  logger.warn('agent.content_rule_refused', { requestId: row.request_id, reason: rule.reason, step });
  await uow.auditBy(by, 'agent.content_rule_refused', ['request', row.request_id], {
    step,
    reason: rule.reason,
    field: rule.field,
  });
  throw new KeepChanges(refused);
}

/** Whether the installation's own preparing was already refused for this request (and audited). */
async function refusedBySystem(uow: UnitOfWork, requestId: string): Promise<boolean> {
  const entries = await subjectEntries(uow.tx, 'request', requestId, 0);
  return entries.some((e) => e.action === 'agent.content_rule_refused' && e.actorType === 'system');
}
