import { findOrganisation, findUnit, findUser } from '../directory/directory.repository.ts';
import { keyById, toPublicKey } from '../directory/key.repository.ts';
import { providerCategoryOf } from '../directory/lookups.ts';
import { answerHolderBasis, answerHolderOf } from '../domain/answer-holder.ts';
import { keyTrustedFor, type SigningKeyHolder, signingKeyOf } from '../domain/key-trust.ts';
import { RequestContentSchema } from '../domain/request-content.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { formatDateTime, parseIsoInstant } from '../domain/time.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { findHearingOfRequest } from '../hearing/hearing.repository.ts';
import type { Db, Tx } from '../store/database.ts';
import { NAME_UNKNOWN } from './issuer.ts';
import { layoutOf, layoutRules } from './layouts.ts';
import { type DocumentData, personName } from './model.ts';
import { ANSWER_HOLDER_WORDS, fieldWords, type PrintedField } from './unsigned.ts';
import type { DocumentCheckResult } from './verify.ts';

// What only the hub can say of a document (POST /v1/documents/verify): whether the keys that signed it are
// the directory's keys of the signers its signed data names, and whether every value printed beside a signed
// identifier — the names of the organisations, the unit, the approver and the court, the contact, an opinion
// letter's deadline — is what the directory and the hearing's record hold. The directory keeps one name per
// organisation, unit and person and never renames one (nor changes a unit's call-back number or a hearing's
// deadline), so what it holds now is what it held when the document was signed; a directory that came to
// rename would have to keep the names of before and compare with the one of the signing instant.

const b = (ja: string, en: string): Bilingual => ({ ja, en });
type Names = { ja: string; en: string };

/** A printed name that is not the directory's, showing the language in which it differs. */
function nameProblem(words: Bilingual, printed: Names, held: Names): Bilingual | null {
  const lang = printed.ja !== held.ja ? 'ja' : printed.en !== held.en ? 'en' : null;
  if (!lang) return null;
  return b(
    `${words.ja}: 印字は「${printed[lang]}」ですが、鍵の一覧（ディレクトリ）では「${held[lang]}」です`,
    `${words.en}: printed "${printed[lang]}", but the directory holds "${held[lang]}"`,
  );
}

/** A printed name whose record the directory does not have: it cannot be confirmed. */
const unknownProblem = (words: Bilingual, printed: string, what: Bilingual): Bilingual =>
  b(
    `${words.ja}: この shokai の鍵の一覧に該当する${what.ja}がないため、印字「${printed}」を確かめられません`,
    `${words.en}: this shokai's directory has no such ${what.en}, so the printed "${printed}" cannot be confirmed`,
  );

/**
 * What the page printed for a name: the name, or where the directory held none when printing, the words that
 * say so (layout 7 on: （所属名不明）…; before, a provider's was left blank).
 */
function printedName(data: DocumentData, what: keyof typeof NAME_UNKNOWN, printed: Names | null): Names {
  if (printed) return printed;
  return layoutRules(layoutOf(data))?.unknownNamesInWords ? NAME_UNKNOWN[what] : { ja: '', en: '' };
}

/** A name printed as unknown whose record this directory lacks too: nothing to confirm it with. */
const lackedProblem = (words: Bilingual, printed: Names, what: Bilingual): Bilingual =>
  b(
    `${words.ja}: 印字は「${printed.ja}」で、この shokai の鍵の一覧（ディレクトリ）にも該当する${what.ja}の記録がありません`,
    `${words.en}: printed "${printed.en}", and this shokai's directory holds no such ${what.en} either`,
  );

const ORGANISATION = b('機関', 'organisation');
const PERSON = b('人', 'person');
const UNIT = b('所属', 'unit');

/** The signing key's role in words. */
const KEY_WORDS: Record<'approver' | 'unit' | 'court' | 'answer', Bilingual> = {
  approver: b('決裁者の鍵', "the approver's key"),
  unit: b('所属の鍵', "the unit's key"),
  court: b('裁判所の鍵', "the court's key"),
  answer: b('回答した事業者の鍵', "the answering provider's key"),
};

