// Answers signed and sealed on the PROVIDER's side (issue 11; browser-safe: WebCrypto only, like
// custody.ts). The provider's browser (its legal officer's passkey) or its own installation (its
// installation key, Ed25519) signs the answer, seals it to the requesting unit's current answer key
// and to the provider's own record key, and signs the box for the hub; the hub never sees the answer.
//
//   inner  = {signed, signature, keyId[, webauthn]}        sealed (aad: the request id) to the unit and to the provider
//   outer  = signature over {requestId, sealed}            checked by the hub, blind
//
// The same module verifies the inner signature on the investigator's device (custody.ts).
import { canonicalJson } from '../crypto/canonical-json.ts';
import { b64uToBytes, bytesToB64u, CUSTODY_KEY_ALGORITHM, sealBox, type WebKey } from '../crypto/device-seal.ts';
import {
  type AnswerContent,
  AnswerContentSchema,
  answerWithUploadedFiles,
  validateAnswerContent,
} from '../domain/answer-content.ts';
import {
  ANSWER_PURPOSE,
  type AnswerBox,
  type AnswerRequestFacts,
  type AnswerSignatureProblem,
  answerSigningInput,
  type InnerAnswer,
  installationKeyProofInput,
  outerSigned,
  SEALED_ANSWER_PURPOSE,
  type SealedAnswerSubmission,
  signedAnswerOf,
  type WebAuthnParts,
} from '../domain/answer-signing.ts';
import { keyTrustedFor, type PublicKeyRecord, signingKeyOf } from '../domain/key-trust.ts';
import { RequestContentSchema } from '../domain/request-content.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { type ApiClient, type Schemas, unwrap } from './client.ts';
import { verifyAssertionOffline } from './webauthn-verify.ts';

export type { SealedAnswerSubmission } from '../domain/answer-signing.ts';

type Subtle = typeof globalThis.crypto.subtle;
const subtle = (): Subtle => globalThis.crypto.subtle;
const enc = new TextEncoder();

export async function sha256Hex(text: string | Uint8Array): Promise<string> {
  const bytes = typeof text === 'string' ? enc.encode(text) : new Uint8Array(text);
  const d = new Uint8Array(await subtle().digest('SHA-256', bytes));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A key an answer is sealed to, as the hub's directory lists it. */
export interface AnswerRecipientKey {
  id: string;
  publicKey: string;
  /** 'ECDH-P256' (held on the owner's devices) or 'X25519' (a legacy owner whose key the hub holds). */
  algorithm: string;
}

/** What a signer returns: the signature (base64url) and, for a passkey, what verifies it offline. */
export interface AnswerSignature {
  signature: string;
  webauthn?: WebAuthnParts;
}

/**
 * Who signs: the provider's installation key or its legal officer's passkey. `sign` is given the exact
 * text to sign and its SHA-256 (hex): an Ed25519 key signs the text, a passkey signs the digest as its
 * challenge. It is called twice per answer: the answer itself, then the box the unit receives.
 */
export interface AnswerSigner {
  keyId: string;
  /** The installation key's public part, when the signer holds one (the watch of own keys knows it by it). */
  publicKey?: string;
  sign(input: string, digestHex: string): Promise<AnswerSignature>;
}

/** A signer holding the provider's installation key (an Ed25519 private key, non-extractable is fine). */
export function installationKeySigner(keyId: string, privateKey: WebKey, publicKey?: string): AnswerSigner {
  return {
    keyId,
    ...(publicKey === undefined ? {} : { publicKey }),
    async sign(input) {
      const sig = new Uint8Array(await subtle().sign('Ed25519', privateKey, enc.encode(input)));
      return { signature: bytesToB64u(sig) };
    },
  };
}

/** An assertion as navigator.credentials.get (or @simplewebauthn/browser's startAuthentication) returns it. */
export interface PasskeyAssertion {
  id: string;
  response: { authenticatorData: string; clientDataJSON: string; signature: string };
}

/**
 * A signer asking the legal officer's passkey: `assert(challenge)` runs the WebAuthn ceremony with the
 * challenge (base64url of the digest), user verification required, and returns the assertion.
 */
export function passkeySigner(keyId: string, assert: (challenge: string) => Promise<PasskeyAssertion>): AnswerSigner {
  return {
    keyId,
    async sign(_input, digestHex) {
      const challenge = bytesToB64u(Uint8Array.from(digestHex.match(/../g) ?? [], (h) => Number.parseInt(h, 16)));
      const a = await assert(challenge);
      return {
        signature: a.response.signature,
        webauthn: {
          credentialId: a.id,
          authenticatorData: a.response.authenticatorData,
          clientDataJSON: a.response.clientDataJSON,
        },
      };
    },
  };
}

const isPair = (k: unknown): k is { publicKey: WebKey; privateKey: WebKey } =>
  typeof k === 'object' && k !== null && 'publicKey' in k && 'privateKey' in k;

// ---- the installation key (generated on the provider's own machine) ----

/** A new installation key pair (Ed25519); the private part as PKCS#8 to keep in the installation's key file. */
export async function generateInstallationKey(): Promise<{ publicKey: string; pkcs8: Uint8Array }> {
  const pair: unknown = await subtle().generateKey('Ed25519', true, ['sign', 'verify']);
  if (!isPair(pair)) throw new Error('WebCrypto did not return an Ed25519 key pair');
  return {
    publicKey: bytesToB64u(new Uint8Array(await subtle().exportKey('raw', pair.publicKey))),
    pkcs8: new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey)),
  };
}

