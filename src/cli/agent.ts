// `shokai agent …`: the provider's own installation. Setup (init, keys, pin, reviewers), the long-lived
// process (run) and its single steps (pull, receive, send, export-answers, status). Review commands are
// in agent-review.ts, provision orders in agent-provision.ts. Thin: parses options, calls src/agent, prints.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { AgentConfigSchema, loadAgentConfig, readKeyFile } from '../agent/config.ts';
import { registerAgentDevice } from '../agent/device.ts';
import { exportAnswers } from '../agent/files.ts';
import { installationRuntime, linkToHub, openInstallation } from '../agent/installation.ts';
import { monitorOwnKeys, type OwnKeysWatch, ownKeysWatch } from '../agent/keys-monitor.ts';
import { pinAndCheckAgain } from '../agent/pin-offline.ts';
import { addReviewer } from '../agent/reviewers.ts';
import { cycle, runLoop, sendAll } from '../agent/runner.ts';
import { agentStatus } from '../agent/status.ts';
import { hubUrlRefusal } from '../agent/transport.ts';
import { startAgentPages } from '../agent/web.ts';
import { plain } from '../agent/web-texts.ts';
import { installationKeyProof } from '../client/answer-seal.ts';
import { generateSigningKeyPair, publicKeyFromPrivate } from '../crypto/keys.ts';
import { DomainError } from '../domain/errors.ts';
import { DIRECTORY_REFUSALS } from '../domain/pinned-directory.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { PROVIDER_CATEGORIES, PROVIDER_CATEGORY_LABELS, type ProviderCategory } from '../domain/vocabulary.ts';
import { cliLocale } from '../kernel/text.ts';
import { run } from '../kernel/unit-of-work.ts';
import {
  configOptionHelp,
  configPath,
  installationOptions,
  installationResultOptions,
  runInInstallation,
  withInstallation,
  withInstallationRuntime,
} from './agent-context.ts';
import { registerAgentOwnKeysCommands, unconfirmedKeyLines } from './agent-own-keys.ts';
import { registerAgentProvisionCommands } from './agent-provision.ts';
import { registerAgentReceiveCommand } from './agent-receive.ts';
import { registerAgentRegisterCommand } from './agent-register.ts';
import { registerAgentReviewCommands } from './agent-review.ts';
import { pullLines, sendLines, statusLines } from './agent-summary.ts';
import { exitOnSignal } from './context.ts';
import { readJsonFile, writeKeyFile } from './json-file.ts';
import { tr } from './language.ts';
import { ja, out, printResult, warnLine } from './output.ts';
import { createInstallationKeyFile } from './provider-key.ts';

/**
 * The keys in the provider's own name no person confirmed, on standard error: what to do (and where to
 * list them), then each in words, a person by the name the hub gives (as `own-keys list` and the status page).
 */
type InitOptions = { organisation: string; hub: string; pin?: string[]; ca?: string; store: string; dir: string } & {
  category?: string;
};

/** The category `--category` names, or refused with the choices (before any key is made). */
const categoryOf = (value: string): ProviderCategory =>
  parseOrThrow(z.enum(PROVIDER_CATEGORIES), value.trim(), '--category');

function warnUnconfirmedKeys(w: OwnKeysWatch | null): void {
  const [first, ...keys] = unconfirmedKeyLines(w);
  if (!first) return;
  warnLine(`${first} (shokai agent own-keys list)`);
  for (const line of keys) warnLine(line);
}