/**
 * Whether a key the document carries is the directory's key of `holders` (any one of them), and counted for a
 * signature made at `signedAt` (valid then, not revoked by then, never revoked as compromised).
 */
async function keyProblem(
  db: Db | Tx,
  role: keyof typeof KEY_WORDS,
  key: { keyId: string; publicKey: string; fingerprint: string },
  holders: SigningKeyHolder[],
  signedAt: string,
  now: Date,
): Promise<Bilingual | null> {
  const w = KEY_WORDS[role];
  const shown = shownFingerprint(key.fingerprint);
  const row = await keyById(db, key.keyId);
  if (!row) return b(`${w.ja}（${shown}）は鍵の一覧にありません`, `${w.en} (${shown}) is not in the directory`);
  if (row.public_key !== key.publicKey)
    return b(
      `${w.ja}（${shown}）は鍵の一覧の同じ識別子の鍵と異なります`,
      `${w.en} (${shown}) differs from the directory's key of that identifier`,
    );
  const k = toPublicKey(row);
  if (!holders.some((h) => signingKeyOf(k, h)))
    return b(
      `${w.ja}（${shown}）は、署名済みデータが名指す署名者の鍵ではありません`,
      `${w.en} (${shown}) is not a key of the signer the signed data names`,
    );
  if (!keyTrustedFor(k, signedAt, now))
    return b(
      `${w.ja}（${shown}）は署名の時点で有効でないか、失効しています`,
      `${w.en} (${shown}) was not valid when it signed, or has been revoked`,
    );
  return null;
}

/** The keys of the request's signers, the court's and the answer's, against the directory. */
async function keyProblems(db: Db | Tx, data: DocumentData, now: Date): Promise<Bilingual[]> {
  const p = data.envelope.payload;
  const content = RequestContentSchema.safeParse(p.content);
  const warrant = content.success && content.data.kind === 'warrant' ? content.data.warrant : undefined;
  const out: Array<Bilingual | null> = [];
  for (const s of data.signers) {
    if (s.role === 'approver') {
      const holder = { ownerType: 'user', userId: p.approverUserId, organisationId: p.agencyOrganisationId } as const;
      out.push(await keyProblem(db, 'approver', s, [holder], p.issuedAt, now));
    } else if (s.role === 'unit') {
      const holder = { ownerType: 'unit', unitId: p.unitId, organisationId: p.agencyOrganisationId } as const;
      out.push(await keyProblem(db, 'unit', s, [holder], p.issuedAt, now));
    } else if (warrant) {
      // A judge's own passkey (a person of the court), or a key of the court itself (before).
      const court = warrant.courtOrganisationId;
      const holders: SigningKeyHolder[] = [
        { ownerType: 'user', organisationId: court },
        { ownerType: 'organisation', organisationId: court },
      ];
      out.push(await keyProblem(db, 'court', s, holders, warrant.issuedAt, now));
    }
  }
  const a = data.answer;
  if (a) {
    const provider = a.signed.providerOrganisationId;
    const holders: SigningKeyHolder[] = [
      { ownerType: 'organisation', organisationId: provider },
      { ownerType: 'user', organisationId: provider },
    ];
    out.push(await keyProblem(db, 'answer', a.signer, holders, a.signed.answeredAt, now));
  }
  return out.filter((x): x is Bilingual => x !== null);
}

/** A printed organisation's name against the directory's record of its signed identifier. */
async function organisationProblem(
  db: Db | Tx,
  data: DocumentData,
  what: 'agency' | 'provider' | 'court',
  id: string | null,
  printed: Names | null,
): Promise<Bilingual | null> {
  const words = fieldWords(what, data);
  if (id === null) return printed ? unknownProblem(words, printed.ja, ORGANISATION) : null;
  const org = await findOrganisation(db, id);
  const shown = printedName(data, what, printed);
  if (!org) return printed ? unknownProblem(words, shown.ja, ORGANISATION) : lackedProblem(words, shown, ORGANISATION);
  return nameProblem(words, shown, { ja: org.name_ja, en: org.name_en });
}

