import { createHash } from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFObject, PDFString } from 'pdf-lib';
import { keyFingerprint } from '../crypto/keys.ts';
import { SIGNATURE_PURPOSES, verifyCanonical } from '../crypto/signatures.ts';
import { credentialFingerprint, verifyWebAuthnAssertion } from '../crypto/webauthn.ts';
import { ANSWER_PURPOSE, answerSigningInput } from '../domain/answer-signing.ts';
import { approvalDigest, payloadDigest } from '../domain/envelope.ts';
import { RequestContentSchema } from '../domain/request-content.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import type { Bilingual, DocumentCheck, DocumentType } from '../domain/vocabulary.ts';
import { courtSignatureVerifies } from './court-signature.ts';
import {
  DOCUMENT_ATTACHMENT,
  type DocumentData,
  DocumentDataSchema,
  type DocumentSigner,
  verificationCode,
} from './model.ts';
import { decodeStream, pagesCheck } from './pages.ts';
import { signerAlgorithm, signerRole } from './signer-words.ts';
import { unsignedPrint } from './unsigned.ts';

/**
 * Verifies a document offline, from the PDF alone (and the font it is rendered with):
 *  1. embedded — the PDF carries the data it was rendered from, in the expected shape;
 *  2. signatures — the approver's and the unit's Ed25519 signatures over the signed request verify
 *     with the embedded public keys, whose fingerprints are printed on the document;
 *  3. pages — the data re-rendered gives the same pages: drawing operations, the fonts' text
 *     mapping, widths and glyph programs, and nothing added (annotations, images, extra pages);
 *  4. directory — only where the directory is at hand (the hub, src/documents/directory-check.ts): the keys
 *     are the signers' own and what is printed beside the signed identifiers is the directory's. Offline it
 *     is skipped, saying so; the report lists what is printed unsigned and names the fingerprints.
 */

export interface DocumentCheckResult {
  check: DocumentCheck;
  result: 'pass' | 'fail' | 'skipped';
  message: Bilingual;
}

export interface DocumentVerification {
  ok: boolean;
  type: DocumentType | null;
  serial: string | null;
  reference: string | null;
  verificationCode: string | null;
  envelopeDigest: string | null;
  signers: DocumentSigner[];
  checks: DocumentCheckResult[];
  /**
   * What the document prints from its embedded data without a signature over it, each in words with its value:
   * the names beside the signed identifiers, an opinion letter's deadline, the contact (src/documents/unsigned.ts).
   */
  unsigned: Bilingual[];
}

const b = (ja: string, en: string): Bilingual => ({ ja, en });

const textOf = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFHexString || o instanceof PDFString ? o.decodeText() : undefined;

/** The attached files of a PDF by name (the EmbeddedFiles name tree, with its Kids). */
function attachments(doc: PDFDocument): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const root = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const walk = (node: PDFDict | undefined, depth: number): void => {
    if (!node || depth > 8) return;
    const list = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; list && i + 1 < list.size(); i += 2) {
      const name = textOf(list.lookup(i));
      const spec = list.lookup(i + 1);
      if (name === undefined || !(spec instanceof PDFDict)) continue;
      const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
      const bytes = decodeStream(ef?.lookup(PDFName.of('F')));
      if (bytes) found.set(name, bytes);
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  walk(root, 0);
  return found;
}

/** A warrant's document also carries the court's key: its attestation must verify over the warrant. */
function courtAttestation(data: DocumentData): DocumentCheckResult | null {
  const content = RequestContentSchema.safeParse(data.envelope.payload.content);
  const court = data.signers.find((s) => s.role === 'court');
  if (!content.success || content.data.kind !== 'warrant') {
    return court
      ? fail(b('令状でない要請に裁判所の鍵が付いています', 'a court key is attached to a request that is no warrant'))
      : null;
  }
  const ok =
    court !== undefined && courtSignatureVerifies(court, content.data, data.envelope.payload.agencyOrganisationId);
  return ok
    ? null
    : fail(
        b(
          '裁判所の電子署名が令状の内容と一致しません。埋め込まれたデータが書き換えられています',
          "the court's signature does not verify over the warrant: the embedded data was altered",
        ),
      );
}

