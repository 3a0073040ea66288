// `shokai agent own-keys list|confirm|disown`: the keys in the provider's own name in the pinned log
// (src/agent/keys-monitor.ts). Listing is the operator's; confirming or disowning a key is a person's word,
// `--as` names the reviewer saying it (one the installation's operator added), and it is audited.
import type { Command } from 'commander';
import { decideOwnKey, type KeyDecision, type OwnKeysWatch, ownKeysWatch } from '../agent/keys-monitor.ts';
import { baselineWords, namesWords, OWN_KEYS_TEXTS, shownKeyId, watchedKeyLine } from '../agent/own-keys-texts.ts';
import type { Caller } from '../domain/access.ts';
import { cliLocale } from '../kernel/text.ts';
import { run, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { installationResultOptions, runInInstallation, withInstallation } from './agent-context.ts';
import { reviewer, reviewerOptions } from './agent-review.ts';
import { tr } from './language.ts';
import { out, printResult } from './output.ts';

/**
 * The watch now, for the operator: ids, fingerprints, instants, and a person's key by the name the hub
 * gives its own people (the provider's own people, learned by the installation: ../agent/hub-people.ts).
 */
const listOwnKeys = (uow: UnitOfWork, _caller: Caller): Promise<OwnKeysWatch | null> => ownKeysWatch(uow);

/**
 * The keys not yet confirmed, in lines: what to do, then each key in words (as on the status page). The
 * same lines `shokai agent pull` and `shokai agent pin` warn with; none when there is none.
 */
export function unconfirmedKeyLines(w: OwnKeysWatch | null): string[] {
  const lang = cliLocale();
  if (!w?.unconfirmed.length) return [];
  return [
    OWN_KEYS_TEXTS.unconfirmed[lang],
    ...w.unconfirmed.map((k) => `  ${shownKeyId(k)}  ${watchedKeyLine(k, lang)}`),
  ];
}

/** The watch in lines: the alerts first (not yet confirmed, not ours with what to do), then the baseline. */
export function ownKeysLines(w: OwnKeysWatch | null): string[] {
  const lang = cliLocale();
  const T = OWN_KEYS_TEXTS;
  if (!w) return [T.notStarted[lang]];
  const lines = unconfirmedKeyLines(w);
  if (w.disowned.length) {
    lines.push(`${T.disowned[lang]}: ${T.disownedSteps[lang]}`);
    for (const k of w.disowned) lines.push(`  ${shownKeyId(k)}  ${watchedKeyLine(k, lang)}`);
  }
  lines.push(baselineWords(w)[lang], namesWords(w)[lang]);
  return lines;
}

export function registerAgentOwnKeysCommands(agent: Command): void {
  const keys = agent
    .command('own-keys')
    .description(
      tr(
        'ハブのディレクトリにある自社名義の鍵: 自社の者が確認していないものの一覧、確認・否認',
        "the keys in your name in the hub's directory: those none of your people confirmed, confirm or disown",
      ),
    );
  installationResultOptions(keys.command('list'))
    .description(
      tr(
        '確認されていない鍵と自社の鍵ではないとされた鍵を表示する（あれば終了コード 2、なければ 0）',
        'show the keys not yet confirmed and those marked not yours (exit code 2 when there are any, else 0)',
      ),
    )
    .action(async (o: { config?: string; json?: boolean }) => {
      const w = await runInInstallation(o, listOwnKeys);
      printResult(o.json, w, ownKeysLines);
      if (w && (w.unconfirmed.length > 0 || w.disowned.length > 0)) process.exitCode = 2;
    });
  for (const [name, decision, ja, en] of [
    ['confirm', 'ours', '鍵を自社のものと確認する（記録される）', 'confirm a key as yours (audited)'],
    [
      'disown',
      'not_ours',
      '鍵を自社のものではないとする（記録される。ハブで漏えいとして失効させること）',
      'mark a key as not yours (audited; then revoke it at the hub as compromised)',
    ],
  ] as const) {
    reviewerOptions(keys.command(`${name} <key>`))
      .description(tr(ja, en))
      .action(async (ref: string, o: { config?: string; as: string }) => {
        const k = await withInstallation(o, async (ctx, config) =>
          run(ctx, decideOwnKey, await reviewer(ctx, config, o.as), ref, decision satisfies KeyDecision),
        );
        const lang = cliLocale();
        out(`${shownKeyId(k)}  ${watchedKeyLine(k, lang)}`);
        out(
          decision === 'ours' ? tr('自社の鍵と確認しました', 'confirmed as yours') : OWN_KEYS_TEXTS.disownedSteps[lang],
        );
      });
  }
}