/** A printed person's name (null: printed 不明) against the directory's person of the signed identifier. */
async function personProblem(
  db: Db | Tx,
  words: Bilingual,
  userId: string,
  printed: string | null,
): Promise<Bilingual | null> {
  const user = await findUser(db, userId);
  const held = user?.display_name ?? null;
  if (printed === held) return null;
  if (user === undefined) return unknownProblem(words, personName(printed, 'ja'), PERSON);
  const shown = (v: string | null) => ({ ja: personName(v, 'ja'), en: personName(v, 'en') });
  return nameProblem(words, shown(printed), shown(held));
}

/** The names, the contact and the court printed beside the signed identifiers. */
async function nameProblems(db: Db | Tx, data: DocumentData): Promise<Bilingual[]> {
  const p = data.envelope.payload;
  const n = data.names;
  const words = (f: PrintedField) => fieldWords(f, data);
  const out: Array<Bilingual | null> = [];
  out.push(await organisationProblem(db, data, 'agency', p.agencyOrganisationId, n.agency));
  const unit = await findUnit(db, p.unitId);
  const unitShown = printedName(data, 'unit', n.unit);
  out.push(
    unit && unit.organisation_id === p.agencyOrganisationId
      ? nameProblem(words('unit'), unitShown, { ja: unit.name_ja, en: unit.name_en })
      : n.unit
        ? unknownProblem(words('unit'), unitShown.ja, UNIT)
        : lackedProblem(words('unit'), unitShown, UNIT),
  );
  out.push(await organisationProblem(db, data, 'provider', p.providerOrganisationId, n.provider));
  out.push(await personProblem(db, words('approver'), p.approverUserId, n.approver));
  const content = RequestContentSchema.safeParse(p.content);
  const court = content.success && content.data.kind === 'warrant' ? content.data.warrant.courtOrganisationId : null;
  out.push(await organisationProblem(db, data, 'court', court, n.court));
  if (data.contact) {
    out.push(await personProblem(db, words('contactOfficer'), p.draftedBy, data.contact.officer));
    const held = unit?.callback_phone ?? null;
    if (data.contact.phone !== held) {
      const w = words('contactPhone');
      out.push(
        b(
          `${w.ja}: 印字は「${data.contact.phone ?? '登録なし'}」ですが、鍵の一覧では「${held ?? '登録なし'}」です`,
          `${w.en}: printed "${data.contact.phone ?? 'none'}", but the directory holds "${held ?? 'none'}"`,
        ),
      );
    }
  }
  return out.filter((x): x is Bilingual => x !== null);
}

/** An opinion letter's deadline and date against the hearing's record of the request, compared as instants. */
async function hearingProblems(db: Db | Tx, data: DocumentData): Promise<Bilingual[]> {
  const printed = (['hearingDueAt', 'hearingSentAt'] as const).flatMap((f) => {
    const v = data[f];
    return v ? [{ field: f, value: v }] : [];
  });
  if (printed.length === 0) return [];
  const shown = (iso: string, locale: 'ja' | 'en') => formatDateTime(parseIsoInstant(iso), locale, data.zone);
  const hearing = await findHearingOfRequest(db, data.envelope.payload.requestId);
  const out: Bilingual[] = [];
  for (const { field, value } of printed) {
    const w = fieldWords(field, data);
    if (!hearing) {
      out.push(
        b(
          `${w.ja}: この shokai にこの要請の意見照会の記録がないため、印字「${shown(value, 'ja')}」を確かめられません`,
          `${w.en}: this shokai holds no hearing of this request, so the printed "${shown(value, 'en')}" ` +
            'cannot be confirmed',
        ),
      );
      continue;
    }
    // The record's own value is not shown: only the request's parties read a hearing.
    const held = field === 'hearingDueAt' ? hearing.due_at : hearing.sent_at;
    if (parseIsoInstant(held).epochMs !== parseIsoInstant(value).epochMs)
      out.push(
        b(
          `${w.ja}: 印字「${shown(value, 'ja')}」は意見照会の記録と異なります`,
          `${w.en}: the printed "${shown(value, 'en')}" is not what the hearing's record holds`,
        ),
      );
  }
  return out;
}

