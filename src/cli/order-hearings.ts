// `shokai order-hearing record|withdraw`: a judge of the addressed court records on the command line that a
// party was heard on a disclosure-order application (陳述聴取), or withdraws such a record made by mistake,
// through the typed client in his own session. Each is signed with the judge's own passkey, as on the page:
// `--preview` prints the statement and the digest his authenticator signs (nothing is recorded), each checked
// first against what he typed and the digest against the statement (checkedPreview), and the act sends the
// assertion his authenticator made over it (`--assertion`, a WebAuthn assertion as JSON). The command
// line holds no credential of the judge's, and the hub checks the signature before it keeps anything.
import type { Command } from 'commander';
import { type Schemas, unwrap } from '../client/client.ts';
import { sha256Hex } from '../crypto/canonical.ts';
import { DomainError } from '../domain/errors.ts';
import { HEARING_RECORDED_PURPOSE, HEARING_WITHDRAWN_PURPOSE } from '../domain/order-hearing-signature.ts';
import { formatDateTime, JAPAN_ZONE } from '../domain/time.ts';
import { HEARD_PARTY_LABELS, HEARING_MANNER_LABELS, labelOf } from '../domain/vocabulary.ts';
import { cliLocale, type Locale } from '../kernel/text.ts';
import { type HubSession, hubApi, hubLoginOptions } from './hub-session.ts';
import { readJsonFile } from './json-file.ts';
import { tr } from './language.ts';
import { JSON_HELP, printResult } from './output.ts';

type Application = Schemas['DisclosureOrderApplication'];
type Preview = Schemas['SigningDigest'];
type Assertion = NonNullable<Schemas['RecordDisclosureOrderHearing']['assertion']>;
type Session = Pick<HubSession, 'url' | 'token'> & { json?: boolean; preview?: boolean; assertion?: string };

const WORDS = {
  statement: { ja: '署名する内容（正規化 JSON）', en: 'What is signed (canonical JSON)' },
  digest: { ja: '署名する内容の要約値（SHA-256）', en: 'Digest of what is signed (SHA-256)' },
  signHere: {
    ja: 'ご本人の認証器（パスキー）でこの要約値に署名し、その署名（アサーション JSON）を --assertion で渡してください。まだ何も記録していません',
    en:
      'sign this digest with your own credential (passkey) and give its assertion (JSON) with --assertion; ' +
      'nothing is recorded yet',
  },
  noPasskey: {
    ja: 'あなたの署名用認証器（パスキー）が登録されていません。「端末と鍵」の画面で登録してください',
    en: 'you have no signing credential (passkey) registered: register one on the devices page',
  },
  recorded: { ja: '陳述聴取を記録しました（署名済み）', en: 'hearing recorded, signed' },
  withdrawn: { ja: '陳述聴取の記録を取り消しました（署名済み）', en: 'hearing withdrawn, signed' },
  signature: { ja: '裁判官の電子署名', en: "Judge's signature" },
  withdrawSignature: { ja: '取消しの電子署名', en: 'Signature of the withdrawal' },
  reason: { ja: '取消しの理由', en: 'Why it was withdrawn' },
} as const;

const VERDICT_WORDS = {
  verified: { ja: '検証済み', en: 'verified' },
  failed: { ja: '検証できません', en: 'does not verify' },
  unsigned: { ja: '署名なし', en: 'unsigned' },
  not_judge: { ja: '署名者はこの裁判所の裁判官ではありません', en: 'the signer was no judge of this court' },
  not_in_log: {
    ja: '署名の鍵がハブの署名付きディレクトリ記録にありません',
    en: "the signing key is not in the hub's signed directory log",
  },
  copy: {
    ja: '数えません（同じ内容の別の記録が既に数えられているか、取り消されています）',
    en: 'not counted (another record of the same statement is counted, or was withdrawn)',
  },
} as const;

/**
 * The hub's preview, checked before anything is printed or signed: its digest is the SHA-256 of the statement it
 * shows, and the statement says what was typed (`typed`: each field as the hub keeps it). A hub that showed one
 * statement and had another signed is caught here, on the judge's own machine.
 */
