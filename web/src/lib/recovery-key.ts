// The recovery key file the devices page saved when the answer key moved to the devices, read back to
// give this browser the key: every way it can be wrong is said in words (another file, a file damaged,
// a recovery key of another unit or one removed), not as an unexpected error.

import { z } from 'zod';
import type { Schemas } from '#shokai/client';
import { b64uToBytes, type DeviceHandle, importDevicePrivateKey, publicKeyOfPrivate } from '#shokai/custody';
import type { Bilingual } from '#shokai/vocabulary';
import { FormIssues } from './error-text.ts';

export const RECOVERY_KEY_FORMAT = 'shokai-recovery-key/v1';

const RecoveryKeyFile = z.object({
  format: z.literal(RECOVERY_KEY_FORMAT),
  deviceId: z.string().min(1),
  publicKey: z.string().min(1),
  privateKey: z.string().min(1),
});

export const RECOVERY_KEY_REFUSALS = {
  not_recovery_key: {
    ja:
      'このファイルは shokai の回復鍵ではありません' +
      '（回答鍵を端末保管へ移行したときに保存した shokai-recovery-….json を選んでください）',
    en:
      'This file is not a shokai recovery key ' +
      '(choose the shokai-recovery-….json saved when the answer key moved to the devices)',
  },
  not_this_unit: {
    ja: 'この回復鍵は、この所属で有効な回復鍵ではありません（別の所属のもの、または除外されたものです）',
    en: 'This recovery key is not a recovery key in force for this unit (it is of another unit, or was removed)',
  },
  key_differs: {
    ja: 'ファイルの鍵が、この回復鍵として登録された公開鍵と一致しません（ファイルが書き換えられています）',
    en: "The file's key is not the public key registered for this recovery key (the file was altered)",
  },
  damaged: {
    ja: '回復鍵ファイルが壊れています（秘密鍵を読み取れません）',
    en: 'The recovery key file is damaged (its private key cannot be read)',
  },
} satisfies Record<string, Bilingual>;

function refused(reason: keyof typeof RECOVERY_KEY_REFUSALS): FormIssues {
  return new FormIssues([RECOVERY_KEY_REFUSALS[reason]]);
}

/**
 * The recovery device a file holds, its private key imported (not extractable), checked against the
 * unit's devices: an enrolled recovery key with the same public key. Throws FormIssues in words.
 */
export async function readRecoveryKey(text: string, devices: ReadonlyArray<Schemas['Device']>): Promise<DeviceHandle> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refused('not_recovery_key');
  }
  const file = RecoveryKeyFile.safeParse(json);
  if (!file.success) throw refused('not_recovery_key');
  const { deviceId, publicKey } = file.data;
  const device = devices.find((d) => d.id === deviceId && d.kind === 'recovery' && d.state === 'enrolled');
  if (!device) throw refused('not_this_unit');
  if (device.publicKey !== publicKey) throw refused('key_differs');
  const pkcs8 = b64uToBytes(file.data.privateKey);
  if (!pkcs8) throw refused('damaged');
  let ownPublic: string;
  try {
    // The private key's own public key, to be the registered one (a file whose private key was swapped
    // would otherwise fail only when the first key is unwrapped).
    ownPublic = await publicKeyOfPrivate(pkcs8);
  } catch {
    throw refused('damaged');
  }
  if (ownPublic !== publicKey) throw refused('key_differs');
  const privateKey = await importDevicePrivateKey(pkcs8);
  return { id: deviceId, publicKey, privateKey };
}
