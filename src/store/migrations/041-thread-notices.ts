import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The hearing's notices in a request's thread (the letter sent, the hearing impossible, the opinion
// recorded) were written as one string holding both languages ("日本語。 / English."), so every reader
// read both. From here a notice is stored as its code and parameters (`messages.notice`, JSON, with an
// empty body) and rendered in the reader's language (src/domain/thread-notice.ts). Up turns the strings
// the code wrote until now into notices (any other text stays as written); down writes them back. The
// texts are frozen here as that code wrote them.

const REASONS: Record<string, { ja: string; en: string }> = {
  no_contact_details: { ja: '発信者の連絡先を保有していない', en: 'No contact details of the subscriber are held' },
  returned_undelivered: { ja: '照会書が宛先不明等で返送された', en: 'The hearing letter was returned undelivered' },
  contact_failed: { ja: '連絡先に連絡したが届かなかった', en: 'The contact details were tried and failed' },
  other: { ja: 'その他の事情により連絡できない', en: 'The subscriber cannot be contacted for another reason' },
};

interface Notice {
  code: string;
  reason?: string;
}

/** The one string the code wrote for a notice before this migration; undefined for one it never wrote. */
function oldText(n: Notice): string | undefined {
  const why = n.reason === undefined ? undefined : REASONS[n.reason];
  switch (n.code) {
    case 'hearing_letter_sent':
      return '意見照会書を発信者に送付しました。 / The hearing letter was sent to the subscriber.';
    case 'hearing_impossible':
      return (
        why && `発信者に意見照会ができません（${why.ja}）。 / The subscriber cannot be asked (${why.en.toLowerCase()}).`
      );
    case 'opinion_none':
      return '回答期限までに発信者からの回答はありませんでした。 / No reply from the subscriber by the deadline.';
    case 'opinion_consent':
      return '発信者は開示に同意しました。 / The subscriber consents.';
    case 'opinion_objection':
      return '発信者は開示に同意しませんでした（理由は事業者が保有）。 / The subscriber objects (the reasons stay with the provider).';
    case 'opinion_not_heard':
      return (
        why &&
        `発信者の意見を聴くことができませんでした（${why.ja}）。 / The subscriber's opinion could not be asked (${why.en.toLowerCase()}).`
      );
    default:
      return undefined;
  }
}

/** Every notice the old code could write, by its string. */
function noticesByText(): Map<string, Notice> {
  const all: Notice[] = [
    { code: 'hearing_letter_sent' },
    { code: 'opinion_none' },
    { code: 'opinion_consent' },
    { code: 'opinion_objection' },
    ...Object.keys(REASONS).flatMap((reason) => [
      { code: 'hearing_impossible', reason },
      { code: 'opinion_not_heard', reason },
    ]),
  ];
  return new Map(all.map((n) => [oldText(n) ?? '', n]));
}

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('messages').addColumn('notice', 'text').execute();
  const known = noticesByText();
  const rows = await sql<{ id: string; body: string }>`SELECT id, body FROM messages
    WHERE purpose IN ('opinion_request', 'opinion')`.execute(db);
  for (const row of rows.rows) {
    const n = known.get(row.body);
    if (!n) continue;
    // Keys in order (code, reason): the canonical JSON the code writes.
    const notice = JSON.stringify(n.reason === undefined ? { code: n.code } : { code: n.code, reason: n.reason });
    await sql`UPDATE messages SET notice = ${notice}, body = '' WHERE id = ${row.id}`.execute(db);
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  const rows = await sql<{ id: string; notice: string }>`SELECT id, notice FROM messages
    WHERE notice IS NOT NULL`.execute(db);
  for (const row of rows.rows) {
    // A notice this migration does not know (a later one's) keeps its code, readable if not translated.
    const body = oldText(JSON.parse(row.notice) as Notice) ?? row.notice;
    await sql`UPDATE messages SET body = ${body} WHERE id = ${row.id}`.execute(db);
  }
  await db.schema.alterTable('messages').dropColumn('notice').execute();
}
