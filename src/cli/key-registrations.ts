// `shokai key registrations | confirm | refuse`: the second person of the two-person rule for a provider's
// installation key and machine clients, at the command line of the installation (the organisation's page in
// the web does the same). Without --as the installation's operator acts (it may confirm alone: it holds the
// store), for a provider with no second administrator or key officer.
import type { Command } from 'commander';
import {
  confirmKeyRegistration,
  type KeyRegistration,
  listKeyRegistrations,
  refuseKeyRegistration,
} from '../directory/key-registrations.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { CREDENTIAL_REQUEST_STATE_LABELS, KEY_REGISTRATION_KIND_LABELS } from '../domain/vocabulary.ts';
import { cliLocale } from '../kernel/text.ts';
import { runLocal } from './context.ts';
import { tr } from './language.ts';
import { aligned, printResult } from './output.ts';
import { asOptionHelp, localResultOptions, storeOptionHelp } from './store-options.ts';

/** What a registration still waiting is told: who completes it, and what stands meanwhile. */
export function awaitingWords(r: Pick<KeyRegistration, 'id' | 'state'>): string {
  return r.state === 'pending'
    ? tr(
        `二人目の確認待ちです（申請 ${r.id}）。組織の別の管理者または鍵管理責任者が、組織の管理画面か ` +
          `shokai key confirm ${r.id} で確認すると有効になります`,
        `awaiting a second person (registration ${r.id}): another administrator or the key officer confirms it ` +
          `on the organisation's page or with shokai key confirm ${r.id}; it counts from then`,
      )
    : tr('有効になりました', 'it counts from now');
}

/** One registration in a line's words: what, which key, of which client, by whom. */
export function keyRegistrationWords(r: KeyRegistration): string {
  const lang = cliLocale();
  const client = r.client ? ` ${r.client.name}` : '';
  const by = r.requestedBy ? r.requestedBy.login : tr('運用者', 'the operator');
  return `${KEY_REGISTRATION_KIND_LABELS[r.kind][lang]}${client} ${shownFingerprint(r.fingerprint)} (${by})`;
}

export function registerKeyRegistrationCommands(program: Command): void {
  const key = program.commands.find((c) => c.name() === 'key') ?? program.command('key');
  localResultOptions(key.command('registrations'))
    .description(
      tr(
        '事業者の設置鍵・連携システムの登録と、二人目の確認があるか',
        "a provider's installation keys and machine clients registered, and whether a second person confirmed them",
      ),
    )
    .requiredOption('--org <id>', tr('組織の ID', 'organisation id'))
    .option('--state <state>', 'pending | confirmed | refused | superseded')
    .action(async (o: { org: string; state?: string; as?: string; store?: string; json?: boolean }) => {
      const list = await runLocal(o, listKeyRegistrations, o.org, o.state ? { state: o.state } : {});
      printResult(o.json, list, (items) => {
        const lang = cliLocale();
        const rows = items.map((r) => [r.id, keyRegistrationWords(r), CREDENTIAL_REQUEST_STATE_LABELS[r.state][lang]]);
        return rows.length === 0 ? tr('登録はありません', 'no registrations') : aligned(rows, '');
      });
    });
  key
    .command('confirm <registrationId>')
    .description(
      tr(
        '確認待ちの設置鍵・連携システムを、二人目として確認する（登録した本人は不可）: 鍵はこの時から有効',
        'confirm a pending installation key or machine client as the second person (never the one who ' +
          'registered it): the key counts from now',
      ),
    )
    .option('--as <login>', asOptionHelp())
    .option('--store <store>', storeOptionHelp())
    .option('--json', tr('登録を JSON で出力する', 'print the registration as JSON'))
    .action(async (id: string, o: { as?: string; store?: string; json?: boolean }) => {
      printResult(o.json, await runLocal(o, confirmKeyRegistration, id), (r) =>
        tr(`確認しました: ${keyRegistrationWords(r)}`, `confirmed: ${keyRegistrationWords(r)}`),
      );
    });
  key
    .command('refuse <registrationId>')
    .description(tr('確認待ちの鍵の登録を、理由を付けて拒否する', 'refuse a pending key registration, with a reason'))
    .requiredOption('--reason <text>', tr('理由', 'the reason'))
    .option('--as <login>', asOptionHelp())
    .option('--store <store>', storeOptionHelp())
    .option('--json', tr('登録を JSON で出力する', 'print the registration as JSON'))
    .action(async (id: string, o: { reason: string; as?: string; store?: string; json?: boolean }) => {
      printResult(o.json, await runLocal(o, refuseKeyRegistration, id, { reason: o.reason }), (r) =>
        tr(
          `拒否しました: ${keyRegistrationWords(r)}（理由: ${r.refusalReason ?? ''}）`,
          `refused: ${keyRegistrationWords(r)}; reason: ${r.refusalReason ?? ''}`,
        ),
      );
    });
}
