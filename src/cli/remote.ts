// `shokai client …` and `shokai remote …`: a provider's own system talking to a hub through the public
// API with its machine key, through the same typed client the web uses. Thin: options → client → print.
import type { Command } from 'commander';
import { z } from 'zod';
import { unwrap } from '../client/client.ts';
import { createMachineClient } from '../client/machine.ts';
import { generateSigningKeyPair } from '../crypto/keys.ts';
import { REQUEST_KIND_LABELS, REQUEST_STATE_LABELS } from '../domain/vocabulary.ts';
import { cliLocale } from '../kernel/text.ts';
import { readKeyFileAs, writeKeyFile } from './json-file.ts';
import { tr } from './language.ts';
import { aligned, out, printResult } from './output.ts';

/** A machine key file: the Ed25519 pair, and the key id the hub gave when the key was registered. */
const KeyFileSchema = z.strictObject({
  publicKey: z.string().min(1),
  privateKey: z.string().min(1),
  keyId: z.string().min(1).optional(),
});

function readKeyFile(path: string, keyId: string | undefined): { keyId: string; privateKey: string } {
  const file = readKeyFileAs(KeyFileSchema, path);
  const id = keyId ?? file.keyId;
  if (!id) {
    throw new Error(
      cliLocale() === 'ja'
        ? '鍵 ID がありません: --key-id で指定するか、鍵ファイルに keyId を書いてください（登録時にハブが返します）'
        : 'no key id: give --key-id or add keyId to the key file (the hub returns it when the key is registered)',
    );
  }
  return { keyId: id, privateKey: file.privateKey };
}

export function registerRemoteCommands(program: Command): void {
  const client = program
    .command('client')
    .description(tr('事業者自身のシステム: その機械鍵', "a provider's own system: its machine key"));
  client
    .command('keygen')
    .description(
      tr(
        '機械クライアント用の Ed25519 鍵ペアを作る（表示された公開鍵をハブに登録する）',
        'create an Ed25519 key pair for a machine client; register the printed public key at the hub',
      ),
    )
    .requiredOption(
      '--out <file>',
      tr('鍵ペアを書き出すファイル（モード 0600 で作る）', 'where to write the key pair (created with mode 0600)'),
    )
    .action((o: { out: string }) => {
      const pair = generateSigningKeyPair();
      writeKeyFile(o.out, pair);
      out(pair.publicKey);
    });

  const remote = program
    .command('remote')
    .description(tr('機械鍵で公開 API を通してハブを呼ぶ', 'call a hub with a machine key, through the public API'));
  remote
    .command('requests')
    .description(
      tr(
        'ハブで鍵の持ち主の組織に宛てられた照会（新しい順）',
        'requests addressed to the key holder’s organisation at the hub, newest first',
      ),
    )
    .requiredOption('--url <url>', tr('ハブ（例: https://hub.example）', 'the hub, e.g. https://hub.example'))
    .requiredOption(
      '--key-file <file>',
      tr('機械鍵のファイル（shokai client keygen）', 'the machine key file (shokai client keygen)'),
    )
    .option(
      '--key-id <id>',
      tr(
        '登録時にハブが返した鍵 ID（または鍵ファイルの keyId）',
        'the key id the hub gave at registration (or keyId in the key file)',
      ),
    )
    .option('--state <states>', tr('状態（カンマ区切り）', 'comma-separated states'))
    .option('--limit <n>', tr('最大件数', 'at most this many'), '50')
    .option('--json', tr('結果を JSON で出力する', 'print the answer as JSON'))
    .action(
      async (o: { url: string; keyFile: string; keyId?: string; state?: string; limit: string; json?: boolean }) => {
        const api = createMachineClient(o.url, readKeyFile(o.keyFile, o.keyId));
        const r = await unwrap(
          api.GET('/v1/requests', {
            params: { query: { limit: Number(o.limit), ...(o.state ? { state: o.state } : {}) } },
          }),
        );
        const lang = cliLocale();
        printResult(o.json, r, (r) =>
          aligned(
            r.items.map((q) => [
              q.reference,
              REQUEST_KIND_LABELS[q.kind][lang],
              REQUEST_STATE_LABELS[q.state][lang],
              q.agency[lang === 'ja' ? 'nameJa' : 'nameEn'],
              q.id,
            ]),
            '',
          ),
        );
      },
    );
}
