import { z } from 'zod';
import { getCase } from '../cases/case-service.ts';
import { listScope, type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, parseInstant } from '../domain/instant.ts';
import { EU_MEMBER_STATES } from '../domain/mlat.ts';
import { followable, type Holder, type NextStep, nextStep } from '../domain/next-step.ts';
import {
  MlatContentSchema,
  type RequestContent,
  RequestContentSchema,
  WarrantContentSchema,
} from '../domain/request-content.ts';
import { IpAddressSchema, type IpTarget, type Target } from '../domain/targets.ts';
import { formatDate, formatIsoAtOffset, JAPAN_ZONE } from '../domain/time.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { FINDING_VERDICTS, type MlatTreaty } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { formatHostPort } from '../net/address.ts';
import type { RequestRow } from '../store/schema.ts';
import { createDraft, followedRequest } from './drafting.ts';
import { holderOfAddress } from './holder.ts';
import { listRequestRows } from './request.repository.ts';
import { contentOf } from './requests.ts';
import { findRetentionRecord } from './retention.repository.ts';

/**
 * One action from an identifier to the next request of the chain. The client names what it read —
 * an access record of an answer (the answer is sealed to the unit and opened on the member's side:
 * the hub never decrypts it here) or the origin of an analysed e-mail — and the hub finds who holds
 * the address, chooses the kind the legal matrix and the holder's policy allow, and drafts the
 * request with the exact instant, offset and port, linked to where it came from. Nothing is sent:
 * the draft goes through the usual submission and approval.
 */

/** An access record as the client read it: address, port, and an instant WITH its UTC offset. */
export const AccessRecordSchema = z.strictObject({
  address: IpAddressSchema,
  port: z.number().int().min(0).max(65535).optional(),
  at: InstantSchema,
});

/**
 * The verdict of the answer item's finding a record was read in, as the client that opened the answer
 * says (issue 13): the hub cannot see it.
 */
export const ReadFindingSchema = z.strictObject({
  verdict: z.enum(FINDING_VERDICTS),
  resolveBy: z
    .array(z.strictObject({ ja: z.string().max(2000), en: z.string().max(2000) }))
    .max(10)
    .default([]),
});

export const NextFromSchema = z.discriminatedUnion('source', [
  z.strictObject({
    source: z.literal('answer'),
    /** The request whose answer carried the record (of the same case and unit). */
    requestId: z.string().min(1).max(200),
    record: AccessRecordSchema,
    /**
     * The verdict of the answer item's finding the record was read in, when it had one (issue 13): an
     * ambiguous or empty finding is never followed to a request naming one of its candidates.
     */
    finding: ReadFindingSchema.optional(),
  }),
  z.strictObject({
    source: z.literal('mail'),
    /** The originating address, port and time the e-mail analysis named. */
    record: AccessRecordSchema,
  }),
]);

const CaseText = z.strictObject({
  offence: z.string().trim().min(1).max(500),
  facts: z.string().trim().min(1).max(10000),
  necessity: z.string().trim().min(1).max(5000),
});

export const NextRequestInput = z.strictObject({
  from: NextFromSchema,
  /** The offence, facts and necessity; by default those of the request followed (or the case's latest). */
  text: CaseText.optional(),
});

export const DraftNextInput = NextRequestInput.extend({
  /** The court's warrant for exactly the proposed targets and categories, when a warrant is needed. */
  warrant: WarrantContentSchema.shape.warrant.optional(),
  /** The mutual-legal-assistance details, when the holder is abroad (defaults filled from the country). */
  mlat: MlatContentSchema.shape.mlat.partial().optional(),
  /** Also draft a preservation request to the holder first, when its records run out soon. */
  preserveFirst: z.boolean().default(false),
});

/** Window either side of the instant for a café's booth records (booths are booked by the period). */
export const CAFE_WINDOW_SECONDS = 900;

