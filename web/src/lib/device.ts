// This browser's device key for answers in device custody: a P-256 key pair generated here, its private
// part non-extractable, kept in IndexedDB (one per signed-in person). The hub gets the public part only.
import { type DeviceHandle, registerDevice } from '#shokai/custody';
import { ApiError, apiClient } from '../api/client.ts';

const DB = 'shokai-devices';
const STORE = 'devices';

function db(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const d = await db();
  try {
    return await new Promise<T>((resolve, reject) => {
      const r = fn(d.transaction(STORE, mode).objectStore(STORE));
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  } finally {
    d.close();
  }
}

/** This browser's device for the signed-in person, if it registered one. */
export async function loadDevice(userId: string): Promise<DeviceHandle | null> {
  const v = (await tx('readonly', (s) => s.get(userId))) as DeviceHandle | undefined;
  return v?.id && v.privateKey ? v : null;
}

/** Generates this browser's key (non-extractable), registers its public part, keeps it here. */
export async function registerThisBrowser(userId: string, label: string): Promise<DeviceHandle> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  let bin = '';
  for (const b of raw) bin += String.fromCharCode(b);
  const publicKey = btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const d = await registerDevice(apiClient, { label, kind: 'browser', publicKey });
  const handle: DeviceHandle = { id: d.id, publicKey, privateKey: pair.privateKey };
  await tx('readwrite', (s) => s.put(handle, userId));
  return handle;
}

/**
 * Keeps this browser's device again after it made a custody key (`madeKeys`, recorded on the handle by the
 * key work): the record of the keys made here, which the hub cannot write, that re-sealing relies on.
 */
export async function keepDevice(userId: string, handle: DeviceHandle): Promise<void> {
  await tx('readwrite', (s) => s.put(handle, userId));
}

/** Forgets this browser's device (after the hub removed it). */
export async function forgetDevice(userId: string): Promise<void> {
  await tx('readwrite', (s) => s.delete(userId));
}

/**
 * Opens something sealed to the viewer's keys on this browser's device (device custody): with the
 * hub's opening only for what is still sealed to a key the hub holds (or when this browser is not
 * an enrolled device of the keys'); null when neither can open it here (the key is on devices this
 * browser is not one of).
 */
export async function openHereOrOnHub<D, H>(
  userId: string,
  onDevice: (device: DeviceHandle) => Promise<D>,
  onHub: () => Promise<H>,
): Promise<D | H | null> {
  const device = await loadDevice(userId);
  try {
    if (!device) throw new ApiError(404, null);
    return await onDevice(device);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'CONFLICT') return onHub();
    if (e instanceof ApiError && (e.status === 404 || e.code === 'NOT_FOUND')) {
      try {
        return await onHub();
      } catch (legacy) {
        if (legacy instanceof ApiError && legacy.code === 'OPEN_ON_DEVICE') return null;
        throw legacy;
      }
    }
    throw e;
  }
}
