import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatIsoAtOffset } from '../domain/time.ts';

// DEMO ONLY. The demo's ISP (日本ネットワーク通信) is asked who used 203.0.113.7 port 40211 at the time of the
// board's answer. Its records are not the hub's: a provider looks them up in its own installation, from its own
// logs. The first start writes such records for the demo — a carrier-grade NAT log that puts two subscribers
// behind that one public address on neighbouring port blocks, the access log of their inside addresses, and the
// subscriber directory — into their own folder, with the commands that load them into the ISP's own store and
// ask the question: with the port the answer is one subscriber; without it, both (the port decides).

/** What the demo's trace asks the ISP: the board's answer's source address and port, at its time (+09:00). */
export interface DemoIspTrace {
  address: string;
  port: number;
  at: string;
  /** Seconds either side of `at` the warrant allows (the board's clock and the ISP's). */
  toleranceSeconds: number;
}

/** The folder of the demo ISP's own installation, inside the demo's data folder. */
export const DEMO_ISP_FOLDER = 'demo-isp';

const HOUR = 3600_000;
const GENERIC_HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';

/** The demo ISP's record files (name and text), around the trace's instant. */
export function demoIspRecordFiles(trace: DemoIspTrace): Array<{ name: string; text: string }> {
  const at = Date.parse(trace.at);
  if (Number.isNaN(at)) throw new Error(`demo: the ISP's trace time cannot be read: ${trace.at}`);
  const t = (offsetHours: number) => formatIsoAtOffset(at + offsetHours * HOUR, 9 * 60);
  // The port's block of 256 and the next: one public address, two subscribers.
  const low = trace.port - (trace.port % 256);
  const nat = [
    `nat,${t(-3)},${t(5)},${trace.address},${low},${low + 255},100.64.3.9,`,
    `nat,${t(-3)},${t(5)},${trace.address},${low + 256},${low + 511},100.64.3.10,`,
  ];
  const access = [
    `assign,${t(-21)},${t(27)},100.64.3.9,,,,nn-0042`,
    `assign,${t(-21)},${t(27)},100.64.3.10,,,,nn-0077`,
  ];
  // Fictional people at fictional addresses (架空), contracts open.
  const person = (account: string, name: string, kana: string, address: string, start: string) =>
    [account, name, kana, address, address, `03-0000-${account.slice(-4)}`, `${account}@example.jp`, start, ''].join(
      ',',
    );
  const subscribers = [
    'account,name,name_kana,installation_address,billing_address,phone,email,contract_start,contract_end',
    person('nn-0042', '山本 健', 'ヤマモト ケン', '東京都千代田区（架空）1-2-3', '2024-04-01'),
    person('nn-0077', '中村 彩', 'ナカムラ アヤ', '東京都港区（架空）4-5-6', '2025-01-15'),
  ];
  const csv = (lines: string[]) => `${lines.join('\n')}\n`;
  return [
    { name: 'cgnat.csv', text: csv([GENERIC_HEADER, ...nat]) },
    { name: 'access.csv', text: csv([GENERIC_HEADER, ...access]) },
    { name: 'subscribers.csv', text: csv(subscribers) },
  ];
}

/**
 * The commands, run from the project's folder, that make the ISP's own store, load its records and ask the
 * trace's question as the installation's own operator — with the port, then without. `dataDir` is the demo's
 * data folder (`./data`): the ISP's installation is a folder of its own inside it (its own store, keys, audit).
 */
export function demoIspCommands(dataDir: string, trace: DemoIspTrace): string[] {
  const home = join(dataDir, DEMO_ISP_FOLDER);
  const inside = relative(process.cwd(), home);
  const shown = inside && !inside.startsWith('..') ? inside : home;
  const store = join(shown, 'shokai.sqlite');
  const records = join(shown, 'records');
  const cli = `SHOKAI_DATA_DIR=${shown} npm run -s shokai --`;
  const ask = `${cli} logs lookup --store ${store} --ip ${trace.address}`;
  return [
    `${cli} db migrate --store ${store}`,
    `${cli} logs ingest --store ${store} --format generic-csv ${records}/cgnat.csv ${records}/access.csv`,
    `${cli} logs subscribers --store ${store} ${records}/subscribers.csv`,
    `${ask} --port ${trace.port} --at ${trace.at} --tolerance ${trace.toleranceSeconds}s`,
    `${ask} --at ${trace.at} --tolerance ${trace.toleranceSeconds}s`,
  ];
}

/** Where the commands are kept beside the records (a restarted demo points there). */
export const demoIspCommandsPath = (dataDir: string): string => join(dataDir, DEMO_ISP_FOLDER, 'commands.txt');

/**
 * Writes the records into `<dataDir>/demo-isp/records/` (sample data, nobody's real records) and the commands
 * beside them, in both languages.
 */
export function writeDemoIspRecords(dataDir: string, trace: DemoIspTrace): void {
  const dir = join(dataDir, DEMO_ISP_FOLDER, 'records');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const f of demoIspRecordFiles(trace)) writeFileSync(join(dir, f.name), f.text, { mode: 0o600 });
  const text = [...DEMO_ISP_HEADING.ja, ...DEMO_ISP_HEADING.en, '', ...demoIspCommands(dataDir, trace), ''];
  writeFileSync(demoIspCommandsPath(dataDir), text.join('\n'), { mode: 0o600 });
}

/** What the commands show, in both languages (the first start prints one, the kept file holds both). */
export const DEMO_ISP_HEADING = {
  ja: [
    'デモの ISP（日本ネットワーク通信）が自社の設置で自社の記録から利用者を特定する手順（記録は架空）:',
    '  自社のストアを作り、CGNAT・アクセスログと契約者名簿を取り込んで、設置の運用者として照会します。',
    '  ポートを付けると 1 人、付けないと同じアドレスの 2 人が候補になります。',
  ],
  en: [
    "How the demo's ISP (Nihon Network Communications) finds the subscriber from its own records, in its own",
    '  installation (the records are fictional): its own store, its CGNAT and access logs and subscriber list loaded,',
    '  then the question — with the port one subscriber; without it, both behind that address.',
  ],
} as const;