export interface NextRequestProposal {
  holder: {
    kind: Holder['kind'];
    organisationId: string | null;
    name: { ja: string; en: string } | null;
    country: string | null;
  };
  step: NextStep;
  /** The content the draft will carry (a warrant's court block is added by the investigator). */
  content: Record<string, unknown> | null;
  follows: { source: 'answer' | 'mail'; requestId: string | null; identifier: Target };
}

/** The foreign central authorities of Japan's mutual legal assistance partners, by country. */
const MLAT_PARTNERS: Record<string, { authority: string; treaty: MlatTreaty }> = {
  US: { authority: 'U.S. Department of Justice, Office of International Affairs', treaty: 'jp_us_mlat' },
  KR: { authority: 'Ministry of Justice of the Republic of Korea', treaty: 'jp_kr_mlat' },
  CN: { authority: 'Ministry of Public Security of the People’s Republic of China', treaty: 'jp_cn_mlat' },
  HK: { authority: 'Secretary for Justice, Hong Kong SAR', treaty: 'jp_hk_mla' },
  RU: { authority: 'Prosecutor General’s Office of the Russian Federation', treaty: 'jp_ru_mlat' },
};

/** The central authority an MLAT request to `country` goes to, and the instrument it rests on. */
export function mlatDefaults(country: string): { foreignAuthority: string; treaty: MlatTreaty } {
  const partner = MLAT_PARTNERS[country];
  if (partner) return { foreignAuthority: partner.authority, treaty: partner.treaty };
  if (EU_MEMBER_STATES.includes(country)) {
    return { foreignAuthority: `Central authority of ${country} (EU)`, treaty: 'jp_eu_mla' };
  }
  return { foreignAuthority: `Central authority of ${country}`, treaty: 'diplomatic' };
}

const EMPTY_CASE = new DomainError(
  'VALIDATION_FAILED',
  {
    ja: 'この事件には照会がありません: 次の照会の罪名・事実・必要性を記載してください',
    en: "this case has no request yet: write the next request's offence, facts and necessity",
  },
  { field: 'text' },
);

/**
 * The request followed (answer) or the case's latest request of the caller's unit (e-mail): where the case
 * text comes from. Never one merely shared with the caller (`followedRequest`).
 */
async function sourceRow(uow: UnitOfWork, p: Principal, caseId: string, from: z.infer<typeof NextFromSchema>) {
  if (from.source === 'answer') {
    return followedRequest(uow, p, { requestId: from.requestId, caseId }, 'from.requestId');
  }
  const scope = listScope(p);
  if (scope.kind !== 'agency' || !p.unitId) return null;
  const [latest] = await listRequestRows(uow.tx, { scope, caseId, unitId: p.unitId, limit: 1 });
  return latest ?? null;
}

function describeRecord(r: z.infer<typeof AccessRecordSchema>): string {
  return `${formatHostPort(r.address, r.port)}（${r.at}）`;
}

/**
 * Refuses to carry on from a request whose offence, facts and necessity retention removed, unless the
 * investigator writes them anew (the input's `text`, named for programs in `details.field` only, never in the
 * sentence people read): a next request needs its own necessity, and the trace would
 * otherwise start one without it (docs/decisions.md, "The trace from a request retention emptied").
 */
async function refuseRemovedText(uow: UnitOfWork, row: RequestRow | null, text: unknown): Promise<void> {
  if (!row || text !== undefined || contentOf(row).necessity) return;
  const record = await findRetentionRecord(uow.tx, row.id);
  if (!record) return;
  const ja = formatDate(new Date(record.at), 'ja', JAPAN_ZONE);
  const en = formatDate(new Date(record.at), 'en', JAPAN_ZONE);
  throw new DomainError(
    'PURGED',
    {
      ja:
        `${row.reference} の罪名・事実・必要性は完結後の保存期間（${record.retention_days}日）を過ぎたため${ja}に消去されました。` +
        'そこから次の照会を起案するには、次の照会の罪名・事実・必要性を改めて記載してください',
      en:
        `the offence, facts and necessity of ${row.reference} were removed on ${en}, ` +
        `${record.retention_days} days after it closed: to draft the next request from it, ` +
        "write the next request's offence, facts and necessity anew",
    },
    { field: 'text', id: row.id, mode: record.mode, at: record.at },
  );
}

