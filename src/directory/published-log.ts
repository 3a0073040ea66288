import type { PublicKeyRecord } from '../domain/key-trust.ts';
import {
  checkHead,
  DIRECTORY_FORMAT,
  type DirectoryExport,
  directoryKeys,
  directoryRoot,
} from '../domain/pinned-directory.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { keyById } from './key.repository.ts';
import { directoryEntries, keptHead } from './transparency.ts';

// What the hub's own signed directory log shows, for the hub's check of a judge's records: the keys and
// the courts in the log up to the latest head the hub signed (./transparency.ts keeps it), as a provider's
// installation reads them from its pin. A key row in the store that the log does not show is no key of
// the log; a log rewritten below that head shows none at all. Each head's log is read and hashed once a
// process (a head's root fixes what its log shows), so a page read costs one setting, one signature check
// and one key row.

/** The keys and courts the hub's signed directory log shows (empty: none signed, or rewritten since). */
export interface SignedLog {
  keys: ReadonlyMap<string, PublicKeyRecord>;
  courts: ReadonlySet<string>;
}

const NOTHING: SignedLog = { keys: new Map(), courts: new Set() };

/** The log of the head last read, by the hub key, size and root that fix it. */
let last: { id: string; log: SignedLog } | undefined;

/** What the hub's directory log shows up to the latest head it signed and kept. */
export async function signedLog(uow: UnitOfWork): Promise<SignedLog> {
  const head = await keptHead(uow);
  if (!head) return NOTHING;
  const { publicKey, fingerprint } = uow.ctx.auditSigner;
  const signed: DirectoryExport = { format: DIRECTORY_FORMAT, hubKey: { publicKey, fingerprint }, head, entries: [] };
  // A head of the size and root already checked shows the same log (its signature was checked then).
  const id = `${fingerprint}:${head.size}:${head.rootHash}`;
  if (last?.id === id) return last.log;
  // Signed by the hub's pinned audit key, or it is no head of the hub's (a row someone wrote).
  if (checkHead(signed)) return NOTHING;
  const entries = (await directoryEntries(uow)).slice(0, head.size);
  if (entries.length < head.size || directoryRoot(entries) !== head.rootHash) return NOTHING;
  const courts = new Set<string>();
  for (const e of entries) if (e.type === 'organisation' && e.kind === 'court') courts.add(e.id);
  const log: SignedLog = { keys: directoryKeys({ ...signed, entries }), courts };
  last = { id, log };
  return log;
}

/**
 * The key `keyId` as the signed log shows it, with an end or revocation the store recorded after its head
 * (the log's next entries: they only append); undefined when the signed log does not show it.
 */
export async function loggedKey(uow: UnitOfWork, log: SignedLog, keyId: string): Promise<PublicKeyRecord | undefined> {
  const k = log.keys.get(keyId);
  if (!k) return undefined;
  const row = await keyById(uow.tx, keyId);
  if (!row) return k;
  return {
    ...k,
    validTo: k.validTo ?? row.valid_to,
    revokedAt: k.revokedAt ?? row.revoked_at,
    revocationReason: k.revokedAt !== null ? k.revocationReason : row.revocation_reason,
  };
}