export function registerAgentCommands(program: Command): void {
  const agent = program
    .command('agent')
    .description(
      tr(
        '事業者の自社設置: ハブから要請を取得・検証し、自社の記録から回答案を作り、担当者の承認後に署名・封緘して返す',
        "the provider's own installation: pull and verify requests, prepare answers from its own records, " +
          'sign and seal after a person approves',
      ),
    );

  agent
    .command('init')
    .description(
      tr(
        '鍵と設定ファイルを作る（鍵はこの機械から出ません）',
        'create the keys and the configuration (the keys never leave this machine)',
      ),
    )
    .requiredOption('--organisation <id>', tr('ハブでの自社の組織 ID', "this provider's organisation id at the hub"))
    .requiredOption('--hub <url>', tr('ハブの URL（https://…）', "the hub's URL (https://…)"))
    .option(
      '--pin <pin...>',
      tr('ハブの証明書の固定値（sha256/<base64> の SPKI など）', "the hub certificate's pin (sha256/<base64> SPKI, …)"),
    )
    .option('--ca <file>', tr('ハブの証明書を発行した CA（PEM）', "the CA that issued the hub's certificate (PEM)"))
    .option(
      '--store <store>',
      tr(
        '自社のストア（SQLite のパスまたは postgres:// URL）',
        "the installation's own store (SQLite path or postgres:// URL)",
      ),
      'agent.sqlite',
    )
    .option('--dir <dir>', tr('設定と鍵を置くディレクトリ', 'the directory for the configuration and keys'), '.')
    .option(
      '--category <category>',
      `${tr(
        '自社の分類（発信者情報開示の段階を受付で確かめる）',
        "this provider's category (intake checks a disclosure's stage)",
      )}: ${PROVIDER_CATEGORIES.map((c) => `${c} (${PROVIDER_CATEGORY_LABELS[c][cliLocale()]})`).join(', ')}`,
    )
    .action(async (o: InitOptions) => {
      // A hub that could never be reached is refused before any key is made (https only; loopback http
      // is for tests, whose configuration allows it).
      const refusal = hubUrlRefusal(o.hub);
      if (refusal) throw new DomainError('VALIDATION_FAILED', refusal.bilingual, { field: '--hub', value: o.hub });
      const providerCategory = o.category === undefined ? undefined : categoryOf(o.category);
      const dir = resolve(o.dir);
      const cfgPath = join(dir, 'agent.json');
      if (existsSync(cfgPath)) throw new Error(tr(`${cfgPath} は既にあります`, `${cfgPath} already exists`));
      const machine = generateSigningKeyPair();
      writeKeyFile(join(dir, 'machine.key'), { privateKey: machine.privateKey, publicKey: machine.publicKey });
      // The same file as `shokai provider key init` writes: `shokai provider key register` completes it.
      const inst = await createInstallationKeyFile(join(dir, 'installation.key'), o.organisation);
      const proof = await installationKeyProof(inst.privateKey, o.organisation, inst.publicKey);
      const config = AgentConfigSchema.parse({
        organisationId: o.organisation,
        ...(providerCategory ? { providerCategory } : {}),
        hub: { url: o.hub, pins: o.pin ?? [], ...(o.ca ? { caFile: resolve(o.ca) } : {}) },
        machineKeyFile: 'machine.key',
        installationKeyFile: 'installation.key',
        store: o.store,
      });
      writeFileSync(cfgPath, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });
      const registration = {
        machineClient: {
          path: '/v1/clients',
          body: { name: 'shokai-agent', publicKey: machine.publicKey, roles: ['provider_intake', 'provider_legal'] },
        },
        installationKey: {
          path: `/v1/organisations/${o.organisation}/installation-keys`,
          body: { publicKey: inst.publicKey, proof },
        },
      };
      writeFileSync(join(dir, 'registration.json'), `${JSON.stringify(registration, null, 2)}\n`);
      out(
        tr(
          `作成しました: ${cfgPath}、machine.key、installation.key（権限 600）`,
          `created ${cfgPath}, machine.key, installation.key (mode 600)`,
        ),
      );
      out(
        tr(
          '自社の管理者が registration.json の2件をハブに登録します（shokai agent register --url ハブ --token 管理者のセッション）。' +
            '返された鍵 ID は鍵ファイルに書き込まれます。',
          'Your administrator registers the two entries of registration.json at the hub ' +
            '(shokai agent register --url HUB --token THEIR_SESSION), ' +
            'which writes the key ids into the key files.',
        ),
      );
      if (!o.pin?.length)
        out(
          tr(
            '注意: ハブの証明書が固定されていません（--pin）。固定するまで接続しません。',
            'Note: no hub certificate pin (--pin): the agent will not connect until one is set.',
          ),
        );
    });

  registerAgentRegisterCommand(agent);

  installationOptions(agent.command('keys'))
    .description(
      tr('ハブが返した鍵 ID を鍵ファイルに書き込む', 'write the key ids the hub returned into the key files'),
    )
    .option('--machine-key-id <id>', tr('機械クライアントの鍵 ID', "the machine client's key id"))
    .option('--installation-key-id <id>', tr('設置鍵の鍵 ID', "the installation key's id"))
    .action((o: { config?: string; machineKeyId?: string; installationKeyId?: string }) => {
      const config = loadAgentConfig(configPath(o));
      for (const [file, id] of [
        [config.machineKeyFile, o.machineKeyId],
        [config.installationKeyFile, o.installationKeyId],
      ] as const) {
        if (!id) continue;
        const k = readKeyFile(file, 'keyFile');
        writeKeyFile(file, { ...k, keyId: id }, 'update');
        out(tr(`${file}: 鍵 ID ${id}`, `${file}: key id ${id}`));
      }
    });

  installationOptions(agent.command('pin <directory>'))
    .description(
      tr(
        'ハブのディレクトリ（shokai directory export の出力）を検証して固定する',
        "verify and pin the hub's directory (the output of shokai directory export)",
      ),
    )
    .action(async (file: string, o: { config?: string }) => {
      const raw = readJsonFile(file);
      const {
        pinned: r,
        checkedAgain,
        watch,
      } = await withInstallation(o, async (ctx, config) => {
        const done = await pinAndCheckAgain(ctx, raw);
        // The keys in the provider's own name in the pin grown here, as a cycle watches them online.
        const own = readKeyFile(config.installationKeyFile, 'installationKeyFile');
        const publicKey = publicKeyFromPrivate(own.privateKey);
        return { ...done, watch: await monitorOwnKeys(ctx, config.organisationId, { publicKey }) };
      });
      out(
        tr(
          `固定しました: ハブの鍵 ${shownFingerprint(r.fingerprint)}、${r.size} 項目`,
          `pinned: hub key ${shownFingerprint(r.fingerprint)}, ${r.size} entries`,
        ),
      );
      // What waited on the pinned log and reads otherwise now (a withdrawal's signature, a set-aside).
      for (const c of checkedAgain) {
        out(
          `${tr('要請', 'request')} ${c.requestId}: ${tr('固定したログで検証し直しました', 'checked again against the pin')}: ` +
            `${tr(c.view.words.ja, c.view.words.en)} — ${tr(c.view.checkText.ja, c.view.checkText.en)}`,
        );
      }
      warnUnconfirmedKeys(watch);
    });

  agent
    .command('reviewer')
    .description(tr('回答を確認・承認する担当者', 'the people who review and approve answers'))
    .command('add <name>')
    .description(
      tr(
        '担当者を登録し、確認画面のアクセスコードを一度だけ表示する',
        'add a reviewer and show their access code for the review pages, once',
      ),
    )
    .option(
      '--records',
      tr(
        '記録（投稿記録・カフェの記録）の取込みと消去も任せる（事業者の運用担当の役割）',
        "also let them import and purge the records (post log, café records): the operator's role",
      ),
    )
    .option('--config <file>', configOptionHelp())
    .action(async (name: string, o: { config?: string; records?: boolean }) => {
      const r = await runInInstallation(o, addReviewer, name, { records: o.records === true });
      out(
        tr(`${r.name} のアクセスコード（一度だけ表示）: ${r.code}`, `access code of ${r.name} (shown once): ${r.code}`),
      );
    });

  installationOptions(agent.command('device'))
    .description(
      tr(
        '要請の添付ファイルを開封するこの設置の端末鍵を作り（モード 0600）、ハブに登録する。自社の鍵を持つ担当者が指紋を確認して渡す',
        "create this installation's device key that opens request files (mode 0600) " +
          "and register it at the hub; a person holding the provider's key compares the fingerprint and enrols it",
      ),
    )
    .option('--label <label>', tr('端末の名称', "the device's label"), 'shokai agent')
    .action(async (o: { config?: string; label: string }) => {
      const path = configPath(o);
      const config = loadAgentConfig(path);
      const file = config.deviceKeyFile ?? join(dirname(path), 'device.key');
      const hub = linkToHub(config);
      try {
        const d = await registerAgentDevice(hub, file, o.label);
        if (!config.deviceKeyFile) {
          // The configuration names the new file (relative to it, as the other key files are).
          const raw = readJsonFile(path) as Record<string, unknown>;
          writeFileSync(path, `${JSON.stringify({ ...raw, deviceKeyFile: 'device.key' }, null, 2)}\n`);
        }
        out(
          `${tr('端末', 'device')} ${d.deviceId}  ${tr('指紋', 'fingerprint')} ` +
            `${shownFingerprint(d.fingerprint)}  (${file})`,
        );
        out(
          tr(
            `自社の鍵を持つ担当者が指紋を確認し、shokai device enrol ${d.deviceId} --public-key ${d.publicKey} で鍵を渡してください。`,
            `A person holding the provider's key compares the fingerprint and enrols it: shokai device enrol ` +
              `${d.deviceId} --public-key ${d.publicKey}`,
          ),
        );
      } finally {
        hub.close();
      }
    });

  installationResultOptions(agent.command('pull'))
    .description(
      tr(
        'ハブから一度取得し、検証して保存し、回答案を作る（送付はしない）',
        'pull once from the hub, verify, store and prepare (sends nothing)',
      ),
    )
    .action(async (o: { config?: string; json?: boolean }) => {
      await withInstallationRuntime(o, true, async (rt) => {
        const s = await cycle({ ...rt, hub: rt.hub });
        if (o.json) {
          out(
            JSON.stringify({
              listed: s.pulled?.listed ?? 0,
              stored: s.pulled?.stored.length ?? 0,
              refused: s.pulled?.refused ?? [],
              endedAtHub: s.pulled?.endedAtHub ?? [],
              ...(s.pulled?.checkedAgain.length ? { checkedAgain: s.pulled.checkedAgain } : {}),
              prepared: s.prepared,
              sent: s.sent,
              ...(s.pulled?.pinRefused ? { pinRefused: s.pulled.pinRefused, held: s.pulled.held } : {}),
              ...(s.foreignNetworks ? { foreignNetworks: s.foreignNetworks } : {}),
              ...(s.unconfirmedKeys ? { unconfirmedKeys: s.unconfirmedKeys } : {}),
            }),
          );
        } else {
          for (const line of pullLines(s)) out(line);
        }
        if (s.foreignNetworks) process.stderr.write(`${plain('status.networksForeign', cliLocale())}\n`);
        // Keys in the provider's own name no person confirmed: each said in words, as `own-keys list` does.
        if (s.unconfirmedKeys) warnUnconfirmedKeys(await run(rt.ctx, ownKeysWatch));
        // The hub's log does not extend the pin: nothing new was taken in, and the exit says so.
        if (s.pulled?.pinRefused) {
          const m = DIRECTORY_REFUSALS[s.pulled.pinRefused];
          process.stderr.write(
            `${tr(`${m.ja}。新しい要請は受領していません`, `${m.en}: no new request was taken in`)}\n`,
          );
          process.exitCode = 2;
        }
      });
    });

  registerAgentReceiveCommand(agent);

  installationResultOptions(agent.command('send'))
    .description(tr('承認済みの回答と見送りをハブへ送る', 'send approved answers and declines to the hub'))
    .action(async (o: { config?: string; json?: boolean }) => {
      await withInstallationRuntime(o, true, async (rt) => {
        const s = await sendAll(rt, rt.hub ?? (await Promise.reject(new Error('no hub'))));
        if (o.json) out(JSON.stringify(s));
        else for (const line of sendLines(s)) out(line);
        if (s.failed > 0) process.exitCode = 2;
      });
    });

  installationOptions(agent.command('export-answers'))
    .description(
      tr(
        '承認済みの回答（署名・封緘済み）をファイルに書き出す（オフライン）',
        'write approved answers (signed and sealed) to files (offline)',
      ),
    )
    .requiredOption('--out <dir>', tr('書き出し先のディレクトリ', 'the directory to write to'))
    .action(async (o: { config?: string; out: string }) => {
      await withInstallationRuntime(o, false, async (rt) => {
        for (const f of await exportAnswers(rt, resolve(o.out))) out(f);
      });
    });

  installationResultOptions(agent.command('status'))
    .description(tr('件数と拒否した受領（個人情報なし）', 'counts and refused envelopes (no personal data)'))
    .action(async (o: { config?: string; json?: boolean }) => {
      printResult(o.json, await runInInstallation(o, agentStatus), statusLines);
    });

  installationOptions(agent.command('run'))
    .description(
      tr(
        '常駐する: 一定間隔で取得・回答案作成・送付し、確認画面を提供する',
        'run: pull, prepare and send at an interval, and serve the review pages',
      ),
    )
    .action(async (o: { config?: string }) => {
      const path = configPath(o);
      const config = loadAgentConfig(path);
      const ctx = await openInstallation(path, config);
      const rt = await installationRuntime(ctx, config, true);
      const loop = runLoop(rt, config.intervalSeconds * 1000, { push: config.push });
      const pages = await startAgentPages(rt, {
        host: config.ui.host,
        port: config.ui.port,
        kick: loop.kick,
        last: loop.last,
      });
      out(
        ja()
          ? `shokai agent を起動しました。確認画面: ${pages.url}（${config.intervalSeconds} 秒ごとに取得）`
          : `shokai agent is running; review pages: ${pages.url} (pulling every ${config.intervalSeconds} s)`,
      );
      exitOnSignal(async () => {
        await pages.close();
        await loop.stop();
        rt.hub?.close();
        await ctx.store.close();
      });
    });

  registerAgentReviewCommands(agent);
  registerAgentProvisionCommands(agent);
  registerAgentOwnKeysCommands(agent);
}