/** The 回答書 carries the provider's signed answer: it must verify and answer this very request. */
function answerSignature(data: DocumentData): DocumentCheckResult | null {
  const a = data.answer;
  if (!a) return data.type === 'answer' ? fail(b('回答のデータがありません', 'the answer is missing')) : null;
  // A legal officer's passkey (an assertion over the SHA-256 of the signed text), or an Ed25519 key.
  let fingerprint = '';
  try {
    fingerprint = a.webauthn ? credentialFingerprint(a.signer.publicKey) : keyFingerprint(a.signer.publicKey);
  } catch {} // not a key of that kind: fails below
  const p = data.envelope.payload;
  const signatureOk = a.webauthn
    ? verifyWebAuthnAssertion(
        a.signer.publicKey,
        a.signer.rpId ?? '',
        createHash('sha256').update(answerSigningInput(ANSWER_PURPOSE, a.signed)).digest('hex'),
        { ...a.webauthn, signature: a.signature },
      ) === null
    : verifyCanonical(a.signer.publicKey, SIGNATURE_PURPOSES.answer, a.signed, a.signature);
  const ok =
    fingerprint === a.signer.fingerprint &&
    a.signed.requestId === p.requestId &&
    a.signed.providerOrganisationId === p.providerOrganisationId &&
    signatureOk;
  return ok
    ? null
    : fail(
        b(
          '事業者の電子署名が回答の内容と一致しません。埋め込まれたデータが書き換えられています',
          "the provider's signature does not verify over the answer: the embedded data was altered",
        ),
      );
}

const fail = (message: Bilingual): DocumentCheckResult => ({ check: 'signatures', result: 'fail', message });

/** Why one of the request's two signatures does not verify with the embedded key, or null. */
function signatureProblem(data: DocumentData, role: 'approver' | 'unit'): 'key' | 'signature' | null {
  const env = data.envelope;
  const signer = data.signers.find((s) => s.role === role);
  if (!signer) return 'key';
  if (role === 'approver' && env.v === 2) {
    // The approver signed on their own device (WebAuthn) the digest they reviewed.
    const sig = env.signatures.approver;
    if (signer.keyId !== sig.keyId || !signer.rpId || credentialFingerprint(signer.publicKey) !== signer.fingerprint)
      return 'key';
    return verifyWebAuthnAssertion(signer.publicKey, signer.rpId, approvalDigest(env.payload), sig) === null
      ? null
      : 'signature';
  }
  const sig = role === 'approver' && env.v === 1 ? env.signatures.approver : env.signatures.unit;
  const purpose = role === 'approver' ? SIGNATURE_PURPOSES.requestApproval : SIGNATURE_PURPOSES.requestUnit;
  let fingerprint: string;
  try {
    fingerprint = keyFingerprint(signer.publicKey);
  } catch {
    return 'key';
  }
  if (signer.keyId !== sig.keyId || fingerprint !== signer.fingerprint) return 'key';
  return verifyCanonical(signer.publicKey, purpose, env.payload, sig.signature) ? null : 'signature';
}

function signaturesOf(data: DocumentData): DocumentCheckResult {
  for (const role of ['approver', 'unit'] as const) {
    const who = signerRole(data, role);
    const problem = signatureProblem(data, role);
    if (problem === 'key')
      return fail(
        b(`${who.ja}の公開鍵が署名の鍵と一致しません`, `the ${who.en}'s public key does not match the key that signed`),
      );
    if (problem === 'signature')
      return fail(
        b(
          `${who.ja}の電子署名が要請本体と一致しません。埋め込まれたデータが書き換えられています`,
          `the ${who.en}'s signature does not verify over the request: the embedded data was altered`,
        ),
      );
  }
  const court = courtAttestation(data);
  if (court) return court;
  const answer = answerSignature(data);
  if (answer) return answer;
  // Who signed with which algorithm (a passkey signs with ECDSA P-256, a unit's key with Ed25519), and the keys as
  // the directory shows them (`SHA-256 7140 dc09 …`), since the reader compares them with it.
  const signed = [
    ...data.signers.map((s) => ({ who: signerRole(data, s.role), how: signerAlgorithm(s) })),
    ...(data.answer ? [{ who: b('回答者', 'answering provider'), how: signerAlgorithm(data.answer.signer) }] : []),
  ];
  const fps = [...data.signers.map((s) => s.fingerprint), ...(data.answer ? [data.answer.signer.fingerprint] : [])]
    .map(shownFingerprint)
    .join(', ');
  return {
    check: 'signatures',
    result: 'pass',
    message: b(
      `電子署名は有効です（${signed.map((x) => `${x.who.ja}: ${x.how.ja}`).join('、')}。鍵 ${fps}。` +
        '発行元の鍵であることは鍵の一覧と照合してください）',
      `the signatures verify (${signed.map((x) => `${x.who.en}: ${x.how.en}`).join('; ')}; keys ${fps}; ` +
        "compare them with the directory's keys of the signers)",
    ),
  };
}

