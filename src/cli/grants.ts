// `shokai user grants | countersign | refuse`: the second person of the two-person rule, at the
// command line of the installation (the web's administration page does the same).
import type { Command } from 'commander';
import { principalOfLogin } from '../auth/auth-service.ts';
import { countersignGrant, listGrants, refuseGrant } from '../directory/role-grants.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { ROLE_GRANT_STATE_LABELS, ROLE_LABELS } from '../domain/vocabulary.ts';
import { cliLocale } from '../kernel/text.ts';
import { run } from '../kernel/unit-of-work.ts';
import { withContext } from './context.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);

export function registerGrantCommands(program: Command): void {
  const user = program.commands.find((c) => c.name() === 'user') ?? program.command('user');
  user
    .command('grants')
    .description('grants of privileged roles of an organisation, and whether a second person countersigned them')
    .requiredOption('--org <id>')
    .option('--state <state>', 'pending | active | refused')
    .option('--store <store>')
    .action(async (o: { org: string; state?: string; store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const lang = cliLocale();
        const grants = await run(ctx, listGrants, SYSTEM_CALLER, o.org, o.state ? { state: o.state } : {});
        for (const g of grants) {
          out(
            `${g.id}  ${g.userLogin.padEnd(14)} ${ROLE_LABELS[g.role][lang].padEnd(16)} ${ROLE_GRANT_STATE_LABELS[g.state][lang]}`,
          );
        }
      });
    });
  user
    .command('countersign <grantId>')
    .description('countersign a pending grant as a second administrator or the key officer (never the granter)')
    .requiredOption('--as <login>', 'the administrator or key officer countersigning')
    .option('--store <store>')
    .action(async (grantId: string, o: { as: string; store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const p = await principalOfLogin(ctx.store.db, o.as);
        out(JSON.stringify(await run(ctx, countersignGrant, p, grantId), null, 2));
      });
    });
  user
    .command('refuse <grantId>')
    .description('refuse a pending grant, with a reason')
    .requiredOption('--as <login>')
    .requiredOption('--reason <text>')
    .option('--store <store>')
    .action(async (grantId: string, o: { as: string; reason: string; store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const p = await principalOfLogin(ctx.store.db, o.as);
        out(JSON.stringify(await run(ctx, refuseGrant, p, grantId, { reason: o.reason }), null, 2));
      });
    });
}
