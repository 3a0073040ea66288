import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';
import { z } from 'zod';

// A software WebAuthn authenticator, FOR THE DEMO AND TESTS ONLY: it plays the part of a person's
// passkey so that the demo's users get credentials through the same ceremonies as real ones, and its
// private keys live in the demo's own file (data/demo-authenticators.json, mode 0600) — outside the
// hub's store, never in it. It always reports user verification, which a real authenticator does only
// after a PIN or a biometric: it must never stand in for a person's device outside the demo.

export const SoftCredentialSchema = z.strictObject({
  credentialId: z.string().min(1),
  /** P-256 private key, PKCS#8 DER in base64url. */
  privateKey: z.string().min(1),
  rpId: z.string().min(1),
  userHandle: z.string(),
  signCount: z.number().int().min(0),
});
export type SoftCredential = z.infer<typeof SoftCredentialSchema>;

const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

function clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, origin: string): Buffer {
  return Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false }), 'utf8');
}

function authData(rpId: string, flags: number, signCount: number, attested?: Buffer): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(signCount);
  return Buffer.concat([
    createHash('sha256').update(rpId, 'utf8').digest(),
    Buffer.from([flags]),
    count,
    ...(attested ? [attested] : []),
  ]);
}

/** The registration options a relying party sends (the part the authenticator needs). */
export interface CreationOptions {
  challenge: string;
  rp: { id?: string };
  user: { id: string };
}

/** The COSE_Key (ES256) of a P-256 public key, as an authenticator reports it and the hub stores it. */
function coseKeyOf(publicKey: KeyObject): Uint8Array {
  const jwk = publicKey.export({ format: 'jwk' });
  return isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, 2],
      [3, -7],
      [-1, 1],
      [-2, new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'))],
      [-3, new Uint8Array(Buffer.from(jwk.y ?? '', 'base64url'))],
    ]),
  );
}

/** The credential's public key as the hub keeps a passkey's (`keys.public_key`: its COSE_Key, base64url). */
export function softPublicKey(credential: SoftCredential): string {
  const key = createPrivateKey({ key: Buffer.from(credential.privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
  return b64u(coseKeyOf(createPublicKey(key)));
}

/**
 * Creates a new credential (ES256) for the options, as a browser's navigator.credentials.create would:
 * returns the new credential (to keep) and the RegistrationResponseJSON to send to the relying party.
 */
export function softRegister(
  options: CreationOptions,
  origin: string,
): {
  credential: SoftCredential;
  response: {
    id: string;
    rawId: string;
    type: 'public-key';
    response: { clientDataJSON: string; attestationObject: string; transports: ['internal'] };
    clientExtensionResults: Record<string, never>;
    authenticatorAttachment: 'platform';
  };
} {
  const rpId = options.rp.id ?? new URL(origin).hostname;
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const credId = randomBytes(32);
  const cose = coseKeyOf(publicKey);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(credId.length);
  const attested = Buffer.concat([Buffer.alloc(16), len, credId, Buffer.from(cose)]);
  // UP | UV | AT
  const ad = authData(rpId, 0x01 | 0x04 | 0x40, 0, attested);
  const attestationObject = isoCBOR.encode(
    new Map<string, string | Map<string, string> | Uint8Array>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, string>()],
      ['authData', new Uint8Array(ad)],
    ]),
  );
  const credential: SoftCredential = {
    credentialId: b64u(credId),
    privateKey: b64u(privateKey.export({ format: 'der', type: 'pkcs8' })),
    rpId,
    userHandle: options.user.id,
    signCount: 0,
  };
  return {
    credential,
    response: {
      id: credential.credentialId,
      rawId: credential.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: b64u(clientData('webauthn.create', options.challenge, origin)),
        attestationObject: b64u(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    },
  };
}

/** An AuthenticationResponseJSON for the challenge, as navigator.credentials.get would return it. */
export interface SoftAssertion {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle: string };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment: 'platform';
}

/**
 * Signs a challenge with the credential (user present and verified), as navigator.credentials.get
 * would. Like a synced passkey it reports no signature counter (always 0), so the demo's file never
 * changes after the ceremony.
 */
export function softAssert(credential: SoftCredential, challenge: string, origin: string): SoftAssertion {
  const ad = authData(credential.rpId, 0x01 | 0x04, credential.signCount);
  const cd = clientData('webauthn.get', challenge, origin);
  const key = createPrivateKey({ key: Buffer.from(credential.privateKey, 'base64url'), format: 'der', type: 'pkcs8' });
  const signature = sign('sha256', Buffer.concat([ad, createHash('sha256').update(cd).digest()]), key);
  return {
    id: credential.credentialId,
    rawId: credential.credentialId,
    type: 'public-key',
    response: {
      clientDataJSON: b64u(cd),
      authenticatorData: b64u(ad),
      signature: b64u(signature),
      userHandle: credential.userHandle,
    },
    clientExtensionResults: {},
    authenticatorAttachment: 'platform',
  };
}

/** The origin the demo's ceremonies claim: the RP id itself (http only for localhost, as browsers allow). */
export function demoOrigin(rpId: string): string {
  return rpId === 'localhost' ? 'http://localhost' : `https://${rpId}`;
}

/** A digest (hex) as the WebAuthn challenge: its bytes in base64url. */
export function challengeOf(digestHex: string): string {
  return Buffer.from(digestHex, 'hex').toString('base64url');
}
