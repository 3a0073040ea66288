import type { Command } from 'commander';
import { checkpointNow, startCheckpointTimer } from '../audit/audit-service.ts';
import { principalOfLogin } from '../auth/auth-service.ts';
import { liveDemoAccounts } from '../demo/accounts.ts';
import { demoLoginsPath, readDemoLogins, writeDemoLogins } from '../demo/logins-file.ts';
import { type DemoResult, seedDemo, storeIsEmpty } from '../demo/seed.ts';
import { listKeys, revokeKey, rotateKey } from '../directory/keys.ts';
import { createOrganisation, createUnit } from '../directory/organisations.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { ORGANISATION_KINDS } from '../domain/vocabulary.ts';
import { bootstrap } from '../kernel/bootstrap.ts';
import { loadConfig } from '../kernel/config.ts';
import { run } from '../kernel/unit-of-work.ts';
import { migrate } from '../store/database.ts';
import { describeStoreLocation } from '../store/location.ts';
import { describeCliError, exitOnSignal, runAsLogin, runLocal, withContext, withStore } from './context.ts';
import { browserLine, demoAgainLines, demoStoreRefusal, keptLine, printDemo } from './demo.ts';
import {
  keyLines,
  keyOwnerNames,
  organisationLine,
  revokedKeyLine,
  rotatedKeyLine,
  unitLine,
} from './directory-lines.ts';
import { tr } from './language.ts';
import { ja, out, printJson, printResult } from './output.ts';
import { type ServeOptions, serveTls } from './serve-tls.ts';
import { adminAsOptionHelp, storeOptionHelp, storeOptions, storeResultOptions } from './store-options.ts';
import { instantsOf, zoneOptionOn } from './zone.ts';

/** The audit key's fingerprint and where it is pinned, printed at every start to compare with records. */
function auditKeyLine(ctx: Awaited<ReturnType<typeof bootstrap>>): string {
  const fp = shownFingerprint(ctx.auditSigner.fingerprint);
  const where = {
    env: { ja: '環境変数 SHOKAI_AUDIT_PUBLIC_KEY で固定', en: 'pinned by SHOKAI_AUDIT_PUBLIC_KEY' },
    file: { ja: `${ctx.auditPinFile} で固定`, en: `pinned in ${ctx.auditPinFile}` },
    created: {
      ja: `初回起動のため ${ctx.auditPinFile} に固定しました`,
      en: `first start: pinned now in ${ctx.auditPinFile}`,
    },
    added: {
      ja:
        `新しいストアの初回起動のため、他のストアの鍵が固定されている ${ctx.auditPinFile} に追加しました。` +
        'このストアを新しく作ったのでなければ、監査ログが書き換えられた恐れがあります',
      en:
        `first start of a new store: added to ${ctx.auditPinFile}, which pins other stores' keys. ` +
        'If you did not just create this store, its audit log may have been rewritten',
    },
    none: { ja: '固定なし', en: 'not pinned' },
  }[ctx.auditPinSource];
  return ja() ? `監査鍵: ${fp}（${where.ja}）` : `audit key: ${fp} (${where.en})`;
}

