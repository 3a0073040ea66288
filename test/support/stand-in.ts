// What a suite's hook makes before its tests, handed out when the suite is declared: a stand-in that reads
// the made thing afresh at every use (hubHooks, hubWithHooks, boardDeskHooks, populatedStoreHooks).

/**
 * Stands for what `current` gives once a hook has made it: every use reads it afresh, and a property set on
 * the stand-in is set on it (a client given a new passkey in a test signs with it from then on).
 */
export function standIn<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(current(), key),
    set: (_, key, value) => Reflect.set(current(), key, value),
    has: (_, key) => Reflect.has(current(), key),
    ownKeys: () => Reflect.ownKeys(current()),
    getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(current(), key),
  });
}
