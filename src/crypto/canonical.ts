import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export { canonicalJson, MAX_DEPTH } from './canonical-json.ts';

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
