// `shokai audit …`: verify the audit log offline against the pinned key, sign a tree head, print the
// latest one, and check a receipt — against a hub (--url) or a store (--store); read the log for
// oversight (`audit list`, ./audit-list.ts).
import type { Command } from 'commander';
import { z } from 'zod';
import { checkpointNow, currentTreeHead, verifyStoreAudit } from '../audit/audit-service.ts';
import { type ExpectedKey, parseExpectedKey, readAuditKeyPin } from '../audit/key-pin.ts';
import { checkReceipt, checkReceiptAgainst, type ReceiptCheck, type ReceiptProblem } from '../audit/receipt-check.ts';
import { type AuditReceipt, AuditReceiptSchema } from '../audit/receipts.ts';
import { createApiClient, unwrap } from '../client/client.ts';
import { createMachineClient } from '../client/machine.ts';
import type { AuditProblem, AuditProblemReport } from '../crypto/audit-chain.ts';
import { keyFingerprint } from '../crypto/keys.ts';
import { type SignedTreeHead, SignedTreeHeadSchema } from '../crypto/tree-head.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { shownFingerprint, storedFingerprint } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { loadConfig } from '../kernel/config.ts';
import { cliLocale } from '../kernel/text.ts';
import { registerAuditListCommand } from './audit-list.ts';
import { defaultStore, withContext, withStore } from './context.ts';
import { readJsonFile } from './json-file.ts';
import { tr } from './language.ts';
import { JSON_HELP, ja, out, printCheck, printJson, warnLine } from './output.ts';
import { storeOptionHelp, storeOptions } from './store-options.ts';
import { refuseMissingStore } from './store-presence.ts';
import { instantsOf, zoneOptionOn } from './zone.ts';

const warn = warnLine;

/** A head seen before: a receipt, a published head ({ treeHead, … }) or a bare signed tree head. */
function headOf(path: string): SignedTreeHead {
  const raw = readJsonFile(path);
  const inner = typeof raw === 'object' && raw !== null && 'treeHead' in raw ? raw.treeHead : raw;
  return parseOrThrow(SignedTreeHeadSchema, inner, 'treeHead');
}

