// `shokai request-file export`: a person of the provider takes a request to the provider's installation
// when it has no line to the hub (air-gapped file mode): its signed envelope and its files, each sealed for
// the installation's enrolled machine device, into a folder to carry. Nothing is written in clear; the
// installation (`shokai agent receive`) verifies the envelope and checks each file against the SHA-256 the
// approver signed. A request that has ended at the hub (withdrawn or closed) is carried as its end only:
// the hub's view of it, cut to what the installation reads of an end (REQUEST.ended.json,
// src/agent/carried-end.ts), and no envelope or files — nothing is left to answer, and the installation
// stops the request it holds. Thin: options → client → files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { carriedEndName, carriedEndOf } from '../agent/carried-end.ts';
import { carriedEnvelopeName, carriedFileName } from '../agent/carried-files.ts';
import { hubEndedWords } from '../agent/hub-ended-texts.ts';
import type { Schemas } from '../client/client.ts';
import { installationDevices, requestToCarry, requestView } from '../client/request-carry.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { type HubSession, hubApi, hubLoginOptions } from './hub-session.ts';
import { tr } from './language.ts';
import { out } from './output.ts';

export function registerRequestFileCommands(program: Command): void {
  hubLoginOptions(
    program
      .command('request-file')
      .description(
        tr(
          '要請と添付ファイルを事業者の設置へ持ち込む（ファイル方式・事業者側の担当者）',
          "carry a request and its files to the provider's installation (file mode; the provider's person)",
        ),
      )
      .command('export <request>')
      .description(
        tr(
          '署名済みエンベロープと、設置の端末宛てに封緘された添付ファイルをフォルダに書き出す（平文は書きません）。ハブで取下げ・終結した要請は、その終了（REQUEST.ended.json）だけを書き出します',
          "write the signed envelope and the files sealed for the installation's device to a folder " +
            '(nothing in clear); for a request withdrawn or closed at the hub, only its end (REQUEST.ended.json)',
        ),
      )
      .option(
        '--device <id>',
        tr(
          '設置の端末 ID（shokai agent device が表示し、登録・承認済みのもの）。設置に登録済みの端末が一つなら省略できます',
          "the installation's device id (shown by shokai agent device; enrolled); " +
            'may be left out when the installation has exactly one enrolled',
        ),
      )
      .requiredOption(
        '--out <dir>',
        tr('書き出すフォルダ（持ち運ぶ媒体）', 'the folder to write to (the medium to carry)'),
      ),
  ).action(async (requestId: string, o: Pick<HubSession, 'url' | 'token'> & { device?: string; out: string }) => {
    const api = hubApi(o);
    const ended = carriedEndOf(requestId, await requestView(api, requestId));
    if (ended) {
      writeEnd(o.out, ended);
      return;
    }
    let chosen: Schemas['Device'] | undefined;
    // Everything fetched first: a refusal (a device not enrolled, not the provider's) leaves nothing behind.
    const carry = await requestToCarry(api, requestId, async () => {
      if (o.device) return o.device;
      chosen = onlyDevice(await installationDevices(api));
      return chosen.id;
    });
    if (!carry.envelope.envelope) {
      throw new Error(
        tr(
          `要請 ${requestId} にはまだ署名済みのエンベロープがありません`,
          `request ${requestId} has no signed envelope yet`,
        ),
      );
    }
    // Every name is checked before anything is written: a hostile hub's id never becomes a path.
    const files = carry.files.map((f) => ({ f, name: carriedFileName(requestId, f.attachmentId) }));
    const envelopeName = carriedEnvelopeName(requestId);
    mkdirSync(o.out, { recursive: true });
    if (chosen) {
      out(
        tr(
          `設置の登録済みの端末 ${chosen.id}（${chosen.label}、指紋 ${shownFingerprint(chosen.fingerprint)}）宛てに封緘します（登録済みの端末はこの一つです）`,
          `sealed for the installation's device ${chosen.id} (${chosen.label}, fingerprint ` +
            `${shownFingerprint(chosen.fingerprint)}), the only one enrolled`,
        ),
      );
    }
    for (const { f, name } of files) {
      const path = join(o.out, name);
      writeFileSync(path, `${JSON.stringify(f)}\n`);
      out(`${path}: ${tr('添付ファイル（封緘済み）', 'request file (sealed)')} ${f.attachmentId}`);
    }
    const path = join(o.out, envelopeName);
    writeFileSync(path, `${JSON.stringify(carry.envelope)}\n`);
    out(`${path}: ${tr('署名済みエンベロープ', 'signed envelope')}`);
  });
}

/** Writes a request's end at the hub for the installation to take in, and says so (no envelope, no file). */
function writeEnd(dir: string, { carried, ended }: NonNullable<ReturnType<typeof carriedEndOf>>): void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, carriedEndName(carried.requestId));
  writeFileSync(path, `${JSON.stringify(carried, null, 2)}\n`);
  const words = hubEndedWords(ended.state, ended.reason);
  out(`${path}: ${tr(`ハブでの取下げ・終結（${words.ja}）`, `the request's end at the hub (${words.en})`)}`);
  out(
    tr(
      `要請 ${carried.requestId} はハブで終了しています。エンベロープと添付ファイルは書き出しません（設置はこのファイルを取り込むと、受領済みのこの要請への回答を止めます）`,
      `request ${carried.requestId} has ended at the hub: no envelope or request file is written ` +
        `(taking this file in, the installation stops answering the request if it holds it)`,
    ),
  );
}

/** The installation's one enrolled device; with none or several, why not, and what may be given. */
function onlyDevice(devices: Array<Schemas['Device']>): Schemas['Device'] {
  const [only, ...more] = devices;
  if (only && more.length === 0) return only;
  if (!only) {
    throw new Error(
      tr(
        '事業者の設置には、添付ファイルを開封できる登録済みの端末がありません。設置で shokai agent device を実行し、' +
          '自社の鍵を持つ担当者が shokai device enrol で登録してから書き出してください',
        "the provider's installation has no enrolled device that opens request files: " +
          "run shokai agent device there, have a person holding the provider's key enrol it " +
          '(shokai device enrol), then export',
      ),
    );
  }
  const list = devices.map(
    (d) => `  --device ${d.id}  (${d.label}, ${tr('指紋', 'fingerprint')} ${shownFingerprint(d.fingerprint)})`,
  );
  throw new Error(
    [
      tr(
        `事業者の設置には登録済みの端末が ${devices.length} 台あります。持ち込む設置の端末を --device で指定してください:`,
        `the provider's installation has ${devices.length} enrolled devices: ` +
          `give the one of the installation you carry to with --device:`,
      ),
      ...list,
    ].join('\n'),
  );
}
