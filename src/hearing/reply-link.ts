import { SYSTEM_ACTOR } from '../audit/events.ts';
import { countTry, type DoorCounter, giveTryBack, triesNow } from '../auth/door-count.ts';
import { getOrganisation } from '../directory/lookups.ts';
import { DomainError } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { AppContext } from '../kernel/context.ts';
import { inTransaction, KeepChanges, type UnitOfWork } from '../kernel/unit-of-work.ts';
import {
  findHearingByToken,
  findImpossibility,
  giveReplyAttemptBack,
  takeReplyAttempt,
  updateHearing,
} from './hearing.repository.ts';
import { HearingReplyInput, requestMovedOn } from './hearing-service.ts';
import { HEARING_CLIENT_LINKS, HEARING_MAX_ATTEMPTS, type Hearing, statusOf } from './hearing-view.ts';
import { replyCodeMatches } from './reply-code.ts';

// The reply link of a subscriber's hearing: what it shows before the code is given, and the subscriber's
// reply through it with the letter's one-time code. Both come before any sign-in.

/** What the reply link shows before the code is given: whom it is from and until when, nothing personal. */
export async function publicHearing(
  uow: UnitOfWork,
  token: string,
): Promise<{
  providerNameJa: string;
  providerNameEn: string;
  dueAt: string;
  status: Hearing['status'];
  locked: boolean;
}> {
  const h = await findHearingByToken(uow.tx, token);
  if (!h) throw linkUnknown();
  const provider = await getOrganisation(uow.tx, h.provider_organisation_id);
  return {
    providerNameJa: provider.nameJa,
    providerNameEn: provider.nameEn,
    dueAt: h.due_at,
    status: statusOf(
      h,
      uow.now,
      (await findImpossibility(uow.tx, h.request_id)) !== undefined,
      await requestMovedOn(uow, h.request_id),
    ),
    locked: h.failed_attempts >= HEARING_MAX_ATTEMPTS,
  };
}

const linkUnknown = () =>
  new DomainError('NOT_FOUND', {
    ja: 'この回答用リンクは無効です。書面のアドレスをご確認ください',
    en: 'this reply link is not valid; check the address on the letter',
  });

/**
 * The subscriber replies through the link with the one-time code on the letter; `client` is the address the
 * reply came from (src/server/client-address.ts), recorded with a wrong code.
 */
export async function replyToHearing(
  uow: UnitOfWork,
  token: string,
  raw: unknown,
  client: string,
): Promise<{ status: 'replied' }> {
  const h = await findHearingByToken(uow.tx, token);
  if (!h) throw linkUnknown();
  const input = parseOrThrow(HearingReplyInput, raw);
  // The attempt is counted before the code is compared, in one statement: parallel guesses count too.
  const attempts = await takeReplyAttempt(uow.tx, h.id, HEARING_MAX_ATTEMPTS);
  if (attempts === null) {
    throw new DomainError('FORBIDDEN', {
      ja: '回答コードの誤りが続いたため、このリンクは使えません。照会書を送った事業者にご連絡ください',
      en: 'too many wrong codes: this link is locked; contact the provider that sent the letter',
    });
  }
  if (!replyCodeMatches(uow.ctx.kek, token, input.code, h.code_hash)) {
    await uow.audit({
      actor: SYSTEM_ACTOR,
      action: 'hearing.reply_refused',
      subjectType: 'request',
      subjectId: h.request_id,
      details: { attempts, client },
    });
    throw new KeepChanges(
      new DomainError(
        'FORBIDDEN',
        {
          ja: '回答コードが違います。書面に記載のコードを入力してください',
          en: 'the reply code is wrong; enter the code printed on the letter',
        },
        { field: 'code' },
      ),
    );
  }
  await giveReplyAttemptBack(uow.tx, h.id);
  if (h.reply || h.decision) {
    throw new DomainError('CONFLICT', { ja: '回答は受付済みです', en: 'a reply has already been received' });
  }
  // No reply once none is awaited: the hearing recorded impossible, or the request withdrawn or declined
  // meanwhile (the subscriber's words would be kept for a request no one acts on).
  if ((await findImpossibility(uow.tx, h.request_id)) || (await requestMovedOn(uow, h.request_id))) {
    throw new DomainError('CONFLICT', {
      ja: 'この照会は終了しています。照会書を送った事業者にご連絡ください',
      en: 'this hearing is closed; contact the provider that sent the letter',
    });
  }
  if (h.due_at <= uow.now.toISOString()) {
    throw new DomainError(
      'CONFLICT',
      { ja: '回答期限を過ぎています', en: 'the deadline for replying has passed' },
      { dueAt: h.due_at },
    );
  }
  if (input.reply === 'objection' && !input.reasons) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: '同意しない理由を書いてください', en: 'give your reasons for objecting' },
      { field: 'reasons' },
    );
  }
  await updateHearing(uow.tx, h.id, {
    reply: input.reply,
    reply_reasons: input.reasons ?? null,
    replied_at: uow.now.toISOString(),
  });
  await uow.audit({
    actor: SYSTEM_ACTOR,
    action: 'hearing.replied',
    subjectType: 'request',
    subjectId: h.request_id,
    details: { reply: input.reply, via: 'reply_link' },
  });
  return { status: 'replied' };
}