function textFor(
  row: RequestRow | null,
  text: z.infer<typeof CaseText> | undefined,
  from: z.infer<typeof NextFromSchema>,
) {
  if (text) return { caseReference: row ? contentOf(row).caseReference : null, ...text };
  if (!row) return null;
  const c = contentOf(row);
  const origin =
    from.source === 'answer'
      ? `${row.reference} への回答により、発信元 ${describeRecord(from.record)} が判明した。`
      : `メールのヘッダ解析により、発信元 ${describeRecord(from.record)} が判明した。`;
  const facts = [c.facts, origin].filter(Boolean).join('\n');
  return { caseReference: c.caseReference, offence: c.offence, facts, necessity: c.necessity };
}

/** An instant `deltaMs` later, written with the same UTC offset as `at` (and its milliseconds, if any). */
function shifted(at: string, deltaMs: number): string {
  const t = parseInstant(at, 'from.record.at');
  return formatIsoAtOffset(t.epochMs + deltaMs, t.offsetMinutes);
}

/** The café's terminal that used the address: unknown until the café answers; the window around the instant. */
function cafeTerminal(r: z.infer<typeof AccessRecordSchema>): Target {
  const host = r.port === undefined ? r.address : `${r.address}:${r.port}`;
  return {
    type: 'terminal',
    terminal: `${host} を使用した端末`,
    from: shifted(r.at, -CAFE_WINDOW_SECONDS * 1000),
    to: shifted(r.at, CAFE_WINDOW_SECONDS * 1000),
  };
}

async function propose(
  uow: UnitOfWork,
  p: Principal,
  caseId: string,
  input: z.infer<typeof NextRequestInput>,
  mlat?: z.infer<typeof DraftNextInput>['mlat'],
): Promise<NextRequestProposal> {
  const cs = await getCase(uow, p, caseId);
  if (input.from.source === 'answer' && input.from.finding) {
    const f = followable(input.from.finding.verdict, input.from.finding.resolveBy);
    if (!f.ok)
      throw new DomainError('VALIDATION_FAILED', f.reason, {
        field: 'from.finding.verdict',
        value: input.from.finding.verdict,
      });
  }
  const row = await sourceRow(uow, p, cs.id, input.from);
  await refuseRemovedText(uow, row, input.text);
  const r = input.from.record;
  const identifier: IpTarget = {
    type: 'ip',
    address: r.address,
    ...(r.port === undefined ? {} : { port: r.port }),
    at: r.at,
    toleranceSeconds: 0,
  };
  const holder = await holderOfAddress(uow, p, {
    address: r.address,
    ...(r.port === undefined ? {} : { port: r.port }),
    at: r.at,
    caseId: cs.id,
  });
  const step = nextStep(identifier, holder, uow.now);
  if (step.kind === 'cafe_records') {
    step.targets = [identifier, cafeTerminal(r)];
    step.reasons.push({
      ja: `端末の利用記録は前後${CAFE_WINDOW_SECONDS / 60}分の時間帯で照会します`,
      en: `the terminal-use records are asked for a window of ±${CAFE_WINDOW_SECONDS / 60} minutes`,
    });
  }
  const text = textFor(row, input.text, input.from);
  const caseReference = text?.caseReference ?? cs.reference;
  let content: Record<string, unknown> | null = null;
  if (step.action !== 'none' && step.kind && text) {
    const common = {
      kind: step.kind,
      caseReference,
      offence: text.offence,
      facts: text.facts,
      necessity: text.necessity,
      targets: step.targets,
      categories: step.categories,
    };
    if (step.kind === 'mlat' && holder.kind === 'foreign') {
      const country = mlat?.requestedCountry ?? holder.country ?? '';
      content = {
        ...common,
        mlat: {
          requestedCountry: country,
          ...(country ? mlatDefaults(country) : { foreignAuthority: '', treaty: 'diplomatic' }),
          ...(holder.name ? { foreignProvider: holder.name } : {}),
          language: 'en',
          ...mlat,
        },
      };
    } else {
      content = { ...common, providerOrganisationId: step.providerOrganisationId };
    }
  }
  return {
    holder: {
      kind: holder.kind,
      organisationId: holder.kind === 'provider' ? holder.providerOrganisationId : null,
      name:
        holder.kind === 'provider'
          ? holder.name
          : holder.kind === 'foreign' && holder.name
            ? { ja: holder.name, en: holder.name }
            : null,
      country: holder.kind === 'foreign' ? holder.country : null,
    },
    step,
    content,
    follows: {
      source: input.from.source,
      requestId: input.from.source === 'answer' ? input.from.requestId : null,
      identifier: step.targets[0] ?? identifier,
    },
  };
}