export async function importInstallationKey(pkcs8: Uint8Array): Promise<WebKey> {
  return subtle().importKey('pkcs8', new Uint8Array(pkcs8), 'Ed25519', false, ['sign']);
}

/** The proof of possession an installation key's registration carries (signed by the new key). */
export async function installationKeyProof(privateKey: WebKey, organisationId: string, publicKey: string) {
  const sig = await subtle().sign(
    'Ed25519',
    privateKey,
    enc.encode(installationKeyProofInput(organisationId, publicKey)),
  );
  return bytesToB64u(new Uint8Array(sig));
}

// ---- sealing ----

const LEGACY_ALG = 'X25519-HKDF-SHA256-A256GCM';

/** A box to a legacy owner's X25519 key, in src/crypto/seal.ts's format (the hub can open those). */
async function sealLegacy(key: AnswerRecipientKey, plaintext: string | Uint8Array, aad: string): Promise<AnswerBox> {
  const recipientRaw = b64uToBytes(key.publicKey, 32);
  if (!recipientRaw) throw new Error(`key ${key.id} is not an X25519 public key`);
  const recipient = await subtle().importKey('raw', new Uint8Array(recipientRaw), { name: 'X25519' }, false, []);
  const eph: unknown = await subtle().generateKey('X25519', true, ['deriveBits']);
  if (!isPair(eph)) throw new Error('WebCrypto did not return an X25519 key pair');
  const epkRaw = new Uint8Array(await subtle().exportKey('raw', eph.publicKey));
  const shared = new Uint8Array(await subtle().deriveBits({ name: 'X25519', public: recipient }, eph.privateKey, 256));
  if (shared.every((b) => b === 0)) throw new Error(`key ${key.id} is not usable (low order)`);
  const info = new Uint8Array([...enc.encode(`shokai/v1 seal ${LEGACY_ALG}\n`), ...epkRaw, ...recipientRaw]);
  const ikm = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const aes = await subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: enc.encode('shokai/v1 seal salt'), info },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
  const epk = bytesToB64u(epkRaw);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const header = canonicalJson({ v: 1, alg: LEGACY_ALG, recipientKeyId: key.id, epk, aad });
  const out = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: enc.encode(header) },
      aes,
      typeof plaintext === 'string' ? enc.encode(plaintext) : new Uint8Array(plaintext),
    ),
  );
  return {
    v: 1,
    alg: LEGACY_ALG,
    recipientKeyId: key.id,
    epk,
    iv: bytesToB64u(iv),
    ct: bytesToB64u(out.slice(0, out.length - 16)),
    tag: bytesToB64u(out.slice(out.length - 16)),
  };
}

/** Seals to a recipient key as the directory lists it: a device-held key (P-256) or a legacy hub-held one (X25519). */
export async function sealToRecipient(
  key: AnswerRecipientKey,
  plaintext: string | Uint8Array,
  aad: string,
): Promise<AnswerBox> {
  if (key.algorithm === CUSTODY_KEY_ALGORITHM) return sealBox(key.publicKey, key.id, plaintext, aad);
  if (key.algorithm === 'X25519') return sealLegacy(key, plaintext, aad);
  throw new Error(`key ${key.id}: cannot seal to a key of algorithm ${key.algorithm}`);
}

