import type { RegistrySource } from './types.ts';

/** Guess a registry file's format from its first few kilobytes; null when none fits. */
export function detectRegistryFormat(text: string): RegistrySource['format'] | null {
  const head = text.slice(0, 8192).replace(/^\uFEFF/, '');
  const t = head.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    if (/"objectClassName"\s*:\s*"ip network"/.test(head) || /"ipSearchResults"/.test(head)) return 'rdap';
  }
  if (/\[(Network Number|ネットワーク番号)\]/.test(head)) return 'jpnic';
  if (/^[a-z]+\|[A-Za-z*]{0,2}\|(ipv4|ipv6|asn)\|/m.test(head) || /^\d+(\.\d+)?\|[a-z]+\|\d+\|/m.test(head))
    return 'delegated';
  return null;
}
