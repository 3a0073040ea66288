// `shokai answer-file import`: the hub takes in an answer a provider's installation wrote to a file
// (air-gapped file mode). The answer in it is already signed with the provider's installation key and
// sealed; the hub runs exactly the checks of an answer sent over the API (the provider's person named
// by --as carries it in), and can read none of it. The answer's files come sealed beside it and are taken
// in as a sealed upload over the API would be.
import type { Command } from 'commander';
import { readAnswerFile, sealedFilesOf } from '../agent/files.ts';
import { principalOfLogin } from '../auth/auth-service.ts';
import { isDomainError } from '../domain/errors.ts';
import { labelOf, REQUEST_STATE_LABELS } from '../domain/vocabulary.ts';
import { addSealedAttachment } from '../exchange/sealed-attachments.ts';
import { transition } from '../exchange/transitions.ts';
import { run } from '../kernel/unit-of-work.ts';
import { withContext } from './context.ts';
import { tr } from './language.ts';
import { out } from './output.ts';
import { storeOptionHelp } from './store-options.ts';

export function registerAnswerFileCommands(program: Command): void {
  program
    .command('answer-file')
    .description(
      tr(
        '事業者の設置が書き出した回答ファイル（ハブ側）',
        "answer files written by a provider's installation (hub side)",
      ),
    )
    .command('import <files...>')
    .description(
      tr(
        '署名・封緘済みの回答ファイルを取り込む（API で送られた回答と同じ検査）',
        'take in signed, sealed answer files (the same checks as an answer sent over the API)',
      ),
    )
    .requiredOption(
      '--as <login>',
      tr('ファイルを持ち込む事業者の担当者のログイン名', "the login of the provider's person carrying the files in"),
    )
    .option('--store <store>', storeOptionHelp())
    .action(async (files: string[], o: { as: string; store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const p = await principalOfLogin(ctx.store.db, o.as);
        for (const file of files) {
          const f = readAnswerFile(file);
          // A warrant is answered from review: open it first when it is still only received.
          if (f.transition.action === 'answer') {
            await run(ctx, transition, p, f.requestId, { action: 'start_review' }).catch(() => undefined);
          }
          // The answer's files first (sealed on the provider's side; one taken in before is not taken twice).
          for (const body of sealedFilesOf(file, f)) {
            await run(ctx, addSealedAttachment, p, f.requestId, body).catch((err: unknown) => {
              if (!(isDomainError(err) && err.code === 'CONFLICT' && err.details?.field === 'attachmentId')) throw err;
            });
          }
          const row = await run(ctx, transition, p, f.requestId, f.transition);
          const state = labelOf(REQUEST_STATE_LABELS, row.state);
          out(
            tr(
              `${file}: ${row.reference} を取り込みました。要請は「${state.ja}」です`,
              `${file}: ${row.reference} taken in; the request is now ${state.en.toLowerCase()}`,
            ),
          );
        }
      });
    });
}
