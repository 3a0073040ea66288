// `shokai agent receive`: what a medium carries to an installation with no line to the hub (file mode),
// taken in offline — envelopes, the sealed request files beside them, a request's end at the hub — and
// each file's verdict printed in words (ja/en). Thin: parses options, calls src/agent (medium.ts), prints.
import type { Command } from 'commander';
import { END_ALREADY } from '../agent/carried-end.ts';
import { HELD_REQUEST, NOT_TAKEN_IN, passedOverLine, receiveMedium } from '../agent/medium.ts';
import { when } from '../agent/render.ts';
import { REQUEST_FILE_STATE_LABELS, type RequestFileState } from '../agent/request-files.ts';
import { prepareAll } from '../agent/runner.ts';
import { AGENT_REFUSALS } from '../domain/agent-intake.ts';
import { installationOptions, withInstallationRuntime } from './agent-context.ts';
import { tr } from './language.ts';
import { out } from './output.ts';

/** What a file not taken in names: the field that is not as written, or the request it is of. */
function named(x: { field?: string; requestId?: string }): string {
  if (x.field) return tr(`（項目: ${x.field}）`, ` (field: ${x.field})`);
  return x.requestId ? tr(`（要請 ${x.requestId}）`, ` (request ${x.requestId})`) : '';
}

/**
 * File mode reaches no hub: the pin the envelopes were checked against (when, in the installation's zone with its
 * offset, as the agent's other lines), and what it cannot see.
 */
function pinnedAtLine(at: string | null): string {
  if (!at) return tr('ディレクトリが固定されていません', 'no directory is pinned');
  const pinned = when(at);
  return tr(
    `固定済みディレクトリ（${pinned} 時点）に照らして検証しました。これより後の鍵や当直指定の失効は反映されていません（shokai agent pin で更新）`,
    `checked against the pinned directory of ${pinned}: a key or duty designation revoked after it is not seen ` +
      `(update it with shokai agent pin)`,
  );
}

/** `shokai agent receive`: what a medium carries, taken in offline. */
export function registerAgentReceiveCommand(agent: Command): void {
  installationOptions(agent.command('receive <files...>'))
    .description(
      tr(
        'ファイルで届いたエンベロープ、一緒に持ち込まれた封緘済みの添付ファイル、ハブでの要請の取下げ・終結（REQUEST.ended.json）を検証して取り込む（オフライン）。' +
          'フォルダを指定すると、その中のフォルダも読みます',
        'take in envelopes delivered on files, the sealed request files carried with them, ' +
          "and a request's end at the hub (REQUEST.ended.json), verified first (offline); " +
          'a folder stands for its files and those of its folders',
      ),
    )
    .action(async (files: string[], o: { config?: string }) => {
      await withInstallationRuntime(o, false, async (rt) => {
        const r = await receiveMedium(rt, files);
        await prepareAll(rt);
        /** The verdicts on a request's carried files, or how many wait for a device of the installation's. */
        const verdicts = (files: Array<{ requestId: string; fileId: string; state: RequestFileState }>, n: number) => {
          for (const x of files) {
            const label = REQUEST_FILE_STATE_LABELS[x.state];
            out(`  ${tr('要請の添付ファイル', 'request file')} ${x.requestId} ${x.fileId}: ${tr(label.ja, label.en)}`);
          }
          if (n > 0 && !rt.device) {
            out(
              `  ${tr(
                `添付ファイル ${n} 件は未確認です（この設置の端末がありません: shokai agent device）`,
                `${n} request file(s) not checked yet (this installation has no device of its own: ` +
                  `shokai agent device)`,
              )}`,
            );
          }
        };
        for (const f of r.envelopes) {
          out(
            `${f.file}: ${tr('保存', 'stored')} ${f.stored.length}, ${tr('既存', 'already')} ${f.already.length}, ` +
              `${tr('拒否', 'refused')} ${f.refused.length}`,
          );
          out(`  ${pinnedAtLine(f.pinnedAt)}`);
          // Why, in words: the refusal's code is for the records (agent status), not for people.
          for (const x of f.refused) {
            const why = AGENT_REFUSALS[x.reason];
            out(`  ${tr('拒否', 'refused')}: ${x.requestId ?? '?'}: ${tr(why.ja, why.en)}`);
            if (x.detail) out(`    ${tr(x.detail.ja, x.detail.en)}`);
          }
          verdicts(f.requestFiles, f.carried);
        }
        // Files of a request taken in from an earlier medium, checked against the envelope stored then.
        for (const h of r.held) {
          out(`${h.requestId}: ${tr(HELD_REQUEST.ja, HELD_REQUEST.en)}`);
          verdicts(
            h.requestFiles.map((x) => ({ requestId: h.requestId, ...x })),
            h.carried,
          );
        }
        // A request's end at the hub, as recorded here: the hub's word in words, and what could be checked.
        for (const e of r.ended) {
          const { words, checkText, note } = e.view;
          const already = e.outcome === 'already' ? ` (${tr(END_ALREADY.ja, END_ALREADY.en)})` : '';
          out(`${e.file}: ${tr('要請', 'request')} ${e.requestId}: ${tr(words.ja, words.en)}${already}`);
          out(`  ${tr('検証', 'check')}: ${tr(checkText.ja, checkText.en)}`);
          if (note) out(`  ${tr('依頼元の理由', "the requester's reason")}: ${note}`);
        }
        for (const x of r.notTaken)
          out(`${x.file}: ${tr(NOT_TAKEN_IN[x.reason].ja, NOT_TAKEN_IN[x.reason].en)}${named(x)}`);
        // What an operating system left on the medium is no error: one line, and the exit stays 0.
        if (r.passedOver > 0) out(tr(passedOverLine(r.passedOver).ja, passedOverLine(r.passedOver).en));
        // An envelope refused, a carried file that is not the one signed, a file not taken in: said above,
        // and the exit says so.
        const refused =
          r.envelopes.some((f) => f.refused.length > 0 || f.requestFiles.some((x) => x.state !== 'verified')) ||
          r.held.some((h) => h.requestFiles.some((x) => x.state !== 'verified'));
        if (refused || r.notTaken.length > 0) process.exitCode = 2;
      });
    });
}
