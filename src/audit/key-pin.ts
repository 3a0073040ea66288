import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { tryFromB64u } from '../crypto/encoding.ts';
import { keyFingerprint } from '../crypto/keys.ts';
import { DomainError } from '../domain/errors.ts';

// The audit key's public half is pinned OUTSIDE the database: in SHOKAI_AUDIT_PUBLIC_KEY, or in a file
// next to the master key (data/audit-key.pub). A key row someone adds to the database is then never
// trusted for tree heads, however it is labelled.

/** Which audit keys are trusted, and where that came from. */
export interface AuditKeyPin {
  /** Raw base64url Ed25519 public keys; empty when nothing is pinned yet. */
  keys: string[];
  source: 'env' | 'file' | 'none';
  file: string;
}

const FINGERPRINT = /^[0-9a-f]{4}(?::[0-9a-f]{4}){7}$/;

/** A pin or an expectation that cannot be used, in both languages: the CLI prints the one it speaks. */
function refused(en: string, ja: string, details?: { field: string; value: string }): DomainError {
  return new DomainError('VALIDATION_FAILED', { ja, en }, details);
}

/** Public keys from a pin's text: one base64url key per line (or comma-separated); '#' starts a comment. */
export function parsePinnedKeys(text: string, where: string): string[] {
  const keys: string[] = [];
  const items = text.split('\n').flatMap((l) => l.replace(/#.*$/, '').split(','));
  for (const raw of items) {
    const line = raw.trim();
    if (line === '') continue;
    if (tryFromB64u(line, 32) === undefined) {
      throw refused(
        `${where}: "${line.slice(0, 60)}" is not an Ed25519 public key (32 bytes, base64url without padding)`,
        `${where}: 「${line.slice(0, 60)}」は Ed25519 公開鍵（32 バイト、パディングなし base64url）ではありません`,
      );
    }
    keys.push(line);
  }
  if (keys.length === 0) {
    throw refused(`${where} holds no public key`, `${where} に公開鍵がありません`);
  }
  return keys;
}

const STORE_LINE = '# store ';

/** A key's lines in the pin file: the store it was made for (a comment), its fingerprint, the key. */
function pinLines(publicKey: string, store: string | undefined): string {
  return `${store ? `${STORE_LINE}${store}\n` : ''}# fingerprint ${keyFingerprint(publicKey)}\n${publicKey}\n`;
}

/**
 * The key the pin file recorded for the store `store` (its `# store` line stands above the key), or
 * undefined: a store that once had a key and has none now was wiped, not made new.
 */
export function pinnedKeyOfStore(file: string, store: string): string | undefined {
  if (!existsSync(file)) return undefined;
  let pending: string | undefined;
  let found: string | undefined;
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith(STORE_LINE)) pending = line.slice(STORE_LINE.length).trim();
    else if (line !== '' && !line.startsWith('#')) {
      if (pending === store) found = line;
      pending = undefined;
    }
  }
  return found;
}

/** The pin in force: SHOKAI_AUDIT_PUBLIC_KEY when set, else the pin file when it exists. */
export function readAuditKeyPin(envValue: string | undefined, file: string): AuditKeyPin {
  if (envValue !== undefined && envValue.trim() !== '') {
    return { keys: parsePinnedKeys(envValue, 'SHOKAI_AUDIT_PUBLIC_KEY'), source: 'env', file };
  }
  if (!existsSync(file)) return { keys: [], source: 'none', file };
  return { keys: parsePinnedKeys(readFileSync(file, 'utf8'), file), source: 'file', file };
}

/**
 * Writes the pin file for a store's first audit key (atomically, and never over an existing file: two
 * processes starting together cannot replace each other's pin). Returns false when a file was there.
 */
export function writeAuditKeyPin(file: string, publicKey: string, store?: string): boolean {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', 0o644);
  try {
    writeSync(
      fd,
      '# shokai: the public audit key (Ed25519, base64url). Tree heads signed by any other key are refused.\n' +
        '# shokai: 監査鍵の公開鍵。これ以外の鍵で署名されたツリーヘッドは信頼しません。\n' +
        pinLines(publicKey, store),
    );
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

/**
 * Adds the audit key of a store's first start to an existing pin file (one line, appended: another
 * process appending its own store's key at the same time cannot interleave with it).
 */
export function appendAuditKeyPin(file: string, publicKey: string, store?: string): void {
  const fd = openSync(file, 'a');
  try {
    writeSync(fd, pinLines(publicKey, store));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** What `--expect-key` names: a fingerprint, or a file of public keys (a pin file, or one key). */
export type ExpectedKey = { fingerprint: string } | { keys: string[] };

export function parseExpectedKey(arg: string): ExpectedKey {
  const s = arg.trim().toLowerCase();
  if (FINGERPRINT.test(s)) return { fingerprint: s };
  if (!existsSync(arg)) {
    throw refused(
      `--expect-key: "${arg}" is neither a key fingerprint (eight groups of four hex digits) nor a file`,
      `--expect-key: 「${arg}」は鍵フィンガープリント（4 桁の 16 進数 8 組）でもファイルでもありません`,
      { field: '--expect-key', value: arg },
    );
  }
  return { keys: parsePinnedKeys(readFileSync(arg, 'utf8'), arg) };
}

/** Whether a public key is one the expectation names. */
export function expectedKeyMatches(expected: ExpectedKey, publicKey: string): boolean {
  if ('keys' in expected) return expected.keys.includes(publicKey);
  try {
    return keyFingerprint(publicKey) === expected.fingerprint;
  } catch {
    return false;
  }
}
