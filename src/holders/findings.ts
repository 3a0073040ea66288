import { holdsAddressLogs, lookupAddress } from '../attribution/attribution-service.ts';
import { type Caller, requirePermission } from '../domain/access.ts';
import { type AnswerContent, type AnswerItem, validateAnswerContent } from '../domain/answer-content.ts';
import type { Finding } from '../domain/finding.ts';
import { type RequestContent, RequestContentSchema } from '../domain/request-content.ts';
import type { Target } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { Bilingual, FindingRecords } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { addressFinding } from './address-findings.ts';
import type { Resolver } from './attribution-bridge.ts';
import { holdsPostLog, lookupPost } from './board-service.ts';
import { holdsCafeRecords, lookupTerminal } from './cafe-service.ts';
import { draftItem } from './items.ts';

/**
 * The resolution core of a holder's own installation: given a request's content, what this
 * installation's records say about every target — an address from the ISP's logs (the attribution
 * engine), a post from a board's post log, a café terminal from the café's records — each as a
 * finding, and the answer item a person would start from. Nothing is sent from here: a person reviews
 * (and may edit or decline) what is prepared. Every lookup of personal data is audited by the use case
 * that makes it (one entry per target).
 */

export interface PreparedTarget {
  targetIndex: number;
  target: Target;
  /** Which records answered it; null when this installation has no records for this kind of target. */
  records: FindingRecords | null;
  /**
   * What the records say, in full, for the people of this installation; null when not looked up here
   * (the `why` says so). The item's copy keeps only what the request asked for.
   */
  finding: Finding | null;
  /**
   * The answer item a person starts from (result, the data the request asked for, the finding), or
   * null when a person must write it (a target not looked up here, or a preservation request).
   */
  item: AnswerItem | null;
  /** Why there is no finding or no item, when there is none. */
  why: Bilingual | null;
}

export interface PreparedFindings {
  targets: PreparedTarget[];
  /**
   * The draft answer from the prepared items (outcome `full` when every target has one), checked
   * against the request; null when no target could be prepared.
   */
  answer: AnswerContent | null;
}

export interface PrepareOptions {
  /** A resolver to reuse (one over the in-memory snapshot, or across many requests). */
  resolver?: Resolver;
}

/**
 * A target this installation holds no records for (an address where no address logs were ingested, a
 * URL where no post log was imported …), or of a kind not looked up in records.
 */
const NOT_HERE: Bilingual = {
  ja: 'この種類の対象はこの設置の記録から自動では調べません。担当者が回答を記入してください',
  en: "this kind of target is not looked up from this installation's records: a person writes the answer",
};
const PRESERVATION: Bilingual = {
  ja: '保全要請です。記録の有無は調べましたが、保全の回答（保全期限）は担当者が記入してください',
  en: 'a preservation request: the records were looked up, but a person states what is preserved and until when',
};

/**
 * Prepares the findings for every target of `input.request` (a request's content, as verified and
 * stored by the caller). Needs `attribution.lookup` (provider legal or operator, or the installation's
 * own operator) and, for a person, to be of the provider the records belong to.
 */
export async function prepareFindings(
  uow: UnitOfWork,
  caller: Caller,
  input: { request: RequestContent },
  options: PrepareOptions = {},
): Promise<PreparedFindings> {
  requirePermission(caller, 'attribution.lookup');
  const request = parseOrThrow(RequestContentSchema, input.request, 'request');
  const targets: PreparedTarget[] = [];
  for (const [targetIndex, target] of request.targets.entries()) {
    const looked = await findingFor(uow, caller, target, options);
    if (looked === null) {
      targets.push({ targetIndex, target, records: null, finding: null, item: null, why: NOT_HERE });
      continue;
    }
    const { records, finding } = looked;
    if (request.kind === 'preservation' || request.kind === 'mlat') {
      targets.push({ targetIndex, target, records, finding, item: null, why: PRESERVATION });
      continue;
    }
    const item = draftItem(targetIndex, finding, request.categories);
    targets.push({ targetIndex, target, records, finding, item, why: null });
  }
  const items = targets.flatMap((t) => (t.item === null ? [] : [t.item]));
  let answer: AnswerContent | null = null;
  if (items.length > 0) {
    answer = { outcome: items.length === request.targets.length ? 'full' : 'partial', items };
    validateAnswerContent(answer, request);
  }
  return { targets, answer };
}

async function findingFor(
  uow: UnitOfWork,
  caller: Caller,
  target: Target,
  options: PrepareOptions,
): Promise<{ records: FindingRecords; finding: Finding } | null> {
  switch (target.type) {
    case 'ip': {
      if (!(await holdsAddressLogs(uow))) return null;
      const r = await lookupAddress(
        uow,
        caller,
        {
          ip: target.address,
          port: target.port ?? null,
          at: target.at,
          tolerance: target.toleranceSeconds,
        },
        options.resolver === undefined ? {} : { resolver: options.resolver },
      );
      return { records: 'address_logs', finding: addressFinding(target, r) };
    }
    case 'url': {
      if (!(await holdsPostLog(uow))) return null;
      const input = { url: target.url, ...(target.postId === undefined ? {} : { postId: target.postId }) };
      return { records: 'post_log', finding: await lookupPost(uow, caller, input) };
    }
    case 'terminal': {
      if (!(await holdsCafeRecords(uow))) return null;
      const input = { terminal: target.terminal, from: target.from, to: target.to };
      return { records: 'cafe_records', finding: await lookupTerminal(uow, caller, input) };
    }
    default:
      return null;
  }
}
