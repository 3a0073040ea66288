export type {
  AuditCheckpoint,
  AuditEntryContent,
  AuditProblem,
  AuditVerification,
  ChainedAuditEntry,
  VerifyAuditOptions,
} from './audit-chain.ts';
export {
  chainEntry,
  entryHash,
  GENESIS_HASH,
  signCheckpoint,
  verifyAuditChain,
  verifyCheckpointSignature,
} from './audit-chain.ts';
export { canonicalBytes, canonicalJson, sha256Hex } from './canonical.ts';
export type { CryptoErrorCode } from './errors.ts';
export { CryptoError, isCryptoError } from './errors.ts';
export type { KeyEncryptionKey, WrappedKey } from './key-wrap.ts';
export {
  generateKekSecret,
  hashPassword,
  kekFromSecret,
  loadOrCreateKek,
  PASSWORD_PARAMS,
  passwordNeedsRehash,
  rewrapKey,
  unwrapKey,
  verifyPassword,
  wrapKey,
  wrappedKeyKekId,
} from './key-wrap.ts';
export type { KeyAlgorithm, KeyPairExport } from './keys.ts';
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
export type { SealedBox } from './seal.ts';
export { open, SEAL_ALG, SealedBoxSchema, seal } from './seal.ts';
export {
  canonicalSigningInput,
  PURPOSE_PATTERN,
  SIGNATURE_PURPOSES,
  sign,
  signCanonical,
  verify,
  verifyCanonical,
} from './signatures.ts';