/** What the holder was compared by, in words (answerHolderBasis). */
const HOLDER_BASIS_WORDS: Record<ReturnType<typeof answerHolderBasis>, Bilingual> = {
  kind: b('要請の種類（ネットカフェの利用記録）による言葉', "what the request's kind, a cafe's records, gives"),
  category: b(
    '鍵の一覧（ディレクトリ）の事業者の区分による言葉',
    "what the provider's category in the directory gives",
  ),
  targets: b(
    '要請の対象による言葉（鍵の一覧に事業者の区分がないため）',
    "what the request's targets give, the directory holding no category for the provider",
  ),
};

/**
 * An answer's holder (layout 9 on) against the one the hub prints it with: by the provider's category in the
 * directory, else by the request's targets (answerHolderOf, as the document service does). `basis`: what it was
 * compared by, null when it was not (none printed, or a content that does not parse: said by nothing here).
 */
async function holderProblems(
  db: Db | Tx,
  data: DocumentData,
): Promise<{ problems: Bilingual[]; basis: Bilingual | null }> {
  const printed = data.answerHolder;
  if (!printed) return { problems: [], basis: null };
  const p = data.envelope.payload;
  const content = RequestContentSchema.safeParse(p.content);
  if (!content.success) return { problems: [], basis: null };
  const category = await providerCategoryOf(db, p.providerOrganisationId);
  const held = answerHolderOf(category, content.data);
  const basis = HOLDER_BASIS_WORDS[answerHolderBasis(category, content.data)];
  if (held === printed) return { problems: [], basis };
  const w = fieldWords('answerHolder', data);
  const [x, y] = [ANSWER_HOLDER_WORDS[printed], ANSWER_HOLDER_WORDS[held]];
  return {
    problems: [
      b(
        `${w.ja}: 印字は「${x.ja}」の言葉ですが、${basis.ja}では「${y.ja}」です`,
        `${w.en}: printed as ${x.en}'s, but ${basis.en} is ${y.en}'s`,
      ),
    ],
    basis,
  };
}

/**
 * The hub's check of a document whose signatures verified: its keys are the directory's keys of its signers,
 * and what it prints beside the signed identifiers is what the directory and the hearing's record hold.
 */
export async function directoryCheck(db: Db | Tx, data: DocumentData, now: Date): Promise<DocumentCheckResult> {
  const holder = await holderProblems(db, data);
  const problems = [
    ...(await keyProblems(db, data, now)),
    ...(await nameProblems(db, data)),
    ...(await hearingProblems(db, data)),
    ...holder.problems,
  ];
  if (problems.length > 0)
    return {
      check: 'directory',
      result: 'fail',
      message: b(
        `印字または署名の鍵が、この shokai の鍵の一覧（ディレクトリ）・記録と一致しません。${problems.map((x) => x.ja).join('。')}`,
        `what the document prints, or a key that signed it, is not what this shokai's directory and records hold: ` +
          problems.map((x) => x.en).join('; '),
      ),
    };
  const checked = holderChecked(data, holder.basis);
  return {
    check: 'directory',
    result: 'pass',
    message: b(
      '署名の鍵は署名者本人の鍵で、印字された名称・氏名・連絡先・期限は鍵の一覧（ディレクトリ）と意見照会の記録に一致します' +
        `（鍵の一覧は名称を変更しないため、署名の時点の名称と同じです）${checked.ja}`,
      "the keys are the signers' own, and the printed names, call-back details and deadline are what the directory " +
        "and the hearing's record hold (the directory never renames, so these are the names as of signing)" +
        checked.en,
    ),
  };
}

/**
 * The holder a passing check compared (layout 9 on), said as a failure names it, with what it was compared by;
 * empty when none is printed or it was not compared.
 */
function holderChecked(data: DocumentData, basis: Bilingual | null): Bilingual {
  if (!data.answerHolder || !basis) return b('', '');
  const w = fieldWords('answerHolder', data);
  const x = ANSWER_HOLDER_WORDS[data.answerHolder];
  return b(`。${w.ja}「${x.ja}」は、${basis.ja}と一致します`, `; ${w.en}, ${x.en}'s, is ${basis.en}`);
}
