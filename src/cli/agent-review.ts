// `shokai agent list|review|edit|attach|detach|approve|decline`: a person reviews what the installation
// prepared, on its own command line (the review pages are the other door). `--as` names the reviewer acting (one the
// installation's operator added); every view of the findings is audited.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { addAnswerFile, removeAnswerFile } from '../agent/answer-files.ts';
import { type HubRequestFacts, hubRequestFacts, recordCallBack } from '../agent/call-back.ts';
import type { AgentConfig } from '../agent/config.ts';
import { HELD_CONTENT_RULE_SHORT } from '../agent/content-rules-held.ts';
import { HELD_HERE_SHORT } from '../agent/held-here.ts';
import type { HubLink } from '../agent/hub.ts';
import { linkToHub } from '../agent/installation.ts';
import { REVIEW_ZONE, when } from '../agent/render.ts';
import { readRequestFile } from '../agent/request-files.ts';
import { declineRequest, editDraft, listForReview, viewForReview } from '../agent/review.ts';
import { reviewerByName } from '../agent/reviewers.ts';
import { approve } from '../agent/runner.ts';
import { SEND_REFUSED_WORDS } from '../agent/send-refusal.ts';
import type { Principal } from '../domain/access.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { isDomainError } from '../domain/errors.ts';
import {
  AGENT_REQUEST_STATE_LABELS,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  labelOf,
  REQUEST_KIND_LABELS,
} from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import { writeNewPrivateFile } from '../kernel/new-file.ts';
import { cliLocale } from '../kernel/text.ts';
import { run, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { installationOptions, withInstallation, withInstallationRuntime } from './agent-context.ts';
import { printReview } from './agent-review-print.ts';
import { readJsonFile } from './json-file.ts';
import { tr } from './language.ts';
import { JSON_HELP, out } from './output.ts';

const asHelp = () =>
  tr(
    '操作する確認者の名前（shokai agent reviewer add で登録済み）',
    'the reviewer acting (added with shokai agent reviewer add)',
  );

/** The reviewer --as names, one the installation's operator added. */
export function reviewer(ctx: AppContext, config: AgentConfig, name: string) {
  return run(ctx, (uow) => reviewerByName(uow, name, config.organisationId));
}

/** The options of a command a reviewer runs: the installation (--config) and the reviewer acting (--as). */
export function reviewerOptions(command: Command): Command {
  return installationOptions(command).requiredOption('--as <name>', asHelp());
}

/** The options of a reviewer's command that prints its result: reviewerOptions, and --json. */
export function reviewerResultOptions(command: Command): Command {
  return reviewerOptions(command).option('--json', JSON_HELP());
}

/** One service in one unit of work on the installation, as the reviewer --as names. */
function runAsReviewer<A extends unknown[], T>(
  o: { config?: string; as: string },
  service: (uow: UnitOfWork, p: Principal, ...args: A) => Promise<T>,
  ...args: A
): Promise<T> {
  return withInstallation(o, async (ctx, config) => run(ctx, service, await reviewer(ctx, config, o.as), ...args));
}

export function registerAgentReviewCommands(agent: Command): void {
  installationOptions(agent.command('list'))
    .description(tr('この設置の要請（状態と参照番号のみ）', "this installation's requests (state and reference only)"))
    .option('--state <states>', tr('状態（カンマ区切り）', 'states, comma-separated'))
    .action(async (o: { config?: string; state?: string }) => {
      // Judged by this command's own category (its agent.json), as the long-lived process judges by its own.
      const states = o.state?.split(',').map((s) => s.trim());
      const rows = await withInstallation(o, (ctx, config) => run(ctx, listForReview, SYSTEM_CALLER, config, states));
      const lang = cliLocale();
      for (const r of rows) {
        // A request the hub says was withdrawn or closed: that, in words, and when (per the hub).
        const state = r.hubEnded
          ? `${r.hubEnded.words[lang]} ${when(r.hubEnded.at)}`
          : `${labelOf(AGENT_REQUEST_STATE_LABELS, r.state)[lang]}${r.automatic ? tr('（自動）', ' (automatic)') : ''}`;
        const kind = labelOf(REQUEST_KIND_LABELS, r.kind)[lang];
        // A send the hub refuses needs a person: said on the request's line, with the hub's words.
        const refused = r.sendRefused ? `  ${SEND_REFUSED_WORDS[lang]}: ${r.sendRefused.message[lang]}` : '';
        const rule = r.breaksContentRule ? `  ${HELD_CONTENT_RULE_SHORT[lang]}` : '';
        // Held here until a call-back is recorded here: the installation's own hold, not the hub's refusal.
        const held = r.heldHere ? `  ${HELD_HERE_SHORT[lang]}` : '';
        out(`${r.requestId}  ${r.reference}  ${kind}  ${state}  ${when(r.receivedAt)}${refused}${held}${rule}`);
      }
    });

  reviewerResultOptions(agent.command('review <requestId>'))
    .description(
      tr(
        '回答案と各対象の判定・根拠を表示する（閲覧は記録される）',
        'show the draft answer and each target’s finding with its sources (the view is audited)',
      ),
    )
    .option('--offline', tr('ハブに接続しない（ファイル運用）', 'do not reach the hub (file mode)'))
    .action(async (id: string, o: { config?: string; as: string; json?: boolean; offline?: boolean }) => {
      await withInstallation(o, async (ctx, config) => {
        const view = await run(ctx, viewForReview, await reviewer(ctx, config, o.as), id, config);
        // The hub's word on the call-back an emergency may need, as the page reads it; a hub that cannot be
        // reached (or file mode) leaves it out.
        let hub: HubLink | null = null;
        let facts: HubRequestFacts | null = null;
        try {
          hub = o.offline ? null : linkToHub(config);
          facts = await hubRequestFacts(ctx, hub, id);
        } catch (err) {
          if (!isDomainError(err)) throw err;
        } finally {
          hub?.close();
        }
        printReview(view, { ...o, providerCategory: config.providerCategory }, facts);
      });
    });

  reviewerOptions(agent.command('request-file <requestId> <fileId>'))
    .description(
      tr(
        '要請の添付ファイルをこの設置の端末で開封し、署名された SHA-256 と照合して保存する（閲覧は記録される）',
        'open a request file on this installation’s device, check it against the signed SHA-256 and save it ' +
          '(the read is audited)',
      ),
    )
    .requiredOption('--out <file>', tr('保存先', 'where to save it'))
    .action(async (id: string, fileId: string, o: { config?: string; as: string; out: string }) => {
      await withInstallationRuntime(o, false, async (rt, config) => {
        const p = await reviewer(rt.ctx, config, o.as);
        // The file to save to is made first: one already there is never overwritten, and nothing is read.
        const f = await writeNewPrivateFile(
          o.out,
          'out',
          () => run(rt.ctx, readRequestFile, p, id, fileId, rt.device),
          (opened) => opened.bytes,
        );
        out(`${tr('保存しました（SHA-256 一致）', 'saved (SHA-256 matches)')}: ${o.out}  ${f.fileName}  ${f.sha256}`);
      });
    });

  reviewerOptions(agent.command('edit <requestId>'))
    .description(tr('回答案を差し替える（JSON ファイル）', 'replace the draft answer (a JSON file)'))
    .requiredOption('--file <file>', tr('回答（AnswerContent）の JSON', 'the answer (AnswerContent) as JSON'))
    .action(async (id: string, o: { config?: string; as: string; file: string }) => {
      const digest = await runAsReviewer(o, editDraft, id, { answer: readJsonFile(o.file) });
      out(tr(`回答案を更新しました。新しいダイジェスト: ${digest}`, `draft updated; its digest: ${digest}`));
    });

  reviewerOptions(agent.command('attach <requestId> <files...>'))
    .description(
      tr(
        '回答案にファイルを添付する（画像・PDF・テキスト・CSV、10 MiB まで。承認時に封緘）',
        'attach files to the draft answer (images, PDF, text, CSV; up to 10 MiB; sealed on approval)',
      ),
    )
    .option('--type <mediaType>', tr('種類（省略時はファイル名から）', "the type (default: from the file's name)"))
    .action(async (id: string, files: string[], o: { config?: string; as: string; type?: string }) => {
      await withInstallation(o, async (ctx, config) => {
        const p = await reviewer(ctx, config, o.as);
        for (const file of files) {
          const f = await run(ctx, addAnswerFile, p, id, {
            fileName: basename(file),
            ...(o.type ? { mediaType: o.type } : {}),
            bytes: new Uint8Array(readFileSync(file)),
          });
          out(`${f.id}  ${f.fileName}  ${f.mediaType}  ${f.byteSize} B  sha256:${f.sha256}`);
        }
        const digest = (await run(ctx, viewForReview, p, id, config)).draftDigest;
        if (digest) out(tr(`回答案の新しいダイジェスト: ${digest}`, `the draft's digest now: ${digest}`));
      });
    });

  reviewerOptions(agent.command('detach <requestId> <fileId>'))
    .description(tr('回答案からファイルを外す', 'remove a file from the draft answer'))
    .action(async (id: string, fileId: string, o: { config?: string; as: string }) => {
      await runAsReviewer(o, removeAnswerFile, id, fileId);
      out(tr(`${fileId} を外しました`, `${fileId} removed`));
    });

  reviewerOptions(agent.command('approve <requestId>'))
    .description(
      tr(
        '確認した回答案を承認し、設置鍵で署名・封緘する',
        'approve the draft you reviewed: it is signed with the installation key and sealed',
      ),
    )
    .requiredOption(
      '--digest <sha256>',
      tr(
        '確認した回答案のダイジェスト（review が表示する）',
        'the digest of the draft you reviewed (review prints it)',
      ),
    )
    .option(
      '--offline',
      tr(
        'ハブに接続しない（ファイル運用: 固定済みディレクトリの鍵で封緘）',
        'do not reach the hub (file mode: seal to the pinned directory’s keys)',
      ),
    )
    .action(async (id: string, o: { config?: string; as: string; digest: string; offline?: boolean }) => {
      await withInstallationRuntime(o, !o.offline, async (rt, config) => {
        await approve(rt, await reviewer(rt.ctx, config, o.as), id, o.digest);
        out(
          tr(
            '承認し、署名・封緘しました。送付待ちです（shokai agent send または常駐プロセス）',
            'approved, signed and sealed; it waits to be sent (shokai agent send, or the running agent)',
          ),
        );
      });
    });

  reviewerOptions(agent.command('call-back <requestId>'))
    .description(
      tr(
        '緊急要請の折り返し確認（照会元所属の登録番号へ電話した結果）を、ハブとこの設置に記録する',
        'record the call-back of an emergency ' +
          "(the call you made to the issuing unit's registered number) at the hub and here",
      ),
    )
    .requiredOption(
      '--called-at <time>',
      tr(
        `電話した日時（この設置の時刻、${REVIEW_ZONE}。例: 2026-12-04T10:30）`,
        `when you called (on this installation's clock, ${REVIEW_ZONE}; e.g. 2026-12-04T10:30)`,
      ),
    )
    .requiredOption('--outcome <text>', tr('電話に出た人と、確認した内容', 'whom you reached and what they confirmed'))
    .option(
      '--dialled <number>',
      tr(
        '電話した番号（この設置が求める折り返し確認では必須。ハブに頼らずに確かめた番号）',
        'the number you dialled (required when this installation asks the call-back: one known apart from the hub)',
      ),
    )
    .option(
      '--confirmed',
      tr(
        '照会元所属が、この要請を発したことを確認した（必須）',
        'the issuing unit confirmed that it issued this request (required)',
      ),
    )
    .action(
      async (
        id: string,
        o: { config?: string; as: string; calledAt: string; outcome: string; confirmed?: boolean; dialled?: string },
      ) => {
        await withInstallationRuntime(o, true, async (rt, config) => {
          const input = {
            calledAt: o.calledAt,
            outcome: o.outcome,
            ...(o.confirmed ? { confirmed: 'yes' } : {}),
            ...(o.dialled !== undefined ? { dialled: o.dialled } : {}),
          };
          await recordCallBack(rt, await reviewer(rt.ctx, config, o.as), id, input);
          out(
            tr(
              '折り返し確認を記録しました。承認済みの回答は送付できます（shokai agent send または常駐プロセス）',
              'the call-back is recorded; an approved answer can now be sent (shokai agent send, or the running agent)',
            ),
          );
        });
      },
    );

  reviewerOptions(agent.command('decline <requestId>'))
    .description(tr('回答を見送る（理由のみが送られる）', 'decline to answer (only the reason is sent)'))
    .requiredOption(
      '--reason <reason>',
      `${tr('理由', 'reason')}: ` +
        `${DECLINE_REASONS.map((r) => `${r} (${DECLINE_REASON_LABELS[r][cliLocale()]})`).join(', ')}`,
    )
    .option('--note <text>', tr('補足（個人情報を書かないこと）', 'a note (write no personal data)'))
    .action(async (id: string, o: { config?: string; as: string; reason: string; note?: string }) => {
      await runAsReviewer(o, declineRequest, id, { reason: o.reason, ...(o.note ? { note: o.note } : {}) });
      out(tr('見送りとしました。送付待ちです', 'declined; it waits to be sent'));
    });
}
