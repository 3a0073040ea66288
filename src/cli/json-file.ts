import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { b64uToBytes } from '../crypto/device-seal.ts';
import { DomainError } from '../domain/errors.ts';
import { parseJsonOnce } from '../domain/json-keys.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { tr } from './language.ts';

/**
 * The JSON in a file the person named; one that cannot be read or is not JSON is refused naming the
 * file (`keyFile` names it as a key file).
 */
export function readJsonFile(path: string, kind: 'json' | 'keyFile' = 'json'): unknown {
  try {
    // A key twice in one object is refused: JSON.parse keeps the last value, a person reading the file may
    // see the first (src/domain/json-keys.ts).
    return parseJsonOnce(readFileSync(path, 'utf8'));
  } catch (err) {
    const why = err instanceof DomainError ? tr(err.messages.ja, err.messages.en) : (err as Error).message;
    throw new Error(
      kind === 'keyFile'
        ? tr(`鍵ファイル ${path} を読めません: ${why}`, `cannot read the key file ${path}: ${why}`)
        : tr(`${path} を JSON として読めません: ${why}`, `cannot read ${path} as JSON: ${why}`),
    );
  }
}

/** A key file read and checked against its schema: one that cannot be read, or does not fit, is refused as keyFile. */
export function readKeyFileAs<S extends z.ZodType>(schema: S, path: string): z.output<S> {
  return parseOrThrow(schema, readJsonFile(path, 'keyFile'), 'keyFile');
}

/**
 * Writes a key file (indented JSON) readable by its owner only (mode 0600). A new one never replaces
 * a file already there; `update` rewrites the person's own key file (a key id the hub returned).
 */
export function writeKeyFile(path: string, value: unknown, mode: 'new' | 'update' = 'new'): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: mode === 'new' ? 'wx' : 'w' });
  chmodSync(path, 0o600);
}

/** The private key of a key file, from its base64url; refused naming the file when it is not base64url. */
export function privateKeyBytes(path: string, privateKey: string): Uint8Array {
  const bytes = b64uToBytes(privateKey);
  if (!bytes)
    throw new Error(tr(`${path}: privateKey が base64url ではありません`, `${path}: privateKey is not base64url`));
  return bytes;
}