/** The reply link's two calls come before any sign-in: they take the context, like signing in. */
export function viewHearingLink(ctx: AppContext, token: string) {
  return inTransaction(ctx, (uow) => publicHearing(uow, token));
}
/** The reply links' counters: per client address (the links it failed at), and per address and link. */
const ADDRESS: DoorCounter = { scope: 'hearing_client', hashed: true };
const ADDRESS_AT_LINK: DoorCounter = { scope: 'hearing_link', hashed: true };

/**
 * A reply through a link. A link locks at five wrong codes from anywhere, for good (a guesser's odds at one
 * link: 5 in 10^8); what an address is held to is how many links it failed at within the window, so that
 * neighbours behind one shared address (a carrier's NAT) are not shut out by one person's tries at their
 * own link. Each reply at a link that is one is counted against its address and link before anything else
 * (so that parallel tries count too), and the first of a window against the address; both are given back
 * when it is taken. An address that failed at more links than the limit — wrong codes, links locked — is
 * refused for the rest of the window, whatever it sends. A link that is none is refused as none and not
 * counted: its 144 random bits are not guessed by trying. The first refusal of a window is audited with the
 * address; the refusals after it are not, so a caller cannot fill the log by knocking.
 */
export async function replyThroughLink(ctx: AppContext, token: string, raw: unknown, client: string) {
  const now = ctx.clock();
  if ((await triesNow(ctx, ADDRESS, client, now)) > HEARING_CLIENT_LINKS) throw addressLocked();
  if (!(await findHearingByToken(ctx.store.db, token))) throw linkUnknown();
  const atLink = `${client}\n${token}`;
  const first = (await countTry(ctx, ADDRESS_AT_LINK, atLink, now)) === 1;
  if (first) {
    const links = await countTry(ctx, ADDRESS, client, now);
    if (links > HEARING_CLIENT_LINKS) {
      if (links === HEARING_CLIENT_LINKS + 1) {
        await inTransaction(ctx, (uow) =>
          uow.audit({
            actor: SYSTEM_ACTOR,
            action: 'hearing.reply_refused',
            subjectType: 'request',
            subjectId: null,
            details: { reason: 'address_locked', client },
          }),
        );
      }
      throw addressLocked();
    }
  }
  const replied = await inTransaction(ctx, (uow) => replyToHearing(uow, token, raw, client));
  await giveTryBack(ctx, ADDRESS_AT_LINK, atLink);
  if (first) await giveTryBack(ctx, ADDRESS, client);
  return replied;
}

const addressLocked = () =>
  new DomainError('FORBIDDEN', {
    ja: 'この接続元からの回答の誤りが続いたため、15分間は回答を受け付けません。時間をおいてお試しください',
    en: 'too many failed replies from this address: replies are locked for 15 minutes; try again later',
  });
