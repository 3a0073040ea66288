export { CryptoError, isCryptoError } from './errors.ts';
export type { CryptoErrorCode } from './errors.ts';
export { canonicalBytes, canonicalJson, sha256Hex } from './canonical.ts';
export {
  clearKeyCache,
  generateEncryptionKeyPair,
  generateSigningKeyPair,
  importPrivateKey,
  importPublicKey,
  keyFingerprint,
  publicKeyFromPrivate,
  tryImportPublicKey,
} from './keys.ts';
export type { KeyAlgorithm, KeyPairExport } from './keys.ts';
export {
  PURPOSE_PATTERN,
  SIGNATURE_PURPOSES,
  canonicalSigningInput,
  sign,
  signCanonical,
  verify,
  verifyCanonical,
} from './signatures.ts';
export { SEAL_ALG, SealedBoxSchema, open, seal } from './seal.ts';
export type { SealedBox } from './seal.ts';
export {
  PASSWORD_PARAMS,
  generateKekSecret,
  hashPassword,
  kekFromSecret,
  loadOrCreateKek,
  passwordNeedsRehash,
  rewrapKey,
  unwrapKey,
  verifyPassword,
  wrapKey,
  wrappedKeyKekId,
} from './key-wrap.ts';
export type { KeyEncryptionKey, WrappedKey } from './key-wrap.ts';
export {
  GENESIS_HASH,
  chainEntry,
  entryHash,
  signCheckpoint,
  verifyAuditChain,
  verifyCheckpointSignature,
} from './audit-chain.ts';
export type {
  AuditCheckpoint,
  AuditEntryContent,
  AuditProblem,
  AuditVerification,
  ChainedAuditEntry,
  VerifyAuditOptions,
} from './audit-chain.ts';