export function checkedPreview(
  p: Preview,
  typed: Readonly<Record<string, string>>,
  fields?: readonly string[],
): Preview {
  const refuse = (field: string, ja: string, en: string) =>
    new DomainError('SIGNATURE_INVALID', { ja, en }, { field, value: p.digest });
  if (sha256Hex(p.canonical) !== p.digest) {
    throw refuse(
      'digest',
      `ハブが示した要約値（${p.digest}）は、示された署名内容の SHA-256 ではありません。署名しないでください`,
      `the digest the hub showed (${p.digest}) is not the SHA-256 of the statement it showed: do not sign it`,
    );
  }
  let statement: Record<string, unknown> = {};
  try {
    statement = JSON.parse(p.canonical) as Record<string, unknown>;
  } catch {
    throw refuse('canonical', 'ハブが示した署名内容が JSON ではありません', 'the statement the hub showed is not JSON');
  }
  const other = fields ? Object.keys(statement).filter((k) => !fields.includes(k)) : [];
  const missing = fields ? fields.filter((k) => !(k in statement)) : [];
  if (other.length > 0 || missing.length > 0) {
    const names = [...other, ...missing].join(', ');
    throw refuse(
      'canonical',
      `ハブが示した署名内容の項目（${names}）が、陳述聴取の署名内容のものではありません。署名しないでください`,
      `the statement the hub showed does not have a hearing statement's fields (${names}): do not sign it`,
    );
  }
  for (const [field, value] of Object.entries(typed)) {
    if (statement[field] === value) continue;
    throw refuse(
      field,
      `ハブが示した署名内容の ${field}（${String(statement[field])}）が、入力した値（${value}）と違います。署名しないでください`,
      `the statement the hub showed has ${field} ${String(statement[field])}, not what you typed (${value}): ` +
        'do not sign it',
    );
  }
  return p;
}

/** The fields of the statement a judge signs for recording a hearing, and for withdrawing one. */
export const RECORD_FIELDS = [
  'applicationId',
  'reference',
  'courtOrganisationId',
  'purpose',
  'party',
  'heardAt',
  'manner',
  'note',
] as const;
export const WITHDRAW_FIELDS = [
  'applicationId',
  'reference',
  'courtOrganisationId',
  'purpose',
  'hearingDigest',
  'reason',
] as const;

/** What a statement about application `a` must say of it, whatever the act. */
const applicationFields = (a: Application) => ({
  applicationId: a.id,
  reference: a.reference,
  courtOrganisationId: a.court.id,
});

/**
 * What the statement withdrawing hearing `hearingId` of `a` must say: the application, and the digest of that
 * hearing's record as its own statement gives it (checked here: the record's statement hashes to it), so that a
 * hub cannot have the judge sign the withdrawal of another hearing than the one he named.
 */
export function expectedWithdrawal(a: Application, hearingId: string, reason: string): Record<string, string> {
  const h = a.hearings.find((x) => x.id === hearingId);
  if (!h) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `申立て ${a.reference} に陳述聴取 ${hearingId} はありません`,
        en: `${a.reference} has no hearing ${hearingId}`,
      },
      { field: 'hearingId', value: hearingId },
    );
  }
  if (sha256Hex(h.signature.canonical) !== h.signature.digest) {
    throw new DomainError(
      'SIGNATURE_INVALID',
      {
        ja: `ハブが示した陳述聴取 ${hearingId} の要約値は、その記録の署名内容の SHA-256 ではありません。署名しないでください`,
        en: `the digest the hub shows for hearing ${hearingId} is not the SHA-256 of its record: do not sign`,
      },
      { field: 'hearingDigest', value: h.signature.digest },
    );
  }
  const purpose = HEARING_WITHDRAWN_PURPOSE;
  return { ...applicationFields(a), purpose, hearingDigest: h.signature.digest, reason: reason.trim() };
}

/** What `--preview` prints: the statement, its digest, and what to do with it. */
export function previewLines(p: Preview, lang: Locale): string[] {
  return [
    `${WORDS.statement[lang]}:`,
    p.canonical,
    `${WORDS.digest[lang]}: ${p.digest}`,
    p.passkey ? WORDS.signHere[lang] : WORDS.noPasskey[lang],
  ];
}

/** The lines of hearing `hearingId` of `a` after an act: who was heard, when (in Japan), how, the signatures. */
export function hearingLines(a: Application, hearingId: string, done: 'recorded' | 'withdrawn', lang: Locale) {
  const h = a.hearings.find((x) => x.id === hearingId);
  if (!h) return [`${a.reference}: ${WORDS[done][lang]}`];
  const sig = (s: { verdict: keyof typeof VERDICT_WORDS; keyId: string | null; digest: string }) =>
    `${VERDICT_WORDS[s.verdict][lang]}${s.keyId ? ` (${s.keyId})` : ''}  SHA-256 ${s.digest}`;
  return [
    `${a.reference}: ${WORDS[done][lang]}  ${h.id}`,
    `  ${labelOf(HEARD_PARTY_LABELS, h.party)[lang]}  ${formatDateTime(new Date(h.heardAt), lang, JAPAN_ZONE)}  ` +
      labelOf(HEARING_MANNER_LABELS, h.manner)[lang],
    `  ${WORDS.signature[lang]}: ${sig(h.signature)}`,
    ...(h.withdrawn
      ? [
          `  ${WORDS.reason[lang]}: ${h.withdrawn.reason}`,
          `  ${WORDS.withdrawSignature[lang]}: ${sig(h.withdrawn.signature)}`,
        ]
      : []),
  ];
}