/**
 * What the next request would be (nothing is stored; the holder lookup is audited). Refuses another
 * organisation's case (not found) and bad input naming the field (`from.record.at` without offset).
 */
export async function proposeNextRequest(
  uow: UnitOfWork,
  p: Principal,
  caseId: string,
  raw: unknown,
): Promise<NextRequestProposal> {
  requirePermission(p, 'request.draft');
  const input = parseOrThrow(NextRequestInput, raw);
  return propose(uow, p, caseId, input);
}

/**
 * Drafts the next request (and, when asked and due, a preservation request to the same holder first),
 * each linked to the answer or e-mail it follows and audited through the drafting service.
 */
export async function draftNextRequest(
  uow: UnitOfWork,
  p: Principal,
  caseId: string,
  raw: unknown,
): Promise<{ proposal: NextRequestProposal; request: RequestRow; preservation: RequestRow | null }> {
  requirePermission(p, 'request.draft');
  const input = parseOrThrow(DraftNextInput, raw);
  const proposal = await propose(uow, p, caseId, input, input.mlat);
  const { step } = proposal;
  if (step.action === 'none' || !step.kind) {
    const why = step.reasons.map((r) => r.en).join('; ');
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `この識別子について起案できる照会はありません: ${step.reasons.map((r) => r.ja).join('、')}`,
        en: `no request can be drafted for this identifier: ${why}`,
      },
      { field: 'from.record.address', value: proposal.follows.identifier },
    );
  }
  if (!proposal.content) throw EMPTY_CASE;
  if (step.kind === 'warrant' && !input.warrant) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '事業者の通信記録には令状が必要です: 裁判所の電子令状（warrant）を添えてください',
        en: "a carrier's access logs need a warrant: give the court's electronic warrant (warrant)",
      },
      { field: 'warrant', proposal: { targets: step.targets, categories: step.categories } },
    );
  }
  const content: RequestContent = parseOrThrow(
    RequestContentSchema,
    step.kind === 'warrant' ? { ...proposal.content, warrant: input.warrant } : proposal.content,
    'content',
  );
  const { follows } = proposal;
  const followsInput = {
    source: follows.source,
    ...(follows.requestId ? { requestId: follows.requestId } : {}),
    identifier: follows.identifier,
  };
  let preservation: RequestRow | null = null;
  if (input.preserveFirst && step.preservationFirst && content.kind !== 'mlat') {
    preservation = await createDraft(uow, p, {
      caseId,
      content: {
        kind: 'preservation',
        providerOrganisationId: content.providerOrganisationId,
        caseReference: content.caseReference,
        offence: content.offence,
        facts: content.facts,
        necessity: content.necessity,
        targets: content.targets,
        categories: ['access_log'],
        preservation: { days: step.preservationFirst.days },
      },
      follows: followsInput,
    });
  }
  const request = await createDraft(uow, p, { caseId, content, follows: followsInput });
  return { proposal, request, preservation };
}
