// `shokai provider key …`: the provider's installation key (issue 11). `init` generates an Ed25519 key
// pair ON THIS MACHINE and writes the key file (mode 0600); `register` has a provider administrator
// register its public part at the hub with a proof of possession (audited, in the directory's log).
// `shokai provider answer` signs an answer with it and seals it here. The hub never gets the private part.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  generateInstallationKey,
  importInstallationKey,
  installationKeyProof,
  submitSealedAnswer,
} from '../client/answer-seal.ts';
import { uploadSealedAnswerFile } from '../client/attachment-seal.ts';
import { unwrap } from '../client/client.ts';
import { bytesToB64u, type WebKey } from '../crypto/device-seal.ts';
import { keyFingerprint } from '../crypto/keys.ts';
import { AnswerContentSchema, requirePersonTimesWithOffset } from '../domain/answer-content.ts';
import { attachmentTypeOfName } from '../domain/attachments.ts';

import { shownFingerprint } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { labelOf, REQUEST_STATE_LABELS } from '../domain/vocabulary.ts';
import { type HubSession, hubApi } from './hub-session.ts';
import { type KeyFile, privateKeyOf, readKeyFile, registeredSigner, remote } from './installation-key-file.ts';
import { readJsonFile, writeKeyFile } from './json-file.ts';
import { awaitingWords } from './key-registrations.ts';
import { tr } from './language.ts';
import { out } from './output.ts';
import { registerProviderNetworksCommands } from './provider-networks.ts';

/**
 * Generates the installation key (Ed25519) on this machine and writes its key file (mode 0600, never
 * over a file already there); gives the key's public part and private key, e.g. for a proof of possession.
 */
export async function createInstallationKeyFile(
  path: string,
  organisationId: string,
): Promise<{ publicKey: string; privateKey: WebKey }> {
  const made = await generateInstallationKey();
  const file: KeyFile = {
    format: 'shokai-installation-key/v1',
    organisationId,
    publicKey: made.publicKey,
    privateKey: bytesToB64u(made.pkcs8),
  };
  const privateKey = await importInstallationKey(made.pkcs8);
  made.pkcs8.fill(0);
  writeKeyFile(path, file);
  return { publicKey: made.publicKey, privateKey };
}

export function registerProviderCommands(program: Command): void {
  const provider = program
    .command('provider')
    .description(tr('事業者自身の設置（設置鍵・回答）', "the provider's own installation (its key, its answers)"));
  registerProviderNetworksCommands(provider);
  const key = provider.command('key').description(tr('事業者の設置鍵', "the provider's installation key"));

  key
    .command('init')
    .description(
      tr(
        'この機械で設置鍵（Ed25519）を作り、鍵ファイル（モード 0600）に書く。秘密鍵はこの機械から出ない',
        'generate the installation key (Ed25519) on this machine into a key file (mode 0600); ' +
          'the private key never leaves it',
      ),
    )
    .requiredOption('--organisation <id>', tr('事業者の組織 ID', "the provider's organisation id"))
    .requiredOption('--key-file <file>', tr('書き出す鍵ファイル', 'the key file to write'))
    .action(async (o: { organisation: string; keyFile: string }) => {
      const made = await createInstallationKeyFile(o.keyFile, o.organisation);
      out(`${tr('設置鍵の指紋', 'installation key fingerprint')} ${shownFingerprint(keyFingerprint(made.publicKey))}`);
    });

  remote(key.command('register'))
    .description(
      tr(
        '設置鍵の公開鍵を（事業者の管理者として）ハブに登録する。所持の証明付き。以後ハブは事業者として署名できない',
        "register the installation key's public part at the hub (as the provider's administrator), " +
          'with a proof of possession; the hub can no longer sign as the provider',
      ),
    )
    .action(async (o: HubSession) => {
      const f = readKeyFile(o.keyFile);
      const proof = await installationKeyProof(await privateKeyOf(o.keyFile, f), f.organisationId, f.publicKey);
      const k = await unwrap(
        hubApi(o).POST('/v1/organisations/{id}/installation-keys', {
          params: { path: { id: f.organisationId } },
          body: { publicKey: f.publicKey, proof },
        }),
      );
      writeKeyFile(o.keyFile, { ...f, keyId: k.keyId }, 'update');
      out(
        `${tr('登録しました', 'registered')}: ${k.keyId}  ${tr('指紋', 'fingerprint')} ${shownFingerprint(k.fingerprint)}`,
      );
      out(awaitingWords(k));
    });

  remote(provider.command('answer <requestId> <answerFile>'))
    .description(
      tr(
        '回答（JSON）をこの機械で設置鍵により署名し、要請元所属の鍵と自社の鍵に封緘して送る（ハブは内容を見ない）',
        'sign an answer (JSON) here with the installation key, ' +
          'seal it to the requesting unit and to the provider, and send it (the hub never sees it)',
      ),
    )
    .option(
      '--file <path>',
      tr(
        '回答に添付するファイル（複数可。この機械で封緘してから送る。種類は拡張子で判断: png jpg gif webp pdf txt log csv）',
        'a file to attach to the answer (repeatable; sealed here before it is sent; ' +
          'its type from its extension: png jpg gif webp pdf txt log csv)',
      ),
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .action(async (requestId: string, answerFile: string, o: HubSession & { file: string[] }) => {
      const { signer } = await registeredSigner(o.keyFile);
      const answer = parseOrThrow(AnswerContentSchema, readJsonFile(answerFile), 'answer');
      // Every instant in it read by the one instant parser (the schema), and a person's date giving a time too.
      requirePersonTimesWithOffset(answer);
      const api = hubApi(o);
      for (const path of o.file) {
        const fileName = basename(path);
        const mediaType = attachmentTypeOfName(fileName);
        if (!mediaType) {
          throw new Error(
            tr(
              `--file ${path}: 拡張子から種類が分かりません（png jpg gif webp pdf txt log csv）`,
              `--file ${path}: its type is not known from its extension (png jpg gif webp pdf txt log csv)`,
            ),
          );
        }
        const a = await uploadSealedAnswerFile(api, requestId, {
          fileName,
          mediaType,
          bytes: new Uint8Array(readFileSync(path)),
        });
        out(`${tr('封緘して添付しました', 'sealed and attached')}: ${a.fileName}  SHA-256 ${a.sha256}`);
      }
      // The answer names every file uploaded for it (their SHA-256 signed with it).
      const r = await submitSealedAnswer(api, requestId, answer, signer);
      const state = labelOf(REQUEST_STATE_LABELS, r.state);
      out(
        tr(
          `${r.reference}: 回答を送りました。要請は「${state.ja}」です`,
          `${r.reference}: answer sent; the request is now ${state.en.toLowerCase()}`,
        ),
      );
    });
}