export function registerExchangeCommands(program: Command): void {
  program
    .command('serve')
    .description(
      tr(
        'API と Web 画面を提供する（PORT、HOST、DATABASE_URL: postgres:// URL または SQLite のパス。既定は ./data/shokai.sqlite）',
        'serve the API and web interface (PORT, HOST, DATABASE_URL: postgres:// URL or SQLite path; ' +
          'default ./data/shokai.sqlite)',
      ),
    )
    .option(
      '--demo',
      tr(
        '空のストアにデモデータを作り、デモ用ログインを表示する',
        'seed demo data into an empty store and print the demo logins',
      ),
    )
    .option(
      '--tls-cert <file>',
      tr('TLS の証明書（PEM）: https で提供する', 'TLS certificate chain (PEM): serve https'),
    )
    .option('--tls-key <file>', tr('TLS の秘密鍵（PEM）', 'TLS private key (PEM)'))
    .option('--tls-client-ca <file>', tr('相互 TLS: クライアント証明書の CA（PEM）', 'mutual TLS: client CA (PEM)'))
    .option('--require-client-cert', tr('相互 TLS: 証明書のない接続を拒否', 'mutual TLS: require a client certificate'))
    .action(async (opts: ServeOptions) => {
      const tls = serveTls(opts);
      const config = loadConfig();
      const ctx = await bootstrap(config);
      const store = describeStoreLocation(ctx.store.location);
      const loginsFile = demoLoginsPath(config.dataDir);
      if (!opts.demo) {
        // The demo's accounts share a password printed to whoever ran the demo: never served as a real installation.
        const live = await liveDemoAccounts(ctx);
        if (live.length > 0) {
          await ctx.store.close();
          throw new Error(demoStoreRefusal(store, live));
        }
      }
      let demo: DemoResult | null = null;
      if (opts.demo && (await storeIsEmpty(ctx))) {
        demo = await seedDemo(ctx);
        writeDemoLogins(loginsFile, store, demo);
      }
      // The web server (every route, the pages, PDF and fonts) is loaded only by the command that serves.
      const { startServer } = await import('../server/start.ts');
      const server = await startServer(ctx, {
        port: config.port,
        host: config.host,
        trustedProxies: config.trustedProxies,
        ...(tls ? { tls } : {}),
      });
      const stopTimer = startCheckpointTimer(ctx);
      out(`${tr('ストア', 'store')}: ${store}`);
      out(auditKeyLine(ctx));
      if (demo) {
        printDemo(demo, config.dataDir, server.url, config.webauthnRpId);
        out(keptLine(loginsFile));
      } else {
        out(ja() ? `shokai を起動しました: ${server.url}` : `shokai is running: ${server.url}`);
        for (const line of browserLine(server.url, config.webauthnRpId)) out(line);
        if (opts.demo) for (const line of demoAgainLines(loginsFile, readDemoLogins(loginsFile, store))) out(line);
      }
      exitOnSignal(async () => {
        stopTimer();
        await server.close();
        await checkpointNow(ctx).catch(() => null);
        await ctx.store.close();
      });
    });

  const db = program.command('db').description(tr('データベースの管理', 'database administration'));
  storeOptions(db.command('migrate'))
    .description(
      tr(
        '未適用のマイグレーションを DATABASE_URL（または --store）に適用する',
        'apply pending migrations to DATABASE_URL (or --store)',
      ),
    )
    .action(async (opts: { store?: string }) => {
      const ran = await withStore(opts.store, migrate, { create: true });
      out(ran.length ? `${tr('適用しました', 'applied')}: ${ran.join(', ')}` : tr('最新です', 'up to date'));
    });

  storeOptions(program.command('demo'))
    .description(
      tr(
        '空のストアにデモの組織・利用者・鍵・照会を（本物のサービスを通して）作る',
        'create demo organisations, users, keys and requests (through the real services) in an empty store',
      ),
    )
    .option('--json', tr('{ requests, logins } を JSON で出力する', 'print { requests, logins } as JSON'))
    .action(async (opts: { store?: string; json?: boolean }) => {
      await withContext(
        opts.store,
        async (ctx) => {
          if (!(await storeIsEmpty(ctx)))
            throw new Error(
              ja()
                ? 'このストアには既にデータがあります（デモは空のストアにのみ作成します）'
                : 'the store is not empty (the demo seeds only an empty store)',
            );
          const r = await seedDemo(ctx);
          const loginsFile = demoLoginsPath(loadConfig().dataDir);
          writeDemoLogins(loginsFile, describeStoreLocation(ctx.store.location), r);
          // The demo devices' private keys stay in the demo's file: never printed.
          if (opts.json) printJson({ logins: r.logins, requests: r.requests });
          else {
            printDemo(r, loadConfig().dataDir);
            out(keptLine(loginsFile));
          }
        },
        { create: true },
      );
    });

  const org = program
    .command('org')
    .description(tr('組織と部署（ハブの運営者が行う）', 'organisations and units (run by the hub operator)'));
  storeResultOptions(org.command('create'))
    .description(tr('組織を登録する', 'register an organisation'))
    .requiredOption('--kind <kind>', ORGANISATION_KINDS.join(' | '))
    .requiredOption('--name-ja <name>', tr('日本語の名称', 'name in Japanese'))
    .requiredOption('--name-en <name>', tr('英語の名称', 'name in English'))
    .option(
      '--carrier',
      tr(
        '電気通信事業者（通信の秘密が適用される）',
        'a telecommunications carrier (secrecy of communications applies)',
      ),
    )
    .action(async (o: OrgCreateOptions) => {
      const input = { kind: o.kind, nameJa: o.nameJa, nameEn: o.nameEn, isTelecomCarrier: !!o.carrier };
      printResult(o.json, await runLocal(o, createOrganisation, input), organisationLine);
    });
  storeResultOptions(org.command('add-unit'))
    .description(
      tr(
        '組織に部署を加える（署名用と暗号化用の鍵も作る）',
        'add a unit to an organisation (with its signing and encryption keys)',
      ),
    )
    .requiredOption('--org <id>', tr('組織の ID', 'organisation id'))
    .requiredOption('--name-ja <name>', tr('日本語の名称', 'name in Japanese'))
    .requiredOption('--name-en <name>', tr('英語の名称', 'name in English'))
    .action(async (o: { org: string; nameJa: string; nameEn: string; store?: string; json?: boolean }) => {
      printResult(o.json, await runLocal(o, createUnit, o.org, { nameJa: o.nameJa, nameEn: o.nameEn }), unitLine);
    });

  const key = program.command('key').description(tr('署名用と暗号化用の鍵', 'signing and encryption keys'));
  zoneOptionOn(key.command('list'))
    .description(tr('組織の鍵の一覧', "list an organisation's keys"))
    .requiredOption('--org <id>', tr('組織の ID', 'organisation id'))
    .option('--store <store>', storeOptionHelp())
    .action(async (o: { org: string; store?: string; zone?: string }) => {
      const shown = instantsOf(o);
      await withContext(o.store, async (ctx) => {
        const keys = await run(ctx, (uow) => listKeys(uow, o.org));
        for (const line of keyLines(keys.reverse(), await keyOwnerNames(ctx, o.org), shown)) out(line);
      });
    });
  zoneOptionOn(storeResultOptions(key.command('rotate')))
    .description(
      tr('鍵を新しくする（古い鍵は期限を切って残す）', 'rotate a key (the old one is kept, with its end of validity)'),
    )
    .requiredOption('--as <adminLogin>', adminAsOptionHelp())
    .requiredOption('--owner-type <type>', 'unit | user | organisation')
    .requiredOption('--owner <id>', tr('鍵の持ち主の ID', "the key owner's id"))
    .requiredOption('--purpose <purpose>', 'signing | encryption')
    .action(async (o: KeyRotateOptions) => {
      const input = { ownerType: o.ownerType, ownerId: o.owner, purpose: o.purpose };
      const shown = instantsOf(o);
      await withContext(o.store, async (ctx) => {
        const admin = await principalOfLogin(ctx.store.db, o.as);
        const made = await run(ctx, rotateKey, admin, input);
        const names = made.organisationId ? await keyOwnerNames(ctx, made.organisationId) : new Map();
        printResult(o.json, made, (k) => rotatedKeyLine(k, names, shown));
      });
    });
  storeResultOptions(key.command('revoke <keyId>'))
    .description(tr('鍵を失効させる', 'revoke a key'))
    .requiredOption('--as <adminLogin>', adminAsOptionHelp())
    .requiredOption('--reason <reason>', 'superseded | compromised | retired | other')
    .action(async (keyId: string, o: { as: string; reason: string; store?: string; json?: boolean }) => {
      printResult(o.json, await runAsLogin(o, revokeKey, keyId, { reason: o.reason }), revokedKeyLine);
    });
}

export { describeCliError };

interface OrgCreateOptions {
  kind: string;
  nameJa: string;
  nameEn: string;
  carrier?: boolean;
  store?: string;
  json?: boolean;
}

interface KeyRotateOptions {
  as: string;
  ownerType: 'unit' | 'user' | 'organisation';
  owner: string;
  purpose: 'signing' | 'encryption';
  store?: string;
  json?: boolean;
  zone?: string;
}
