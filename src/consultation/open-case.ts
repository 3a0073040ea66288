import { z } from 'zod';
import { createCase } from '../cases/case-service.ts';
import { listProviderNetworks } from '../directory/networks.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { PLAYBOOKS } from '../domain/consultation.ts';
import { DomainError } from '../domain/errors.ts';
import type { RequestContentInput } from '../domain/request-content.ts';
import { parseOrThrow, text } from '../domain/validation.ts';
import { analyzeMail } from '../evidence/mail-service.ts';
import { createDraft } from '../exchange/drafting.ts';
import { transition } from '../exchange/transitions.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { ConsultationRow } from '../store/schema.ts';
import { updateConsultation } from './consultation.repository.ts';
import {
  type Consultation,
  loadOwnConsultation,
  type MailOrigin,
  requireOpen,
  toConsultation,
} from './consultation-service.ts';

// From a consultation to a case in one action, with the case's first step taken.

export const OpenCaseFromConsultationInput = z.strictObject({
  caseReference: text(1, 100),
  title: text(1, 300).optional(),
  /** The offence the case is opened for; the playbook's starting text when absent. */
  offence: text(1, 500).optional(),
  /** Who is asked first (the board operator of the post); found from the post's host when absent. */
  providerOrganisationId: text(1, 100).optional(),
  necessity: text(1, 5000).optional(),
  /** For an urgent consultation: the conditions the desk confirmed and why, to open an emergency request. */
  emergency: z
    .strictObject({
      conditions: z
        .strictObject({
          imminent: z.boolean(),
          realistic: z.boolean(),
          intentExpressed: z.boolean(),
          notJokeOrFiction: z.boolean(),
        })
        .optional(),
      statement: text(1, 5000),
    })
    .optional(),
});

/** The provider whose declared domains serve the host of the post, if exactly one does. */
async function providerOfPost(uow: UnitOfWork, url: string): Promise<string | undefined> {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const serving = (await listProviderNetworks(uow.tx)).filter((d) =>
    d.domains.some((dom) => host === dom.toLowerCase() || host.endsWith(`.${dom.toLowerCase()}`)),
  );
  return serving.length === 1 ? serving[0]?.organisationId : undefined;
}

export interface OpenedCase {
  consultation: Consultation;
  caseId: string;
  requestIds: string[];
}

/**
 * One action turns a consultation into a case: the case is opened, and its first step taken — an
 * emergency request submitted for approval when the desk confirmed the urgency, otherwise an inquiry
 * to the board operator about the post drafted for review, or the e-mail's headers analysed.
 */
export async function openCaseFromConsultation(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<OpenedCase> {
  requirePermission(p, 'consultation.record');
  requirePermission(p, 'case.create');
  const r = await loadOwnConsultation(uow, p, id);
  const input = parseOrThrow(OpenCaseFromConsultationInput, raw);
  requireOpen(r);
  const c = toConsultation(r);
  const playbook = PLAYBOOKS[c.category];
  const opened = await createCase(uow, p, {
    reference: input.caseReference,
    title: input.title ?? `${c.reference} ${playbook.offence.ja}`,
  });
  const requestIds: string[] = [];
  let mailOrigin: MailOrigin | null = null;
  const posts = c.targets.filter((t) => t.type === 'url');
  const addressee = async (): Promise<string> => {
    const chosen = input.providerOrganisationId ?? (posts[0] ? await providerOfPost(uow, posts[0].url) : undefined);
    if (!chosen) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: '照会先の事業者（掲示板の運営者）を選んでください',
          en: 'choose the provider to ask (the operator of the board)',
        },
        { field: 'providerOrganisationId' },
      );
    }
    return chosen;
  };
  // The first request asks the board's operator about the posts, in the case's words.
  const aboutPosts = async () => ({
    providerOrganisationId: await addressee(),
    caseReference: input.caseReference,
    // A protection emergency has no offence; an ordinary case starts from the playbook's.
    offence: input.offence ?? (input.emergency ? '' : playbook.offence.ja),
    facts: c.account,
    targets: posts,
  });
  const draftAboutPosts = async (content: RequestContentInput) => {
    const draft = await createDraft(uow, p, { content, caseId: opened.id });
    requestIds.push(draft.id);
    return draft;
  };
  if (input.emergency) {
    if (c.urgency === 'none') {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: 'この相談には緊急性が記録されていないため、緊急照会は開けません',
          en: 'this consultation records no urgency, so no emergency request can be opened from it',
        },
        { field: 'emergency' },
      );
    }
    if (posts.length === 0) throw noPost();
    const emergency =
      c.urgency === 'suicide_notice'
        ? {
            basis: 'suicide_notice' as const,
            conditions: input.emergency.conditions ?? {
              imminent: false,
              realistic: false,
              intentExpressed: false,
              notJokeOrFiction: false,
            },
            statement: input.emergency.statement,
          }
        : { basis: 'threat_to_life' as const, statement: input.emergency.statement };
    const draft = await draftAboutPosts({
      kind: 'emergency',
      ...(await aboutPosts()),
      necessity: input.necessity ?? '生命・身体に対する差し迫った危険を避けるため、発信者を直ちに特定する必要がある。',
      categories: ['subscriber', 'access_log'],
      emergency,
    });
    await transition(uow, p, draft.id, { action: 'submit' });
  } else if (c.firstStep === 'board_inquiry') {
    await draftAboutPosts({
      kind: 'inquiry',
      ...(await aboutPosts()),
      necessity: input.necessity ?? '書込みの発信者を特定するため、投稿時の接続記録の提供を求める。',
      categories: ['access_log'],
    });
  } else if (c.firstStep === 'mail_analysis' && r.mail_headers) {
    const analysis = await analyzeMail(uow, p, { message: r.mail_headers });
    mailOrigin = {
      originatingIp: analysis.originatingIp,
      originatingPort: analysis.originatingPort,
      at: analysis.originatingTime ?? null,
      warnings: analysis.warnings.length,
    };
  }
  const changes = {
    state: 'case_opened',
    case_id: opened.id,
    first_requests: JSON.stringify(requestIds),
    mail_origin: mailOrigin ? JSON.stringify(mailOrigin) : null,
    updated_at: uow.now.toISOString(),
  } satisfies Partial<ConsultationRow>;
  await updateConsultation(uow.tx, r.id, changes);
  await uow.auditBy(p, 'consultation.case_opened', ['consultation', r.id], {
    caseId: opened.id,
    requests: requestIds,
    emergency: input.emergency !== undefined,
  });
  return { consultation: toConsultation({ ...r, ...changes }), caseId: opened.id, requestIds };
}

const noPost = () =>
  new DomainError(
    'VALIDATION_FAILED',
    {
      ja: '緊急照会には書込みの URL が必要です。相談記録に URL を加えてください',
      en: 'an emergency request needs the URL of the post; the consultation records none',
    },
    { field: 'targets' },
  );