/** --expect-key, else the pin in force (SHOKAI_AUDIT_PUBLIC_KEY or the pin file), else nothing. */
function trustOf(expectKey: string | undefined): ExpectedKey | undefined {
  if (expectKey) return parseExpectedKey(storedFingerprint(expectKey));
  const config = loadConfig();
  const pin = readAuditKeyPin(config.auditPublicKey, config.auditKeyFile);
  return pin.keys.length > 0 ? { keys: pin.keys } : undefined;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/** Each problem the verifier names, in a few words (its code is for programs: --json). */
const AUDIT_PROBLEM_WORDS: Record<AuditProblem, Bilingual> = {
  hash_mismatch: { ja: '項目の改変', en: 'entry altered' },
  prev_hash_mismatch: { ja: '直前の項目とのつながりの切断', en: 'chain broken' },
  sequence_gap: { ja: '項目の欠落', en: 'entry missing' },
  sequence_reordered: { ja: '項目の順序の入替え', en: 'entries out of order' },
  checkpoint_mismatch: { ja: 'チェックポイントの不一致', en: 'checkpoint does not match' },
  checkpoint_signature_invalid: { ja: 'チェックポイントの署名が無効', en: 'checkpoint signature invalid' },
  checkpoint_beyond_end: { ja: 'ログ末尾の削除', en: 'tail of the log removed' },
  unknown_checkpoint_key: { ja: '信頼しない鍵のチェックポイント', en: 'checkpoint signed by an untrusted key' },
  tree_node_mismatch: { ja: 'マークル木の節点の不一致', en: 'Merkle tree node does not match' },
  tree_head_mismatch: { ja: 'ツリーヘッドの不一致', en: 'tree head does not match' },
  tree_head_signature_invalid: { ja: 'ツリーヘッドの署名が無効', en: 'tree head signature invalid' },
  untrusted_tree_head_key: { ja: '信頼しない鍵のツリーヘッド', en: 'tree head signed by an untrusted key' },
  tree_head_beyond_end: { ja: 'ログ末尾の削除', en: 'tail of the log removed' },
  tree_head_missing: { ja: 'ツリーヘッドの削除', en: 'tree heads removed' },
  head_mismatch: { ja: '保存された先頭の不一致', en: 'stored head does not match' },
  unsigned_tail: { ja: '未署名の項目が多すぎる', en: 'too many unsigned entries' },
};

/** Each problem a receipt check names, in a few words. */
const RECEIPT_PROBLEM_WORDS: Record<ReceiptProblem, Bilingual> = {
  untrusted_key: { ja: '信頼しない鍵', en: 'untrusted key' },
  signature_invalid: { ja: '署名が無効', en: 'signature invalid' },
  inclusion_invalid: { ja: '包含証明が無効', en: 'inclusion proof invalid' },
  current_head_invalid: { ja: '現在のツリーヘッドが無効', en: "the hub's current tree head invalid" },
  truncated: { ja: 'ログの切り詰め', en: 'log cut short' },
  inconsistent: { ja: 'ログの書換え', en: 'log rewritten' },
};

/** The first problem `audit verify` found: where (an entry's number, or a size of the log), what, and why. */
function tamperingLine(bad: AuditProblemReport | undefined): string {
  const lang = cliLocale();
  const what = bad ? AUDIT_PROBLEM_WORDS[bad.problem][lang] : '';
  return lang === 'ja'
    ? `改ざんを検出: 番号 ${bad?.seq ?? '?'}（${what}）— ${bad?.message.ja ?? ''}`
    : `TAMPERING DETECTED: no. ${bad?.seq ?? '?'} (${what}) — ${bad?.message.en ?? ''}`;
}

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
  storeOptions(audit.command('verify'))
    .description(
      tr(
        '監査ログ全体をオフラインで検証する（連鎖、マークル木、固定した鍵による署名付きツリーヘッド、保存された先頭）。最初の問題を示す',
        'verify the whole audit log offline: chain, Merkle tree, signed tree heads against the pinned key, ' +
          'the stored head; names the first problem',
      ),
    )
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
    .option('--json', JSON_HELP())
    .action(async (opts: { store?: string; expectKey?: string; since: string[]; json?: boolean }) => {
      // A store that is not there is said first, before the warning about the key it would be checked against.
      refuseMissingStore(opts.store ?? defaultStore(), opts.store !== undefined);
      const trust = trustOf(opts.expectKey);
      if (!trust) {
        warn(
          ja()
            ? '警告: 監査鍵が固定されていません（--expect-key、SHOKAI_AUDIT_PUBLIC_KEY、data/audit-key.pub のいずれもなし）。データベース内の鍵で検証します。'
            : 'warning: no pinned audit key (no --expect-key, SHOKAI_AUDIT_PUBLIC_KEY or data/audit-key.pub): ' +
                'checking against the keys in the database',
        );
      }
      const knownHeads = opts.since.map(headOf);
      const r = await withStore(opts.store, (store) =>
        verifyStoreAudit(store.db, { ...(trust ? { trust } : {}), knownHeads }),
      );
      printCheck(opts.json, r, (r) =>
        r.ok
          ? ja()
            ? `監査ログは完全です: ${r.entries} 件、署名済みツリーヘッド ${r.treeHeads} 件、根 ${r.rootHash}（鍵 ` +
              `${r.trust.fingerprints.map(shownFingerprint).join(', ')}）`
            : `audit log intact: ${r.entries} entries, ${r.treeHeads} signed tree heads, root ${r.rootHash} (key ` +
              `${r.trust.fingerprints.map(shownFingerprint).join(', ')})`
          : tamperingLine(r.firstBad),
      );
    });

  registerAuditListCommand(audit);

  zoneOptionOn(storeOptions(audit.command('checkpoint')))
    .description(
      tr(
        '現在のログのツリーヘッドを今すぐ署名する（バックアップの前など）',
        'sign a tree head of the current log now (e.g. before a backup)',
      ),
    )
    .action(async (opts: { store?: string; zone?: string }) => {
      const shown = instantsOf(opts);
      await withContext(opts.store, async (ctx) => {
        const h = await checkpointNow(ctx);
        out(
          h
            ? tr(
                `ツリーヘッド 大きさ ${h.size} 根 ${h.rootHash} 時刻 ${shown(h.at)}`,
                `tree head size ${h.size} root ${h.rootHash} at ${shown(h.at)}`,
              )
            : tr('監査ログは空です', 'empty log'),
        );
      });
    });

  storeOptions(audit.command('head'))
    .description(
      tr(
        '最新の署名済みツリーヘッドを公開鍵とともに JSON で出力する（ハブの外に控えを保管するため）',
        'print the latest signed tree head with its public key (JSON), to keep a copy outside the hub',
      ),
    )
    .action(async (opts: { store?: string }) => {
      await withContext(opts.store, async (ctx) => {
        printJson(await currentTreeHead(ctx, SYSTEM_CALLER));
      });
    });

  audit
    .command('check-receipt <receipt>')
    .description(
      tr(
        '受領証（送達・回答）を確認する: 署名と包含証明、そしてハブのログがその続きであること（ハブの API --url またはストア --store で）',
        "check a receipt (a delivery's or an answer's): its signature and inclusion proof, " +
          "and that the hub's log still extends it — via the hub's API (--url) or a store (--store)",
      ),
    )
    .option('--url <url>', tr('ハブの URL（例: https://hub.example）', 'the hub, e.g. https://hub.example'))
    .option(
      '--token <token>',
      tr('ハブのセッショントークン（または SHOKAI_TOKEN）', 'a session token for the hub (or SHOKAI_TOKEN)'),
    )
    .option(
      '--key-file <file>',
      tr('トークンの代わりに使う機械クライアントの鍵ファイル', "a machine client's key file, instead of a token"),
    )
    .option('--key-id <id>', tr('ハブでの機械鍵の ID', "the machine key's id at the hub"))
    .option(
      '--store <store>',
      tr(
        `代わりにこのストアでオフライン確認する。${storeOptionHelp()}`,
        `check offline against this store instead: ${storeOptionHelp()}`,
      ),
    )
    .option('--expect-key <fingerprint|file>', expectKeyHelp())
    .option('--json', JSON_HELP())
    .action(
      async (
        path: string,
        o: {
          url?: string;
          token?: string;
          keyFile?: string;
          keyId?: string;
          store?: string;
          expectKey?: string;
          json?: boolean;
        },
      ) => {
        const receipt: AuditReceipt = parseOrThrow(AuditReceiptSchema, readJsonFile(path), 'receipt');
        let trust = trustOf(o.expectKey);
        if (!trust) {
          trust = { keys: [receipt.publicKey] };
          warn(
            ja()
              ? `警告: 監査鍵が固定されていません。受領証自身の鍵 ${shownFingerprint(keyFingerprint(receipt.publicKey))} で確認します。` +
                  `ハブが公表するフィンガープリントと照合してください。`
              : `warning: no pinned audit key: checking with the receipt's own key ` +
                  `${shownFingerprint(keyFingerprint(receipt.publicKey))}; ` +
                  `compare it with the fingerprint the hub publishes`,
          );
        }
        let result: ReceiptCheck;
        if (o.store) {
          result = checkReceipt(receipt, trust) ?? (await checkOffline(o.store, receipt, trust));
        } else if (o.url) {
          const token = o.token ?? process.env.SHOKAI_TOKEN;
          const api =
            o.keyFile && o.keyId
              ? createMachineClient(o.url, { keyId: o.keyId, privateKey: machineKey(o.keyFile) })
              : createApiClient({ baseUrl: o.url, ...(token ? { token } : {}) });
          const r = await unwrap(
            api.GET('/v1/audit/consistency', { params: { query: { from: receipt.treeHead.size } } }),
          );
          if (!r.consistency) throw new Error(tr('ハブの監査ログは空です', "the hub's audit log is empty"));
          result = checkReceiptAgainst(receipt, trust, r.consistency);
        } else {
          throw new Error(tr('--url または --store を指定してください', 'give --url or --store'));
        }
        printCheck(o.json, result, (result) =>
          result.ok
            ? ja()
              ? `受領証は有効です: 項目 ${receipt.entry.seq} は大きさ ${result.receiptSize} のログに含まれ、` +
                `現在のログ（${result.currentSize} 件）はその続きです`
              : `receipt valid: entry ${receipt.entry.seq} is in the log of size ${result.receiptSize}, ` +
                `and the current log (${result.currentSize} entries) extends it`
            : `${ja() ? '不一致を検出' : 'RECEIPT CHECK FAILED'}: ${RECEIPT_PROBLEM_WORDS[result.problem][cliLocale()]}` +
              ` — ${result.message[cliLocale()]}`,
        );
      },
    );
}

function machineKey(path: string): string {
  return parseOrThrow(z.object({ privateKey: z.string().min(1) }), readJsonFile(path), 'keyFile').privateKey;
}

/** Offline: the store's whole log verified with the receipt's head as one it must still extend. */
async function checkOffline(location: string, receipt: AuditReceipt, trust: ExpectedKey): Promise<ReceiptCheck> {
  const r = await withStore(location, (store) => verifyStoreAudit(store.db, { trust, knownHeads: [receipt.treeHead] }));
  if (r.ok) return { ok: true, receiptSize: receipt.treeHead.size, currentSize: r.treeSize };
  const bad = r.firstBad;
  const problem = bad?.problem === 'tree_head_beyond_end' ? 'truncated' : 'inconsistent';
  return { ok: false, problem, message: bad?.message ?? { ja: '', en: '' } };
}