/** The judge's assertion from `--assertion`, or none (the hub then refuses the act, saying a signature is needed). */
function assertionOf(o: Session): { assertion?: Assertion } {
  return o.assertion === undefined ? {} : { assertion: readJsonFile(o.assertion) as Assertion };
}

const signedOptions = (c: Command) =>
  hubLoginOptions(c)
    .option(
      '--preview',
      tr('記録せずに、署名する内容と要約値を表示する', 'print what is signed and its digest, recording nothing'),
    )
    .option(
      '--assertion <file>',
      tr(
        'ご本人の認証器が要約値に署名したアサーション（JSON）',
        'the assertion (JSON) your own credential made over the digest',
      ),
    )
    .option('--json', JSON_HELP());

export function registerOrderHearingCommands(program: Command): void {
  const hearing = program
    .command('order-hearing')
    .description(
      tr(
        '開示命令の申立てについての当事者の陳述聴取（裁判官: 記録・取消し。ご本人のパスキーで署名）',
        'the parties heard on a disclosure-order application ' +
          "(judges: record, withdraw; signed with the judge's passkey)",
      ),
    );
  signedOptions(
    hearing
      .command('record <applicationId>')
      .description(tr('当事者の陳述を聴いたことを記録する', 'record that a party was heard')),
  )
    .requiredOption(
      '--party <party>',
      tr('陳述を聴いた当事者（provider・claimant）', 'the party heard (provider, claimant)'),
    )
    .requiredOption(
      '--heard-at <instant>',
      tr(
        '陳述を聴いた日時（時差付き。例 2026-12-07T10:00:00+09:00）',
        'when, with its offset (e.g. 2026-12-07T10:00:00+09:00)',
      ),
    )
    .option(
      '--manner <manner>',
      tr('方法（in_writing・at_hearing_date）', 'how (in_writing, at_hearing_date)'),
      'in_writing',
    )
    .requiredOption('--note <text>', tr('要旨', 'a short note of what was heard'))
    .action(async (id: string, o: Session & { party: string; heardAt: string; manner: string; note: string }) => {
      const api = hubApi(o);
      const body = { party: o.party, heardAt: o.heardAt, manner: o.manner, note: o.note } as Omit<
        Schemas['RecordDisclosureOrderHearing'],
        'assertion'
      >;
      const params = { path: { id } };
      // The statement checked (the hub's words for the instant: UTC), and its digest, which names the record:
      // the hub keeps one record of a statement on an application.
      const at = Date.parse(o.heardAt);
      const a0 = await unwrap(api.GET('/v1/disclosure-order-applications/{id}', { params }));
      const purpose = HEARING_RECORDED_PURPOSE;
      const typed = { ...applicationFields(a0), purpose, party: o.party, manner: o.manner, note: o.note.trim() };
      const p = checkedPreview(
        await unwrap(api.POST('/v1/disclosure-order-applications/{id}/hearings-preview', { params, body })),
        Number.isNaN(at) ? typed : { ...typed, heardAt: new Date(at).toISOString() },
        RECORD_FIELDS,
      );
      if (o.preview) return printResult(o.json, p, (x) => previewLines(x, cliLocale()));
      const a = await unwrap(
        api.POST('/v1/disclosure-order-applications/{id}/hearings', { params, body: { ...body, ...assertionOf(o) } }),
      );
      const made = a.hearings.find((h) => h.signature.digest === p.digest)?.id ?? '';
      printResult(o.json, a, (x) => hearingLines(x, made, 'recorded', cliLocale()));
    });
  signedOptions(
    hearing
      .command('withdraw <applicationId> <hearingId>')
      .description(
        tr('誤って記録した陳述聴取を、理由を付して取り消す', 'withdraw a hearing recorded by mistake, saying why'),
      ),
  )
    .requiredOption('--reason <text>', tr('取消しの理由', 'why it is withdrawn'))
    .action(async (id: string, hearingId: string, o: Session & { reason: string }) => {
      const api = hubApi(o);
      const params = { path: { id, hearingId } };
      const body = { reason: o.reason };
      if (o.preview) {
        const a = await unwrap(api.GET('/v1/disclosure-order-applications/{id}', { params: { path: { id } } }));
        const p = checkedPreview(
          await unwrap(
            api.POST('/v1/disclosure-order-applications/{id}/hearings/{hearingId}/withdraw-preview', { params, body }),
          ),
          expectedWithdrawal(a, hearingId, o.reason),
          WITHDRAW_FIELDS,
        );
        return printResult(o.json, p, (x) => previewLines(x, cliLocale()));
      }
      const a = await unwrap(
        api.POST('/v1/disclosure-order-applications/{id}/hearings/{hearingId}/withdraw', {
          params,
          body: { ...body, ...assertionOf(o) },
        }),
      );
      printResult(o.json, a, (x) => hearingLines(x, hearingId, 'withdrawn', cliLocale()));
    });
}
