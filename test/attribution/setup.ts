import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { importNatConfigs, importSubscribers } from '../../src/attribution/attribution-service.ts';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { fileSha256 } from '../../src/attribution/lines.ts';
import { parseNatConfigs } from '../../src/attribution/nat-config.ts';
import type { LogFormat } from '../../src/attribution/parsers/index.ts';
import { type AttributionRepository, attributionRepository } from '../../src/attribution/store/repositories.ts';
import { parseSubscriberHeader, parseSubscriberLine, type Subscriber } from '../../src/attribution/subscribers.ts';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { type AppContext, createContext } from '../../src/kernel/context.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { openStore } from '../../src/store/database.ts';
import type { StoreLocation } from '../../src/store/location.ts';
import { SETTINGS, setSettingOnce } from '../../src/store/settings.ts';
import { type Dialect, freshLocation } from '../support/dialects.ts';
import { standIn } from '../support/stand-in.ts';
import { fixture } from './helpers.ts';

/** A main store (migrated) with its application context and attribution repository. */
export interface AttributionTestStore {
  ctx: AppContext;
  repo: AttributionRepository;
  close(): Promise<void>;
}

export async function openAttribution(location: StoreLocation): Promise<AttributionTestStore> {
  const store = await openStore(location);
  const ctx = await createContext(store, kekFromSecret(generateKekSecret()));
  return { ctx, repo: attributionRepository(store), close: () => store.close() };
}

/** Loads the subscriber directory and NAT configuration fixtures through the audited use cases. */
export async function loadDirectoryFixtures(ctx: AppContext): Promise<void> {
  const subscribers = fixture('subscribers.csv');
  await run(ctx, importSubscribers, SYSTEM_CALLER, {
    source: { file: subscribers, sha256: fileSha256(subscribers) },
    subscribers: loadSubscribers(subscribers),
    skipped: 1,
  });
  const nat = fixture('nat-config.json');
  await run(ctx, importNatConfigs, SYSTEM_CALLER, {
    source: { file: nat, sha256: fileSha256(nat) },
    configs: parseNatConfigs(JSON.parse(readFileSync(nat, 'utf8'))),
  });
}

export const SOURCES: Array<{ format: LogFormat; file: string; zone?: string }> = [
  { format: 'radius-detail', file: 'radius-detail.txt' },
  { format: 'juniper-pba', file: 'juniper-pba.log' },
  { format: 'kea4', file: 'kea4.csv' },
  { format: 'kea6', file: 'kea6.csv' },
  { format: 'isc-dhcpd', file: 'dhcpd.leases' },
  { format: 'cisco-cgn', file: 'cisco-cgn.log', zone: 'Asia/Tokyo' },
  { format: 'netscaler-lsn', file: 'netscaler-lsn.log' },
  { format: 'conntrack', file: 'conntrack.log' },
  { format: 'generic-csv', file: 'generic-dst.csv', zone: 'Europe/Berlin' },
];

export function loadSubscribers(path: string): Subscriber[] {
  const lines = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const cols = parseSubscriberHeader(lines[0]!);
  const out: Subscriber[] = [];
  for (const l of lines.slice(1)) {
    try {
      out.push(parseSubscriberLine(cols, l));
    } catch {
      // the fixture's deliberately broken line
    }
  }
  return out;
}

/** A fresh store of the given dialect holding every fixture, the subscribers and the NAT configuration. */
export async function populatedStore(
  dialect: Dialect,
): Promise<AttributionTestStore & { dir: string; url: string; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-attr-'));
  const loc = await freshLocation(dialect, dir);
  const opened = await openAttribution(loc.location);
  const store = opened.repo;
  for (const s of SOURCES) {
    await ingestFiles(store, [fixture(s.file)], { format: s.format, ...(s.zone ? { zone: s.zone } : {}) });
  }
  const det = join(dir, 'det.csv');
  writeFileSync(
    det,
    'type,start,end,address,port_low,port_high,inside_address,account\n' +
      'assign,2026-03-29T00:00:00+09:00,2026-03-30T00:00:00+09:00,100.65.0.255,,,,kenji\n',
  );
  await ingestFiles(store, [det], { format: 'generic-csv' });
  await loadDirectoryFixtures(opened.ctx);
  // the records belong to the provider the tests' people work for (service.test.ts: org_provider)
  await inTransaction(opened.ctx, (uow) =>
    setSettingOnce(uow.tx, SETTINGS.attributionOwner, 'org_provider', uow.now.toISOString()),
  );
  const drop = async (): Promise<void> => {
    await loc.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { ...opened, dir, url: loc.url, drop };
}

export type PopulatedStore = Awaited<ReturnType<typeof populatedStore>>;

/**
 * Registers the suite's hooks: a populated store of `dialect` opened before its tests, closed and
 * dropped after them; the store is there once the hooks have run.
 */
export function populatedStoreHooks(dialect: Dialect): PopulatedStore {
  let s: PopulatedStore | undefined;
  before(async () => {
    s = await populatedStore(dialect);
  });
  after(async () => {
    await s?.close();
    await s?.drop();
  });
  return standIn(() => s ?? assert.fail('the store opens in before(): use it inside a test'));
}
