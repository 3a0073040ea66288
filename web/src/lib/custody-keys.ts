import type { Schemas } from '#shokai/client';

/**
 * The earlier answer keys (from before a rotation) this device holds that the head may still mark
 * compromised on the devices page: neither the current key (marked with its replacement) nor one
 * already marked (not passed on).
 */
export function earlierKeysToMark(
  held: ReadonlyArray<Schemas['WrappedKey']>,
): Array<{ id: string; fingerprint: string }> {
  return held.filter((k) => !k.current && k.passOn).map((k) => ({ id: k.keyId, fingerprint: k.fingerprint }));
}