/** Offline there is no directory to compare the keys and the printed names with: said in words. */
const OFFLINE = b(
  'オフラインの検証では、署名の鍵と印字された名称・氏名・期限を鍵の一覧（ディレクトリ）と照合していません。' +
    'shokai の検証ページ（文書の検証）で照合できます',
  "offline, the keys and the printed names and deadline are not compared with the directory: shokai's " +
    'verification page (Verify a document) compares them',
);

/**
 * `directory`: the hub's check against its directory and records, run once the signatures verify; without it
 * (offline) the check is skipped and the verdict rests on the signatures and the pages.
 */
export async function verifyDocument(
  bytes: Uint8Array,
  font: Uint8Array,
  directory?: (data: DocumentData) => Promise<DocumentCheckResult>,
): Promise<DocumentVerification> {
  const report: DocumentVerification = {
    ok: false,
    type: null,
    serial: null,
    reference: null,
    verificationCode: null,
    envelopeDigest: null,
    signers: [],
    checks: [],
    unsigned: [],
  };
  const skip = (...checks: DocumentCheck[]) => {
    for (const check of checks)
      report.checks.push({
        check,
        result: 'skipped',
        message: b('前の検査が失敗したため未実施', 'not run: an earlier check failed'),
      });
  };
  let doc: PDFDocument;
  let attached: Uint8Array | undefined;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
    // A file that starts as a PDF but has no document catalog loads, then fails here: unreadable too.
    attached = attachments(doc).get(DOCUMENT_ATTACHMENT);
  } catch {
    report.checks.push({
      check: 'embedded',
      result: 'fail',
      message: b('PDF として読めません', 'the file is not a readable PDF'),
    });
    skip('signatures', 'pages', 'directory');
    return report;
  }
  let data: DocumentData | undefined;
  if (attached) {
    try {
      const parsed = DocumentDataSchema.safeParse(
        JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(attached)),
      );
      if (parsed.success) data = parsed.data;
    } catch {
      // not UTF-8 JSON: reported below
    }
  }
  if (!data) {
    report.checks.push({
      check: 'embedded',
      result: 'fail',
      message: attached
        ? b(
            `埋め込みデータ ${DOCUMENT_ATTACHMENT} の形式が不正です`,
            `the embedded ${DOCUMENT_ATTACHMENT} is malformed`,
          )
        : b(
            `shokai の文書ではありません（埋め込みデータ ${DOCUMENT_ATTACHMENT} がありません）`,
            `not a shokai document (no embedded ${DOCUMENT_ATTACHMENT})`,
          ),
    });
    skip('signatures', 'pages', 'directory');
    return report;
  }
  report.type = data.type;
  report.serial = data.serial;
  report.reference = data.envelope.payload.reference;
  report.verificationCode = verificationCode(data);
  report.envelopeDigest = payloadDigest(data.envelope.payload);
  report.signers = data.signers;
  report.unsigned = unsignedPrint(data);
  report.checks.push({
    check: 'embedded',
    result: 'pass',
    message: b(
      `文書番号 ${data.serial} の署名済みデータがあります`,
      `carries the signed data of document ${data.serial}`,
    ),
  });
  const signatures = signaturesOf(data);
  report.checks.push(signatures);
  if (signatures.result === 'fail') {
    skip('pages', 'directory');
    return report;
  }
  const pages = await pagesCheck(doc, data, font, report.verificationCode);
  report.checks.push(pages);
  const against = directory
    ? await directory(data)
    : { check: 'directory' as const, result: 'skipped' as const, message: OFFLINE };
  report.checks.push(against);
  report.ok = pages.result === 'pass' && against.result !== 'fail';
  return report;
}