export interface AnswerSealInput {
  request: AnswerRequestFacts;
  answer: AnswerContent;
  /** The instant of signing (ISO-8601 with an offset; the provider's clock). */
  answeredAt: string;
  /** The requesting unit's current answer key, as the hub lists it. */
  unitKey: AnswerRecipientKey;
  /** The provider's own current record key (its kept copy). */
  ownKey: AnswerRecipientKey;
  signer: AnswerSigner;
}

/**
 * Builds the whole pre-sealed answer: signs the answer, seals it to the unit and to the provider, and
 * signs the unit's box. The body of `{action: 'answer', sealed: …}` on the request's transitions.
 */
export async function buildSealedAnswer(input: AnswerSealInput): Promise<SealedAnswerSubmission> {
  const answeredAt = new Date(input.answeredAt);
  if (Number.isNaN(answeredAt.getTime()) || !/(Z|[+-]\d\d:\d\d)$/.test(input.answeredAt)) {
    throw new Error(`answeredAt: ${input.answeredAt} is not an instant with an offset`);
  }
  const signed = signedAnswerOf(input.request, input.answer, answeredAt.toISOString());
  const innerText = answerSigningInput(ANSWER_PURPOSE, signed);
  const innerSig = await input.signer.sign(innerText, await sha256Hex(innerText));
  const inner: InnerAnswer = {
    signed,
    signature: innerSig.signature,
    keyId: input.signer.keyId,
    ...(innerSig.webauthn ? { webauthn: innerSig.webauthn } : {}),
  };
  const plaintext = canonicalJson(inner);
  const sealed = await sealToRecipient(input.unitKey, plaintext, input.request.id);
  const sealedForProvider = await sealToRecipient(input.ownKey, plaintext, input.request.id);
  const outerText = answerSigningInput(SEALED_ANSWER_PURPOSE, outerSigned(input.request.id, sealed));
  const outerSig = await input.signer.sign(outerText, await sha256Hex(outerText));
  return {
    sealed,
    sealedForProvider,
    keyId: input.signer.keyId,
    signature: outerSig.signature,
    ...(outerSig.webauthn ? { webauthn: outerSig.webauthn } : {}),
  };
}

/** What the hub lists for sealing an answer to a request: the request's facts, the two keys, the signers. */
export type AnswerKeys = Schemas['AnswerKeys'];

/**
 * The answer as it will be signed, checked on the provider's side (the hub cannot check it any more):
 * it fits the request, and it names exactly the files uploaded for the answer (all of them when it
 * names none). Throws the domain's error naming the field, as the hub did.
 */
export function prepareAnswer(answer: AnswerContent, keys: Pick<AnswerKeys, 'content' | 'attachments'>): AnswerContent {
  const parsed = parseOrThrow(AnswerContentSchema, answer, 'answer');
  const named = answerWithUploadedFiles(parsed, keys.attachments);
  validateAnswerContent(named, RequestContentSchema.parse(keys.content));
  return named;
}

/** The digest of the answer the provider reviews (the same as the hub's legacy preview names). */
export async function answerReviewDigest(request: AnswerRequestFacts, answer: AnswerContent): Promise<string> {
  const { answeredAt: _at, ...reviewed } = signedAnswerOf(request, answer, '');
  return sha256Hex(canonicalJson(reviewed));
}

/**
 * Answers a request from the provider's side: fetches the keys, names the files uploaded for the
 * answer (when the answer does not name them itself), builds the sealed answer and submits it.
 */
export async function submitSealedAnswer(
  api: ApiClient,
  requestId: string,
  answer: AnswerContent,
  signer: AnswerSigner,
  answeredAt: Date = new Date(),
): Promise<Schemas['TransitionResult']> {
  const keys = await unwrap(api.GET('/v1/requests/{id}/answer-keys', { params: { path: { id: requestId } } }));
  const body = await buildSealedAnswer({
    request: keys.request,
    answer: prepareAnswer(answer, keys),
    answeredAt: answeredAt.toISOString(),
    unitKey: keys.unitKey,
    ownKey: keys.ownKey,
    signer,
  });
  return unwrap(
    api.POST('/v1/requests/{id}/transitions', {
      params: { path: { id: requestId } },
      body: { action: 'answer', sealed: body },
    }),
  );
}

