// `shokai request-file export`: a person of the provider takes a request to the provider's installation
// when it has no line to the hub (air-gapped file mode): its signed envelope and its files, each sealed for
// the installation's enrolled machine device, into a folder to carry. Nothing is written in clear; the
// installation (`shokai agent receive`) verifies the envelope and checks each file against the SHA-256 the
// approver signed. Thin: options → client → files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { carriedEnvelopeName, carriedFileName } from '../agent/carried-files.ts';
import type { Schemas } from '../client/client.ts';
import { installationDevices, requestToCarry } from '../client/request-carry.ts';
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
          '署名済みエンベロープと、設置の端末宛てに封緘された添付ファイルをフォルダに書き出す（平文は書きません）',
          "write the signed envelope and the files sealed for the installation's device to a folder (nothing in clear)",
        ),
      )
      .option(
        '--device <id>',
        tr(
          '設置の端末 ID（shokai agent device が表示し、登録・承認済みのもの）。設置に登録済みの端末が一つなら省略できます',
          "the installation's device id (shown by shokai agent device; enrolled); may be left out when the installation has exactly one enrolled",
        ),
      )
      .requiredOption(
        '--out <dir>',
        tr('書き出すフォルダ（持ち運ぶ媒体）', 'the folder to write to (the medium to carry)'),
      ),
  ).action(async (requestId: string, o: Pick<HubSession, 'url' | 'token'> & { device?: string; out: string }) => {
    const api = hubApi(o);
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
    mkdirSync(o.out, { recursive: true });
    if (chosen) {
      out(
        tr(
          `設置の登録済みの端末 ${chosen.id}（${chosen.label}、指紋 ${chosen.fingerprint}）宛てに封緘します（登録済みの端末はこの一つです）`,
          `sealed for the installation's device ${chosen.id} (${chosen.label}, fingerprint ${chosen.fingerprint}), the only one enrolled`,
        ),
      );
    }
    for (const f of carry.files) {
      const path = join(o.out, carriedFileName(requestId, f.attachmentId));
      writeFileSync(path, `${JSON.stringify(f)}\n`);
      out(`${path}: ${tr('添付ファイル（封緘済み）', 'request file (sealed)')} ${f.attachmentId}`);
    }
    const path = join(o.out, carriedEnvelopeName(requestId));
    writeFileSync(path, `${JSON.stringify(carry.envelope)}\n`);
    out(`${path}: ${tr('署名済みエンベロープ', 'signed envelope')}`);
  });
}

/** The installation's one enrolled device; with none or several, why not, and what may be given. */
function onlyDevice(devices: Array<Schemas['Device']>): Schemas['Device'] {
  const [only, ...more] = devices;
  if (only && more.length === 0) return only;
  if (!only) {
    throw new Error(
      tr(
        '事業者の設置には、添付ファイルを開封できる登録済みの端末がありません。設置で shokai agent device を実行し、自社の鍵を持つ担当者が shokai device enrol で登録してから書き出してください',
        "the provider's installation has no enrolled device that opens request files: run shokai agent device there, have a person holding the provider's key enrol it (shokai device enrol), then export",
      ),
    );
  }
  const list = devices.map((d) => `  --device ${d.id}  (${d.label}, ${tr('指紋', 'fingerprint')} ${d.fingerprint})`);
  throw new Error(
    [
      tr(
        `事業者の設置には登録済みの端末が ${devices.length} 台あります。持ち込む設置の端末を --device で指定してください:`,
        `the provider's installation has ${devices.length} enrolled devices: give the one of the installation you carry to with --device:`,
      ),
      ...list,
    ].join('\n'),
  );
}
