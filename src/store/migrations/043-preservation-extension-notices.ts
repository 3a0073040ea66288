import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// An extended preservation wrote one message holding both languages and the new end as a raw UTC
// instant: "保全期間を {until} まで延長します（刑事訴訟法第197条第4項）。理由: {reason}\nThe preservation is
// extended until {until} (CCP art. 197(4)). Reason: {reason}". From here the new end is a notice
// (`preservation_extended` with `until`, as migration 041 made the hearing's), rendered in each reader's
// language and zone, and the message's body is the reason the investigator wrote. Up turns the strings
// the code wrote into that (any other text stays as written); down writes them back exactly. The format
// is frozen here as that code wrote it. The message's purpose was `note`, which the thread heads as a
// withdrawal's reason; a converted one becomes `extension` (down: `note` again).

/** The old string, both languages, with the same instant and the same reason in each (any text, newlines too). */
const OLD = new RegExp(
  '^保全期間を (\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z) まで延長します（刑事訴訟法第197条第4項）。理由: ([\\s\\S]*)\\n' +
    'The preservation is extended until \\1 \\(CCP art\\. 197\\(4\\)\\)\\. Reason: \\2$',
);

function oldText(until: string, reason: string): string {
  return (
    `保全期間を ${until} まで延長します（刑事訴訟法第197条第4項）。理由: ${reason}\n` +
    `The preservation is extended until ${until} (CCP art. 197(4)). Reason: ${reason}`
  );
}

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  const rows = await sql<{ id: string; body: string }>`SELECT id, body FROM messages
    WHERE side = 'agency' AND purpose = 'note' AND notice IS NULL`.execute(db);
  for (const row of rows.rows) {
    const m = OLD.exec(row.body);
    const until = m?.[1];
    const reason = m?.[2];
    // Only what the code wrote, character for character (anchored, the same instant and reason twice).
    if (until === undefined || reason === undefined) continue;
    // Keys in order (code, until): the canonical JSON the code writes.
    const notice = JSON.stringify({ code: 'preservation_extended', until });
    await sql`UPDATE messages SET notice = ${notice}, body = ${reason}, purpose = 'extension'
      WHERE id = ${row.id}`.execute(db);
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  const rows = await sql<{ id: string; body: string; notice: string }>`SELECT id, body, notice FROM messages
    WHERE notice IS NOT NULL`.execute(db);
  for (const row of rows.rows) {
    const n = JSON.parse(row.notice) as { code?: unknown; until?: unknown };
    if (n.code !== 'preservation_extended' || typeof n.until !== 'string') continue;
    const body = oldText(n.until, row.body);
    await sql`UPDATE messages SET body = ${body}, notice = ${null}, purpose = 'note'
      WHERE id = ${row.id}`.execute(db);
  }
}
