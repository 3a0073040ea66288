import { JAPAN_ZONE } from '../domain/time.ts';
import type { DocumentType } from '../domain/vocabulary.ts';

// The documents' constants and the digest arithmetic that rendering needs, free of Node's modules:
// the browser renders a 回答書 on the member's device with the same code (src/documents/device.ts).

export const DOCUMENT_FORMAT = 'shokai-document/v1';
export const DOCUMENT_ATTACHMENT = 'shokai-document.json';
/**
 * The layout this code renders. A printed document is verified by rendering its embedded data again
 * and comparing the pages, so only the layout that printed it can verify it: whoever changes what a
 * document prints (its wording, its line breaking, its order) raises this number. Documents without
 * the number were printed with layout 1. Layout 3: the 意見照会書 states its reply deadline as a date. Layout 7:
 * the names no signature covers are said to be the directory's, each signer's algorithm is named. Layout 8: keys
 * unbroken, the signature block on one page, a second part on a page of its own, the MLAT footer in English too.
 * Layout 9: the 意見照会書 names the ordinance's items asked for, the rights, the legitimate reason, and its
 * deadline as a date. test/documents/golden.test.ts fails when the pages change and this number does not.
 */
export const DOCUMENT_LAYOUT = 9;
/** Documents are dated in Japan's zone, with the offset printed. */
export const DOCUMENT_ZONE = JAPAN_ZONE;

/** Short codes of the document numbers. */
export const SERIAL_CODES: Record<DocumentType, string> = {
  inquiry: 'INQ',
  preservation: 'PRS',
  warrant_summary: 'WRT',
  opinion: 'OPN',
  mlat_letter: 'MLA',
  answer: 'ANS',
};

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The printed verification code of a document digest: its first 80 bits in Crockford base32, 4 groups of 4. */
export function codeOfDigest(hex: string): string {
  let bits = '';
  for (const h of hex.slice(0, 20)) bits += Number.parseInt(h, 16).toString(2).padStart(4, '0');
  let out = '';
  for (let i = 0; i < 80; i += 5) out += CROCKFORD[Number.parseInt(bits.slice(i, i + 5), 2)];
  return out.match(/.{4}/g)?.join('-') ?? out;
}

/** The QR's text: the format, the document number, the verification code and the signed payload's digest. */
export function qrTextOf(serial: string, code: string, envelopeDigest: string): string {
  return `${DOCUMENT_FORMAT};serial=${serial};code=${code};envelope-sha256=${envelopeDigest}`;
}

/** SHA-256 (hex) with WebCrypto, which Node and the browser both have. */
export async function sha256HexOf(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
