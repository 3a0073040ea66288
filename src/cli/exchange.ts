import type { Command } from 'commander';
import { checkpointNow, verifyStoreAudit } from '../audit/audit-service.ts';
import { principalOfLogin, totpFor } from '../auth/auth-service.ts';
import { unwrapKey } from '../crypto/key-wrap.ts';
import { type DemoResult, seedDemo, storeIsEmpty } from '../demo/seed.ts';
import { findUserByLogin } from '../directory/directory.repository.ts';
import { listKeys, revokeKey, rotateKey } from '../directory/keys.ts';
import { createOrganisation, createUnit, listOrganisations } from '../directory/organisations.ts';
import { createUser, disableUser, listUsers, totpAad } from '../directory/users.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { ROLES, type Role } from '../domain/vocabulary.ts';
import { bootstrap } from '../kernel/bootstrap.ts';
import { loadConfig } from '../kernel/config.ts';
import { cliLocale } from '../kernel/text.ts';
import { run } from '../kernel/unit-of-work.ts';
import { startServer } from '../server/start.ts';
import { migrate, openStore } from '../store/database.ts';
import { describeStoreLocation } from '../store/location.ts';
import { describeCliError, withContext } from './context.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const ja = () => cliLocale() === 'ja';

function printDemo(r: DemoResult, url?: string): void {
  if (url) out(ja() ? `\nshokai を起動しました: ${url}` : `\nshokai is running: ${url}`);
  out(
    ja()
      ? `デモ用ログイン（パスワード共通: ${r.logins[0]?.password ?? ''}、確認コードは TOTP）:`
      : `Demo logins (shared password: ${r.logins[0]?.password ?? ''}; second factor: TOTP):`,
  );
  for (const l of r.logins)
    out(`  ${l.login.padEnd(14)} ${l.roles.join(',').padEnd(44)} ${l.organisation}  TOTP secret ${l.totpSecret}`);
  out(
    ja()
      ? '確認コードの表示: npm run shokai -- user totp <login>'
      : 'Current code for a login: npm run shokai -- user totp <login>',
  );
  out(ja() ? 'デモ要請:' : 'Demo requests:');
  for (const q of r.requests) out(`  ${q.reference}  ${q.kind.padEnd(16)} ${q.state.padEnd(24)} ${q.summary}`);
}

