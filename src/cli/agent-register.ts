// `shokai agent register`: the provider's administrator registers what `shokai agent init` wrote into
// registration.json — the machine client (its public key, roles intake and legal) and the installation key
// (with its proof of possession) — at the hub in their own session, and the key ids the hub gives are
// written into the key files, as `shokai agent keys` would. The private keys stay where they are.
import { dirname, join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadAgentConfig, readKeyFile } from '../agent/config.ts';
import { RegisterClientInput } from '../auth/clients.ts';
import { unwrap } from '../client/client.ts';
import { publicKeyFromPrivate } from '../crypto/keys.ts';
import { RegisterInstallationKeyInput } from '../directory/installation-keys.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { configOptionHelp, configPath } from './agent-context.ts';
import { hubApi, hubLoginOptions } from './hub-session.ts';
import { readJsonFile, writeKeyFile } from './json-file.ts';
import { awaitingWords } from './key-registrations.ts';
import { tr } from './language.ts';
import { out } from './output.ts';

const RegistrationFile = z.object({
  machineClient: z.object({ body: RegisterClientInput }),
  installationKey: z.object({ body: RegisterInstallationKeyInput }),
});

export function registerAgentRegisterCommand(agent: Command): void {
  hubLoginOptions(agent.command('register'))
    .description(
      tr(
        'registration.json の機械クライアントと設置鍵を（自社の管理者のセッションで）ハブに登録し、返された鍵 ID を鍵ファイルに書き込む',
        "register registration.json's machine client and installation key at the hub " +
          "(in your administrator's session) and write the key ids it returns into the key files",
      ),
    )
    .option('--config <file>', configOptionHelp())
    .option(
      '--registration <file>',
      tr(
        '登録内容（既定: 設定ファイルと同じ場所の registration.json）',
        'what to register (default: registration.json beside the configuration)',
      ),
    )
    .action(async (o: { url: string; token?: string; config?: string; registration?: string }) => {
      const path = configPath(o);
      const config = loadAgentConfig(path);
      const file = o.registration ?? join(dirname(path), 'registration.json');
      const reg = parseOrThrow(RegistrationFile, readJsonFile(file), 'registration');
      const api = hubApi(o);
      const machine = readKeyFile(config.machineKeyFile, 'machineKeyFile');
      const inst = readKeyFile(config.installationKeyFile, 'installationKeyFile');
      // What is registered must be this installation's own keys, under its own organisation: a client
      // registers under the caller's organisation, so another organisation's administrator is refused here.
      if (reg.machineClient.body.publicKey !== publicKeyFromPrivate(machine.privateKey)) {
        throw new Error(
          tr(
            `${file} の機械クライアントの公開鍵が ${config.machineKeyFile} の鍵と一致しません`,
            `${file}: the machine client's public key is not the key in ${config.machineKeyFile}`,
          ),
        );
      }
      if (inst.publicKey !== undefined && reg.installationKey.body.publicKey !== inst.publicKey) {
        throw new Error(
          tr(
            `${file} の設置鍵の公開鍵が ${config.installationKeyFile} の鍵と一致しません`,
            `${file}: the installation key's public key is not the key in ${config.installationKeyFile}`,
          ),
        );
      }
      const me = await unwrap(api.GET('/v1/me'));
      if (me.organisation.id !== config.organisationId) {
        // The installation's organisation by its name in the hub's directory; the refusal stands without it.
        const own = await unwrap(api.GET('/v1/organisations')).then(
          ({ items }) => items.find((org) => org.id === config.organisationId),
          () => undefined,
        );
        const ownJa = own ? `この設置の組織（${own.nameJa}）` : 'この設置の組織';
        const ownEn = own ? `this installation's organisation (${own.nameEn})` : "this installation's organisation";
        throw new Error(
          tr(
            `このセッションは ${me.organisation.nameJa} の利用者のものです。${ownJa}の管理者のセッションで登録してください`,
            `this session is of ${me.organisation.nameEn}; register with a session of an administrator of ${ownEn}`,
          ),
        );
      }
      if (machine.keyId) {
        out(
          tr(
            `機械クライアントは登録済みです（鍵 ID ${machine.keyId}）`,
            `the machine client is registered already (key id ${machine.keyId})`,
          ),
        );
      } else {
        const c = await unwrap(api.POST('/v1/clients', { body: reg.machineClient.body }));
        writeKeyFile(config.machineKeyFile, { ...machine, keyId: c.keyId }, 'update');
        out(
          `${tr('機械クライアントを登録しました', 'machine client registered')}: ${c.keyId}  ${shownFingerprint(c.fingerprint)}`,
        );
        out(awaitingWords(c.registration));
      }
      if (inst.keyId) {
        out(
          tr(
            `設置鍵は登録済みです（鍵 ID ${inst.keyId}）`,
            `the installation key is registered already (key id ${inst.keyId})`,
          ),
        );
        return;
      }
      const k = await unwrap(
        api.POST('/v1/organisations/{id}/installation-keys', {
          params: { path: { id: config.organisationId } },
          body: reg.installationKey.body,
        }),
      );
      writeKeyFile(config.installationKeyFile, { ...inst, keyId: k.keyId }, 'update');
      out(
        `${tr('設置鍵を登録しました', 'installation key registered')}: ${k.keyId}  ${shownFingerprint(k.fingerprint)}`,
      );
      out(awaitingWords(k));
    });
}
