// Messages signed in the test with keys made in the test (mailauth's signer), and the key records an
// analyst would supply for them: no network anywhere.
import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import { sealMessage } from 'mailauth/lib/arc/index.js';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';

export interface Keys {
  rsa: { privateKey: KeyObject; publicKey: KeyObject };
  ed: { privateKey: KeyObject; publicKey: KeyObject };
  other: { privateKey: KeyObject; publicKey: KeyObject };
}

export function makeKeys(): Keys {
  return {
    rsa: generateKeyPairSync('rsa', { modulusLength: 2048 }),
    ed: generateKeyPairSync('ed25519'),
    other: generateKeyPairSync('rsa', { modulusLength: 2048 }),
  };
}

const pem = (k: KeyObject): string => k.export({ type: 'pkcs8', format: 'pem' }).toString();
const der = (k: KeyObject): Buffer => k.export({ type: 'spki', format: 'der' });
/** The p= of a DKIM key record: RSA as SubjectPublicKeyInfo, Ed25519 as the bare 32-byte key (RFC 8463). */
export const rsaP = (k: KeyObject): string => der(k).toString('base64');
export const edP = (k: KeyObject): string => der(k).subarray(12).toString('base64');

/** Records for the three keys as a zone-file text (the RSA one split in two strings, as DNS allows). */
export function recordsText(keys: Keys, rsaKey: KeyObject = keys.rsa.publicKey): string {
  const p = rsaP(rsaKey);
  return [
    '# captured 2026-12-05',
    `rsa1._domainkey.example.jp. 3600 IN TXT "v=DKIM1; k=rsa; p=${p.slice(0, 200)}" "${p.slice(200)}"`,
    `ed1._domainkey.example.jp TXT "v=DKIM1; k=ed25519; p=${edP(keys.ed.publicKey)}"`,
    `arc1._domainkey.mx.example.net TXT "v=DKIM1; k=rsa; p=${p}"`,
  ].join('\n');
}

export const SIGNED_AT = new Date('2026-12-05T00:59:00Z');
const BODY = 'Hello from the sender.\r\nA second line.\r\n';
const HEADERS =
  'From: Sender <a@example.jp>\r\nTo: b@example.net\r\nSubject: test\r\n' +
  'Date: Sat, 05 Dec 2026 09:59:00 +0900\r\nMessage-ID: <t1@example.jp>\r\n';
const RECEIVED =
  'Received: from out.example.jp (out.example.jp [203.0.113.5]) by mx.example.net with ESMTPS id A1;\r\n' +
  ' Sat, 05 Dec 2026 10:00:02 +0900\r\n';

/**
 * A message signed by example.jp (RSA and Ed25519), received by mx.example.net, which sealed it with an
 * ARC set (authserv-id mx.example.net) above its Received.
 */
export async function signedMessage(keys: Keys, options: { expires?: Date } = {}): Promise<string> {
  const message = `${HEADERS}\r\n${BODY}`;
  const common = { signTime: SIGNED_AT, ...(options.expires ? { expires: options.expires } : {}) };
  const dkim = await dkimSign(message, {
    signingDomain: 'example.jp',
    selector: 'rsa1',
    privateKey: pem(keys.rsa.privateKey),
    ...common,
    signatureData: [
      { signingDomain: 'example.jp', selector: 'rsa1', privateKey: pem(keys.rsa.privateKey), ...common },
      {
        signingDomain: 'example.jp',
        selector: 'ed1',
        privateKey: pem(keys.ed.privateKey),
        algorithm: 'ed25519-sha256',
        ...common,
      },
    ],
  });
  if (dkim.errors.length > 0) throw new Error(`signing failed: ${JSON.stringify(dkim.errors)}`);
  const received = RECEIVED + dkim.signatures + message;
  const seal = await sealMessage(received, {
    signingDomain: 'mx.example.net',
    selector: 'arc1',
    privateKey: pem(keys.rsa.privateKey),
    cv: 'none',
    signTime: SIGNED_AT,
    authResults: 'mx.example.net; dkim=pass header.d=example.jp header.s=rsa1; spf=pass smtp.mailfrom=example.jp',
  });
  return seal.toString() + received;
}

/** The same message with one byte of its body changed. */
export const tamperBody = (m: string): string => m.replace('Hello from', 'Hellp from');

/**
 * A message of about `size` bytes: a short text and a PDF-like attachment of random bytes in base64 lines
 * of 76, signed by example.jp (rsa1) over the whole body, as a threatening mail with a document arrives.
 */
/** The DKIM-Signature field example.jp's rsa1 key puts on `message`, at SIGNED_AT. */
export async function rsa1Signature(keys: Keys, message: string | Buffer): Promise<string> {
  const signer = {
    signTime: SIGNED_AT,
    signingDomain: 'example.jp',
    selector: 'rsa1',
    privateKey: pem(keys.rsa.privateKey),
  };
  const dkim = await dkimSign(message, { ...signer, signatureData: [signer] });
  if (dkim.errors.length > 0) throw new Error(`signing failed: ${JSON.stringify(dkim.errors)}`);
  return dkim.signatures;
}

export async function signedWithAttachment(keys: Keys, size: number): Promise<string> {
  const raw = randomBytes(Math.floor((size * 3) / 4));
  const b64 = raw.toString('base64').replace(/.{1,76}/g, (l) => `${l}\r\n`);
  const body =
    '--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee the attached.\r\n' +
    '--b1\r\nContent-Type: application/pdf; name="demand.pdf"\r\nContent-Transfer-Encoding: base64\r\n' +
    `Content-Disposition: attachment; filename="demand.pdf"\r\n\r\n${b64}--b1--\r\n`;
  const message = `${HEADERS}MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n${body}`;
  return RECEIVED + (await rsa1Signature(keys, message)) + message;
}

/** 「こんにちは、テストです。」 in Shift_JIS: bytes that are not UTF-8 (0x82 0xb1 … would become U+FFFD). */
const SJIS_TEXT = Buffer.from('82b182f182c982bf82cd814183658358836782c582b78142', 'hex');

/**
 * A Japanese message whose text part is Shift_JIS sent as 8-bit bytes (Content-Transfer-Encoding: 8bit), as
 * older Japanese mailers send it, signed by example.jp (rsa1) over those bytes.
 */
export async function signedShiftJis(keys: Keys): Promise<Buffer> {
  const head =
    `${HEADERS}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\n` +
    'Content-Transfer-Encoding: 8bit\r\n\r\n';
  const message = Buffer.concat([Buffer.from(head), SJIS_TEXT, Buffer.from('\r\n')]);
  return Buffer.concat([Buffer.from(RECEIVED + (await rsa1Signature(keys, message))), message]);
}
