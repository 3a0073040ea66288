// The provider's installation key file (`shokai provider key init`, or `shokai agent init`'s
// installation.key): read, and its private part imported, on this machine only.
import type { Command } from 'commander';
import { z } from 'zod';
import { type AnswerSigner, importInstallationKey, installationKeySigner } from '../client/answer-seal.ts';
import { publicKeyFromPrivate } from '../crypto/keys.ts';
import { hubSessionOptions } from './hub-session.ts';
import { privateKeyBytes, readKeyFileAs } from './json-file.ts';
import { tr } from './language.ts';

export const KeyFileSchema = z.strictObject({
  format: z.literal('shokai-installation-key/v1'),
  organisationId: z.string().min(1),
  publicKey: z.string().min(1),
  privateKey: z.string().min(1),
  /** The key's id in the hub's directory, once registered. */
  keyId: z.string().min(1).optional(),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

/** The installation key file (refused naming the file when it is not one). */
export function readKeyFile(path: string): KeyFile {
  return readKeyFileAs(KeyFileSchema, path);
}

/** The installation key's private part, from its file. */
export async function privateKeyOf(path: string, f: KeyFile) {
  return importInstallationKey(privateKeyBytes(path, f.privateKey));
}

/**
 * The registered installation key of the file, as the signer of what the provider sends: refused in
 * words while the key is not yet registered at the hub (it has no id there to be checked under).
 */
export async function registeredSigner(
  path: string,
): Promise<{ file: KeyFile & { keyId: string }; signer: AnswerSigner }> {
  const f = readKeyFile(path);
  const keyId = f.keyId;
  if (!keyId) {
    throw new Error(
      tr(
        '設置鍵がまだ登録されていません（shokai provider key register）',
        'the installation key is not registered yet (shokai provider key register)',
      ),
    );
  }
  const signer = installationKeySigner(keyId, await privateKeyOf(path, f), publicKeyFromPrivate(f.privateKey));
  return { file: { ...f, keyId }, signer };
}

export const remote = (c: Command) => hubSessionOptions(c, tr('設置鍵のファイル', 'the installation key file'));
