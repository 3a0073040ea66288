import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { parseNatConfigs } from '../../src/attribution/nat-config.ts';
import type { LogFormat } from '../../src/attribution/parsers/index.ts';
import { openAttributionStore } from '../../src/attribution/store/open.ts';
import type { AttributionStore } from '../../src/attribution/store/types.ts';
import { parseSubscriberHeader, parseSubscriberLine, type Subscriber } from '../../src/attribution/subscribers.ts';
import { type Dialect, freshLocation } from '../support/dialects.ts';
import { fixture } from './helpers.ts';

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
): Promise<{ store: AttributionStore; dir: string; url: string; drop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-attr-'));
  const loc = await freshLocation(dialect, dir);
  const store = await openAttributionStore(loc.location);
  for (const s of SOURCES) {
    await ingestFiles(store, [fixture(s.file)], { format: s.format, ...(s.zone ? { zone: s.zone } : {}) });
  }
  const det = join(dir, 'det.csv');
  writeFileSync(
    det,
    'type,start,end,address,port_low,port_high,inside_address,account\nassign,2026-03-29T00:00:00+09:00,2026-03-30T00:00:00+09:00,100.65.0.255,,,,kenji\n',
  );
  await ingestFiles(store, [det], { format: 'generic-csv' });
  await store.upsertSubscribers(loadSubscribers(fixture('subscribers.csv')));
  await store.addNatConfigs(parseNatConfigs(JSON.parse(readFileSync(fixture('nat-config.json'), 'utf8'))));
  const drop = async (): Promise<void> => {
    await loc.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, dir, url: loc.url, drop };
}