export function registerExchangeCommands(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the API and web interface (PORT, HOST, DATABASE_URL: postgres:// URL or SQLite path; default ./data/shokai.sqlite)',
    )
    .option('--demo', 'seed demo data into an empty store and print the demo logins')
    .action(async (opts: { demo?: boolean }) => {
      const config = loadConfig();
      const ctx = await bootstrap(config);
      let demo: DemoResult | null = null;
      if (opts.demo && (await storeIsEmpty(ctx))) demo = await seedDemo(ctx);
      const server = await startServer(ctx, { port: config.port, host: config.host });
      out(`store: ${describeStoreLocation(ctx.store.location)}`);
      if (demo) printDemo(demo, server.url);
      else {
        out(ja() ? `shokai を起動しました: ${server.url}` : `shokai is running: ${server.url}`);
        if (opts.demo)
          out(
            ja()
              ? '（デモデータは作成済みです。ログイン一覧: `npm run shokai -- user list`、確認コード: `npm run shokai -- user totp <ログイン名>`）'
              : '(demo data exists already. Logins: `npm run shokai -- user list`; a current code: `npm run shokai -- user totp <login>`)',
          );
      }
      const stop = async () => {
        await server.close();
        await ctx.store.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
    });

  const db = program.command('db').description('database administration');
  db.command('migrate')
    .description('apply pending migrations to DATABASE_URL (or --store)')
    .option('--store <store>', 'SQLite path or postgres:// URL')
    .action(async (opts: { store?: string }) => {
      const store = await openStore(opts.store ?? loadConfig().databaseUrl, { migrate: false });
      try {
        const ran = await migrate(store);
        out(ran.length ? `applied: ${ran.join(', ')}` : 'up to date');
      } finally {
        await store.close();
      }
    });

  program
    .command('demo')
    .description('create demo organisations, users, keys and requests (through the real services) in an empty store')
    .option('--store <store>', 'SQLite path or postgres:// URL')
    .option('--json', 'print { requests, logins } as JSON')
    .action(async (opts: { store?: string; json?: boolean }) => {
      await withContext(opts.store, async (ctx) => {
        if (!(await storeIsEmpty(ctx)))
          throw new Error(
            ja()
              ? 'このストアには既にデータがあります（デモは空のストアにのみ作成します）'
              : 'the store is not empty (the demo seeds only an empty store)',
          );
        const r = await seedDemo(ctx);
        if (opts.json) out(JSON.stringify(r, null, 2));
        else printDemo(r);
      });
    });

  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('verify the whole audit chain and its signed checkpoints offline; names the first bad entry')
    .option('--store <store>', 'SQLite path or postgres:// URL')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { store?: string; json?: boolean }) => {
      const store = await openStore(opts.store ?? loadConfig().databaseUrl, { migrate: false });
      try {
        const r = await verifyStoreAudit(store.db);
        if (opts.json) out(JSON.stringify(r, null, 2));
        else if (r.ok)
          out(
            ja()
              ? `監査ログは完全です: ${r.entries} 件、チェックポイント ${r.checkpoints} 件、先頭ハッシュ ${r.headHash}`
              : `audit log intact: ${r.entries} entries, ${r.checkpoints} checkpoints, head ${r.headHash}`,
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
    .description('sign a checkpoint of the current head now (e.g. before a backup)')
    .option('--store <store>', 'SQLite path or postgres:// URL')
    .action(async (opts: { store?: string }) => {
      await withContext(opts.store, async (ctx) => {
        const cp = await checkpointNow(ctx);
        out(cp ? `checkpoint seq ${cp.seq} ${cp.headHash}` : 'empty log');
      });
    });

  const org = program.command('org').description('organisations and units (run by the hub operator)');
  org
    .command('create')
    .requiredOption('--kind <kind>', 'agency | provider | court | oversight')
    .requiredOption('--name-ja <name>')
    .requiredOption('--name-en <name>')
    .option('--carrier', 'a telecommunications carrier (secrecy of communications applies)')
    .option('--store <store>')
    .action(async (o: { kind: string; nameJa: string; nameEn: string; carrier?: boolean; store?: string }) => {
      await withContext(o.store, async (ctx) =>
        out(
          JSON.stringify(
            await run(ctx, createOrganisation, SYSTEM_CALLER, {
              kind: o.kind,
              nameJa: o.nameJa,
              nameEn: o.nameEn,
              isTelecomCarrier: !!o.carrier,
            }),
            null,
            2,
          ),
        ),
      );
    });
  org
    .command('add-unit')
    .requiredOption('--org <id>')
    .requiredOption('--name-ja <name>')
    .requiredOption('--name-en <name>')
    .option('--store <store>')
    .action(async (o: { org: string; nameJa: string; nameEn: string; store?: string }) => {
      await withContext(o.store, async (ctx) =>
        out(
          JSON.stringify(
            await run(ctx, createUnit, SYSTEM_CALLER, o.org, { nameJa: o.nameJa, nameEn: o.nameEn }),
            null,
            2,
          ),
        ),
      );
    });

  const user = program.command('user').description('user administration');
  user
    .command('create')
    .requiredOption('--org <id>')
    .option('--unit <id>')
    .requiredOption('--login <login>')
    .requiredOption('--name <displayName>')
    .requiredOption('--roles <roles>', `comma-separated: ${ROLES.join(', ')}`)
    .option('--store <store>')
    .description('create a user; the password is read from SHOKAI_NEW_PASSWORD; prints the TOTP secret once')
    .action(async (o: { org: string; unit?: string; login: string; name: string; roles: string; store?: string }) => {
      const password = process.env.SHOKAI_NEW_PASSWORD;
      if (!password)
        throw new Error(
          'set SHOKAI_NEW_PASSWORD (at least 12 characters) — passwords are never taken on the command line',
        );
      await withContext(o.store, async (ctx) => {
        const r = await run(ctx, createUser, SYSTEM_CALLER, {
          organisationId: o.org,
          unitId: o.unit ?? null,
          login: o.login,
          displayName: o.name,
          roles: o.roles.split(',').map((s) => s.trim()) as Role[],
          password,
        });
        out(JSON.stringify({ user: r.user, totpSecret: r.totpSecret }, null, 2));
      });
    });
  user
    .command('list')
    .description("list users: one organisation's with --org, otherwise every organisation's, grouped")
    .option('--org <id>')
    .option('--store <store>')
    .action(async (o: { org?: string; store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const orgs = await run(ctx, (uow) => listOrganisations(uow));
        const users = await run(ctx, listUsers, SYSTEM_CALLER, o.org);
        for (const org of orgs) {
          const members = users.filter((u) => u.organisationId === org.id);
          if (members.length === 0) continue;
          out(`${ja() ? org.nameJa : org.nameEn} (${org.id})`);
          for (const u of members)
            out(
              `  ${u.login.padEnd(16)} ${u.roles.join(',').padEnd(40)} ${u.disabled ? 'disabled ' : ''}${u.displayName}`,
            );
        }
      });
    });
  user
    .command('totp <login>')
    .description("print the login's current one-time code (local administration and the demo; needs the master key)")
    .option('--store <store>')
    .action(async (login: string, o: { store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const row = await findUserByLogin(ctx.store.db, login);
        if (!row?.totp_secret_wrapped) throw new Error(`no such login: ${login}`);
        out(
          totpFor(unwrapKey(ctx.kek, row.totp_secret_wrapped, totpAad(row.id))).generate({
            timestamp: ctx.clock().getTime(),
          }),
        );
      });
    });
  user
    .command('disable <login>')
    .requiredOption('--as <adminLogin>', 'the administrator performing the change')
    .option('--store <store>')
    .action(async (login: string, o: { as: string; store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const admin = await principalOfLogin(ctx.store.db, o.as);
        const target = await principalOfLogin(ctx.store.db, login);
        out(JSON.stringify(await run(ctx, disableUser, admin, target.id), null, 2));
      });
    });

  const key = program.command('key').description('signing and encryption keys');
  key
    .command('list')
    .requiredOption('--org <id>')
    .option('--store <store>')
    .action(async (o: { org: string; store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const keys = await run(ctx, (uow) => listKeys(uow, o.org));
        for (const k of keys.reverse())
          out(
            `${k.id}  ${k.ownerType}:${k.ownerId}  ${k.purpose.padEnd(10)} ${k.fingerprint}  from ${k.validFrom}${k.validTo ? ` to ${k.validTo}` : ''}${k.revokedAt ? ` REVOKED ${k.revokedAt} (${k.revocationReason})` : ''}`,
          );
      });
    });
  key
    .command('rotate')
    .requiredOption('--as <adminLogin>')
    .requiredOption('--owner-type <type>', 'unit | user | organisation')
    .requiredOption('--owner <id>')
    .requiredOption('--purpose <purpose>', 'signing | encryption')
    .option('--store <store>')
    .action(
      async (o: {
        as: string;
        ownerType: 'unit' | 'user' | 'organisation';
        owner: string;
        purpose: 'signing' | 'encryption';
        store?: string;
      }) => {
        await withContext(o.store, async (ctx) => {
          const admin = await principalOfLogin(ctx.store.db, o.as);
          out(
            JSON.stringify(
              await run(ctx, rotateKey, admin, { ownerType: o.ownerType, ownerId: o.owner, purpose: o.purpose }),
              null,
              2,
            ),
          );
        });
      },
    );
  key
    .command('revoke <keyId>')
    .requiredOption('--as <adminLogin>')
    .requiredOption('--reason <reason>', 'superseded | compromised | retired | other')
    .option('--store <store>')
    .action(async (keyId: string, o: { as: string; reason: string; store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const admin = await principalOfLogin(ctx.store.db, o.as);
        out(JSON.stringify(await run(ctx, revokeKey, admin, keyId, { reason: o.reason }), null, 2));
      });
    });
}

export { describeCliError };
