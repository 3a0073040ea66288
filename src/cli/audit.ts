// `shokai audit …`: verify the audit log offline against the pinned key, sign a tree head, print the
// latest one.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkpointNow, currentTreeHead, verifyStoreAudit } from '../audit/audit-service.ts';
import { type ExpectedKey, parseExpectedKey, readAuditKeyPin } from '../audit/key-pin.ts';
import { type SignedTreeHead, SignedTreeHeadSchema } from '../crypto/tree-head.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { loadConfig } from '../kernel/config.ts';
import { cliLocale } from '../kernel/text.ts';
import { openStore } from '../store/database.ts';
import { defaultStore, storeOptionHelp, withContext } from './context.ts';
import { tr } from './language.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const warn = (s: string) => process.stderr.write(`${s}\n`);
const ja = () => cliLocale() === 'ja';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(
      ja()
        ? `${path} を JSON として読めません: ${(err as Error).message}`
        : `cannot read ${path} as JSON: ${(err as Error).message}`,
    );
  }
}

/** A head seen before: a receipt, a published head ({ treeHead, … }) or a bare signed tree head. */
function headOf(path: string): SignedTreeHead {
  const raw = readJson(path);
  const inner = typeof raw === 'object' && raw !== null && 'treeHead' in raw ? raw.treeHead : raw;
  return parseOrThrow(SignedTreeHeadSchema, inner, 'treeHead');
}

/** --expect-key, else the pin in force (SHOKAI_AUDIT_PUBLIC_KEY or the pin file), else nothing. */
function trustOf(expectKey: string | undefined): ExpectedKey | undefined {
  if (expectKey) return parseExpectedKey(expectKey);
  const config = loadConfig();
  const pin = readAuditKeyPin(config.auditPublicKey, config.auditKeyFile);
  return pin.keys.length > 0 ? { keys: pin.keys } : undefined;
}

const collect = (v: string, prev: string[]) => [...prev, v];

function expectKeyHelp(): string {
  return tr(
    'この鍵（フィンガープリントまたは公開鍵のファイル）で署名されたツリーヘッドのみ受け入れる（既定: 固定した鍵）',
    'accept tree heads signed only by this key, a fingerprint or a file of public keys (default: the pinned key)',
  );
}

export function registerAuditCommands(program: Command): void {
  const audit = program
    .command('audit')
    .description(
      tr(
        '改ざんを検出できる監査ログ（署名付きヘッドのマークル木ログ）',
        'the tamper-evident audit log (a Merkle tree log with signed heads)',
      ),
    );
  audit
    .command('verify')
    .description(
      tr(
        '監査ログ全体をオフラインで検証する（連鎖、マークル木、固定した鍵による署名付きツリーヘッド、保存された先頭）。最初の問題を示す',
        'verify the whole audit log offline: chain, Merkle tree, signed tree heads against the pinned key, the stored head; names the first problem',
      ),
    )
    .option('--store <store>', storeOptionHelp())
    .option('--expect-key <fingerprint|file>', expectKeyHelp())
    .option(
      '--since <file>',
      tr(
        '以前に受け取った受領証または署名済みヘッド: ログはその続きでなければならない（複数可）',
        'a receipt or signed head seen earlier: the log must still extend it (repeatable)',
      ),
      collect,
      [],
    )
    .option('--json', tr('結果を JSON で出力する', 'print the result as JSON'))
    .action(async (opts: { store?: string; expectKey?: string; since: string[]; json?: boolean }) => {
      const trust = trustOf(opts.expectKey);
      if (!trust) {
        warn(
          ja()
            ? '警告: 監査鍵が固定されていません（--expect-key、SHOKAI_AUDIT_PUBLIC_KEY、data/audit-key.pub のいずれもなし）。データベース内の鍵で検証します。'
            : 'warning: no pinned audit key (no --expect-key, SHOKAI_AUDIT_PUBLIC_KEY or data/audit-key.pub): checking against the keys in the database',
        );
      }
      const knownHeads = opts.since.map(headOf);
      const store = await openStore(opts.store ?? defaultStore(), { migrate: false });
      try {
        const r = await verifyStoreAudit(store.db, { ...(trust ? { trust } : {}), knownHeads });
        if (opts.json) out(JSON.stringify(r, null, 2));
        else if (r.ok)
          out(
            ja()
              ? `監査ログは完全です: ${r.entries} 件、署名済みツリーヘッド ${r.treeHeads} 件、根 ${r.rootHash}（鍵 ${r.trust.fingerprints.join(', ')}）`
              : `audit log intact: ${r.entries} entries, ${r.treeHeads} signed tree heads, root ${r.rootHash} (key ${r.trust.fingerprints.join(', ')})`,
          );
        else
          out(
            `${ja() ? '改ざんを検出' : 'TAMPERING DETECTED'}: seq ${r.firstBad?.seq} ${r.firstBad?.problem} — ${r.firstBad?.message[cliLocale()] ?? ''}`,
          );
        if (!r.ok) process.exitCode = 2;
      } finally {
        await store.close();
      }
    });

  audit
    .command('checkpoint')
    .description(
      tr(
        '現在のログのツリーヘッドを今すぐ署名する（バックアップの前など）',
        'sign a tree head of the current log now (e.g. before a backup)',
      ),
    )
    .option('--store <store>', storeOptionHelp())
    .action(async (opts: { store?: string }) => {
      await withContext(opts.store, async (ctx) => {
        const h = await checkpointNow(ctx);
        out(
          h
            ? tr(
                `ツリーヘッド 大きさ ${h.size} 根 ${h.rootHash} 時刻 ${h.at}`,
                `tree head size ${h.size} root ${h.rootHash} at ${h.at}`,
              )
            : tr('監査ログは空です', 'empty log'),
        );
      });
    });

  audit
    .command('head')
    .description(
      tr(
        '最新の署名済みツリーヘッドを公開鍵とともに JSON で出力する（ハブの外に控えを保管するため）',
        'print the latest signed tree head with its public key (JSON), to keep a copy outside the hub',
      ),
    )
    .option('--store <store>', storeOptionHelp())
    .action(async (opts: { store?: string }) => {
      await withContext(opts.store, async (ctx) => {
        out(JSON.stringify(await currentTreeHead(ctx, SYSTEM_CALLER), null, 2));
      });
    });
}