// ---- verification on the reader's device ----

export interface AnswerSignatureVerdict {
  valid: boolean;
  problem: AnswerSignatureProblem | null;
  /** The signing key as the directory lists it (undefined when it does not). */
  key?: PublicKeyRecord;
  /** Who signed: the provider's organisation key (its installation key) or a person's passkey. */
  signer: 'organisation' | 'passkey' | null;
}

/**
 * Verifies the provider's signature inside an opened answer against the directory's keys: a key of the
 * answering provider (its organisation key, or the passkey of a person of that provider), trusted at
 * the instant of signing, over exactly this request's answer.
 */
export async function verifyInnerAnswer(
  inner: InnerAnswer,
  expected: { requestId: string; providerOrganisationId: string },
  keys: PublicKeyRecord[],
  now: Date = new Date(),
): Promise<AnswerSignatureVerdict> {
  return verifyProviderSignature(inner, expected.providerOrganisationId, keys, now, () => {
    const signed = inner.signed;
    if (signed.requestId !== expected.requestId || signed.providerOrganisationId !== expected.providerOrganisationId) {
      return 'other_request';
    }
    if (typeof signed.answeredAt !== 'string' || Number.isNaN(Date.parse(signed.answeredAt))) return 'unreadable';
    try {
      return { input: answerSigningInput(ANSWER_PURPOSE, signed), signedAt: signed.answeredAt };
    } catch {
      return 'unreadable';
    }
  });
}

/** A signature a provider made with one of its credentials, as a box carries it. */
export interface ProviderSignature {
  keyId: string;
  signature: string;
  webauthn?: WebAuthnParts;
}

/**
 * The one check of a provider's signature against the directory's keys (an answer's, a provision
 * notice's): a key of that provider (its organisation key, Ed25519, or the passkey of one of its
 * people), trusted at the instant of signing, over exactly the text `content` gives — or the problem
 * `content` finds in what was signed (another request or notice, unreadable).
 */
export async function verifyProviderSignature(
  sig: ProviderSignature,
  providerOrganisationId: string,
  keys: PublicKeyRecord[],
  now: Date,
  content: () => { input: string; signedAt: string } | 'other_request' | 'unreadable',
): Promise<AnswerSignatureVerdict> {
  const fail = (
    problem: AnswerSignatureProblem,
    key?: PublicKeyRecord,
    signer: AnswerSignatureVerdict['signer'] = null,
  ) => ({
    valid: false,
    problem,
    ...(key ? { key } : {}),
    signer,
  });
  const k = keys.find((x) => x.id === sig.keyId);
  if (!k) return fail('key_unknown');
  const orgKey =
    signingKeyOf(k, { ownerType: 'organisation', organisationId: providerOrganisationId }) && k.algorithm === 'Ed25519';
  const passkey = signingKeyOf(k, { ownerType: 'user', organisationId: providerOrganisationId }) && !!k.credential;
  const signer = orgKey ? 'organisation' : passkey ? 'passkey' : null;
  if (!signer) return fail('not_provider', k);
  const c = content();
  if (typeof c === 'string') return fail(c, k, signer);
  const { input, signedAt } = c;
  if (!keyTrustedFor(k, signedAt, now)) return fail('not_trusted', k, signer);
  if (signer === 'passkey') {
    if (!sig.webauthn || !k.credential || sig.webauthn.credentialId !== k.credential.id) {
      return fail('signature', k, signer);
    }
    const problem = await verifyAssertionOffline(k.publicKey, k.credential.rpId, await sha256Hex(input), {
      ...sig.webauthn,
      signature: sig.signature,
    });
    return problem ? fail(problem, k, signer) : { valid: true, problem: null, key: k, signer };
  }
  const raw = b64uToBytes(k.publicKey, 32);
  const bytes = b64uToBytes(sig.signature, 64);
  if (!raw || !bytes || sig.webauthn) return fail('signature', k, signer);
  try {
    const pub = await subtle().importKey('raw', new Uint8Array(raw), 'Ed25519', false, ['verify']);
    const ok = await subtle().verify('Ed25519', pub, new Uint8Array(bytes), enc.encode(input));
    return ok ? { valid: true, problem: null, key: k, signer } : fail('signature', k, signer);
  } catch {
    return fail('signature', k, signer);
  }
}
