// `shokai device …`: a member's command line as a device of answers in device custody. Its key file
// (P-256, mode 0600) stays on the member's machine; the hub gets the public part. Answers open here,
// through the typed client, never on the hub. Thin: options → client → print.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { targetLine } from '../agent/render.ts';
import { answerDocumentOnDevice } from '../client/answer-document.ts';
import {
  type DeviceHandle,
  enrolDevice,
  madeHere,
  type OpenedArchive,
  openAnswerFileOnDevice,
  openAnswerOnDevice,
  openArchiveOnDevice,
} from '../client/custody.ts';
import { markCompromised, type ResealProgress, resealOnDevice } from '../client/custody-reseal.ts';
import { DeviceKeyFileSchema, deviceOfFile, newDeviceKeyFile } from '../client/device-file.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { TargetSchema } from '../domain/targets.ts';
import {
  ANSWER_OUTCOME_LABELS,
  type Bilingual,
  labelOf,
  MESSAGE_PURPOSE_LABELS,
  TARGET_TYPE_LABELS,
} from '../domain/vocabulary.ts';
import { cliLocale, type Locale } from '../kernel/text.ts';
import { answerHolderOfRequest, HOLDER_UNKNOWN } from './answer-holder-read.ts';
import { answerLines } from './answer-lines.ts';
import { zoneOption } from './context.ts';
import { type HubSession, hubApi, hubSessionOptions } from './hub-session.ts';
import { privateKeyBytes, readKeyFileAs, writeKeyFile } from './json-file.ts';
import { tr } from './language.ts';
import { JSON_HELP, out, printJson, printResult } from './output.ts';
import { writeNewFile } from './saved-file.ts';
import { instantsIn, zoneOptionOn } from './zone.ts';

/** `device open-answer`'s options: the hub session, where to save the PDF and files, the zone, --json. */
type OpenAnswerOptions = HubSession & { json?: boolean; pdf?: string; files?: string; zone?: string };

async function readDeviceFile(path: string): Promise<DeviceHandle> {
  const f = readKeyFileAs(DeviceKeyFileSchema, path);
  privateKeyBytes(path, f.privateKey); // refused here, naming the file, when it is not base64url
  const device = await deviceOfFile(f).catch(() => null);
  if (!device)
    throw new Error(
      tr(
        `${path}: 端末の鍵ファイルの秘密鍵を読めません（P-256 の秘密鍵ではないか、壊れています）`,
        `${path}: the private key in this device key file cannot be read (not a P-256 private key, or damaged)`,
      ),
    );
  return device;
}

/**
 * Keeps in the device's key file the custody keys `device` made (made-keys.ts): the record this device
 * re-seals to on its own say. Written beside it and renamed over it, so the file is never half-written.
 */
function keepMadeKeys(path: string, device: DeviceHandle): void {
  if (!device.madeKeys) return;
  const f = readKeyFileAs(DeviceKeyFileSchema, path);
  const next = `${path}.${process.pid}.new`;
  try {
    writeKeyFile(next, { ...f, madeKeys: device.madeKeys });
    renameSync(next, path);
  } finally {
    rmSync(next, { force: true });
  }
}

/** Where a device stands, as the browser's Devices page says it. */
const DEVICE_STATE_LABELS: Record<string, Bilingual> = {
  pending: { ja: '鍵の受け渡し待ち', en: 'awaiting the key' },
  enrolled: { ja: '登録済み', en: 'enrolled' },
  removed: { ja: '抹消', en: 'removed' },
};

/**
 * A request's target as one line: a target of the request (JSON, or JSON text) in words, its instants in `zone`,
 * else as written.
 */
function targetWords(t: unknown, lang: Locale, zone: string): string {
  let value = t;
  if (typeof t === 'string') {
    try {
      value = JSON.parse(t);
    } catch {
      return t;
    }
  }
  const parsed = TargetSchema.safeParse(value);
  if (!parsed.success) return JSON.stringify(value);
  return `${TARGET_TYPE_LABELS[parsed.data.type][lang]}: ${targetLine(parsed.data, lang, zone)}`;
}

/** What retention archived of a request, as its unit's member reads it: its instants in `zone`, with the offset. */
function archiveLines(a: OpenedArchive, lang: Locale, zone: string): string[] {
  const shown = instantsIn(zone);
  const out = [`${tr('保管日時', 'archived at')}: ${shown(a.archivedAt)}  (${a.reference})`];
  out.push(`${tr('対象', 'targets')}:`, ...a.targets.map((t, i) => `  [${i + 1}] ${targetWords(t, lang, zone)}`));
  if (a.messages.length > 0) out.push(`${tr('やり取り', 'messages')}:`);
  for (const m of a.messages)
    out.push(
      `  ${shown(m.createdAt)}  ${labelOf(MESSAGE_PURPOSE_LABELS, m.purpose)[lang]}`,
      `    ${m.body.replace(/\n/g, '\n    ')}`,
    );
  if (a.links.length > 0) out.push(`${tr('事件の関連付け', 'case links')}:`);
  for (const l of a.links) out.push(`  ${targetWords(l, lang, zone)}`);
  const c = a.consultation;
  if (c) {
    out.push(
      `${tr('相談記録', 'consultation')}: ${c.reference}`,
      `  ${tr('相談者', 'person')}: ${c.person.name ?? '-'} / ${c.person.contact ?? '-'}`,
      `  ${tr('相談内容', 'account')}: ${c.account.replace(/\n/g, '\n    ')}`,
      ...c.targets.map((t, i) => `  [${i + 1}] ${targetWords(t, lang, zone)}`),
    );
    if (c.adviceNote) out.push(`  ${tr('助言の記録', 'advice note')}: ${c.adviceNote}`);
  }
  out.push(...textLines(a));
  if (a.files?.length)
    out.push(`${tr('添付ファイル名', 'file names')}:`, ...a.files.map((f) => `  ${f.id}  ${f.fileName}`));
  return out;
}

/** The request's words retention took from its content, and the provider's decline note (newer boxes). */
function textLines(a: OpenedArchive): string[] {
  const c = a.content;
  const texts: Array<[string, string, string | undefined | null]> = [
    ['罪名', 'offence', c?.offence],
    ['事実', 'facts', c?.facts],
    ['必要性', 'necessity', c?.necessity],
    [
      '秘匿の理由',
      'reason for secrecy',
      c?.kind !== 'mlat' && c?.kind !== 'civil_disclosure' ? c?.confidentiality?.reason : '',
    ],
    ['緊急の状況', 'emergency statement', c?.kind === 'emergency' ? c.emergency.statement : ''],
    ['請求者', 'claimant', c?.kind === 'civil_disclosure' ? c.civil.claimant : ''],
    ['権利侵害の明白性', 'rights infringed', c?.kind === 'civil_disclosure' ? c.civil.rightsInfringed : ''],
    ['事業者の謝絶の記録', "provider's decline note", a.declineNote],
    ['折り返し確認の記録', 'call-back note', a.secondCheckNote],
  ];
  return texts.filter(([, , t]) => t).map(([ja, en, t]) => `${tr(ja, en)}: ${t?.replace(/\n/g, '\n    ')}`);
}

/** The options of a device's command: the hub session, with this device's key file. */
const remoteOptions = (c: Command) => hubSessionOptions(c, tr('この端末の鍵ファイル', "this device's key file"));
/** The options of a device's command that prints its result: remoteOptions, and --json. */
const remoteResultOptions = (c: Command) => remoteOptions(c).option('--json', JSON_HELP());

export function registerDeviceCommands(program: Command): void {
  const device = program
    .command('device')
    .description(
      tr(
        '回答を開封する端末としてのコマンドライン（鍵ファイル）',
        'this command line as a device that opens answers (a key file)',
      ),
    );

  remoteOptions(device.command('init'))
    .description(
      tr(
        '端末の鍵ファイルを作り（モード 0600）、公開鍵をハブに登録する。鍵を持つ構成員が指紋を確認して鍵を渡す',
        'create the key file (mode 0600) and register its public key; ' +
          'a member holding the key compares the fingerprint and enrols it',
      ),
    )
    .option('--label <label>', tr('端末の名称', "the device's label"), 'shokai CLI')
    .action(async (o: HubSession & { label: string }) => {
      const { file, fingerprint } = await newDeviceKeyFile(hubApi(o), o.label, { path: o.keyFile, field: 'keyFile' });
      out(`${tr('端末', 'device')} ${file.deviceId}  ${tr('指紋', 'fingerprint')} ${shownFingerprint(fingerprint)}`);
    });

  remoteOptions(device.command('enrol <deviceId>'))
    .description(
      tr(
        '登録された端末（指紋を確認済み）に、この端末が持つ回答鍵を渡す',
        'wrap the answer keys this device holds to a registered device (its fingerprint compared)',
      ),
    )
    .requiredOption('--public-key <key>', tr('渡す先の端末の公開鍵', "the target device's public key"))
    .action(async (deviceId: string, o: HubSession & { publicKey: string }) => {
      const d = await enrolDevice(hubApi(o), await readDeviceFile(o.keyFile), { id: deviceId, publicKey: o.publicKey });
      const state = labelOf(DEVICE_STATE_LABELS, d.state)[cliLocale()];
      out(`${tr('端末', 'device')} ${d.id}: ${state}  ${tr('指紋', 'fingerprint')} ${shownFingerprint(d.fingerprint)}`);
    });

  zoneOptionOn(remoteResultOptions(device.command('open-answer <requestId>')))
    .description(
      tr(
        '回答をこの端末で開封して表示する（閲覧は監査記録される）',
        'open an answer on this device and print it (the read is audited)',
      ),
    )
    .option(
      '--pdf <file>',
      tr(
        '回答書（PDF）をこの端末で作成して保存する（ハブは回答を読めないため）',
        'render the 回答書 (PDF) on this device and save it (the hub cannot read the answer)',
      ),
    )
    .option(
      '--files <dir>',
      tr(
        '回答の添付ファイルをこの端末で開封し、署名された回答の SHA-256 と照合してから保存する',
        "open the answer's files on this device, check each against the SHA-256 in the signed answer, and save them",
      ),
    )
    .action(async (requestId: string, o: OpenAnswerOptions) => {
      const zone = zoneOption(o.zone);
      const api = hubApi(o);
      const device = await readDeviceFile(o.keyFile);
      const a = await openAnswerOnDevice(api, device, requestId);
      // Whose record it gives (a board's user as registered), read before anything is printed; not for --json.
      const holder = o.json ? null : await answerHolderOfRequest(api, requestId);
      if (o.files) {
        mkdirSync(o.files, { recursive: true });
        for (const ref of a.answer.attachments ?? []) {
          // Checked against the answer as the provider signed it; refused (and not saved) if it differs.
          const f = await openAnswerFileOnDevice(api, device, requestId, ref.id, a);
          const path = writeNewFile(o.files, f.fileName, f.bytes, `file-${ref.id}`);
          out(
            `${tr('添付ファイルを保存しました（SHA-256 一致）', 'saved a file (SHA-256 matches)')}: ${path}  ${f.sha256}`,
          );
        }
      }
      if (o.pdf) {
        const pdf = await answerDocumentOnDevice(api, requestId, a);
        writeFileSync(o.pdf, pdf);
        out(
          tr(
            `回答書を ${o.pdf} に保存しました（shokai document verify で検証できます）`,
            `saved the 回答書 to ${o.pdf} (check it with shokai document verify)`,
          ),
        );
      }
      if (o.json) return printJson(a);
      const lang = cliLocale();
      out(
        `${tr('回答', 'answer')}: ${ANSWER_OUTCOME_LABELS[a.answer.outcome][lang]}  (${instantsIn(zone)(a.answeredAt)})`,
      );
      const by =
        a.signedBy.credential === 'passkey'
          ? tr('法務担当者の認証器', "a legal officer's passkey")
          : tr('事業者の設置鍵', "the provider's installation key");
      out(
        a.signatureValid
          ? tr(
              `事業者の署名は有効です（${by}、鍵 ${shownFingerprint(a.signedBy.keyFingerprint)}）`,
              `the provider's signature is valid (${by}, key ${shownFingerprint(a.signedBy.keyFingerprint)})`,
            )
          : tr(
              `事業者の署名を確認できません: ${a.signatureProblem?.ja ?? ''}`,
              `the provider's signature does not verify: ${a.signatureProblem?.en ?? ''}`,
            ),
      );
      if (!holder) out(HOLDER_UNKNOWN[lang]);
      for (const line of answerLines(a.answer, lang, { zone, ...(holder ? { holder } : {}) })) out(line);
    });

  zoneOptionOn(remoteResultOptions(device.command('open-archive <requestId>')))
    .description(
      tr(
        '保存期間後に封緘保管された要請のデータをこの端末で開封する（閲覧は監査記録される）',
        'open on this device what retention archived of a request (the read is audited)',
      ),
    )
    .action(async (requestId: string, o: HubSession & { json?: boolean; zone?: string }) => {
      const zone = zoneOption(o.zone);
      const a = await openArchiveOnDevice(hubApi(o), await readDeviceFile(o.keyFile), requestId);
      const { reference, archivedAt, targets, messages, links, content, declineNote, files, secondCheckNote } = a;
      const shown = { reference, archivedAt, targets, messages, links, content, declineNote, files, secondCheckNote };
      printResult(o.json, shown, () => archiveLines(a, cliLocale(), zone));
    });

  remoteOptions(device.command('compromised'))
    .description(
      tr(
        '回答鍵を漏えいしたものとして記録する（所属長・事業者の法務担当）。現在の鍵なら、この端末で新しい鍵を作り、残る登録端末すべてに渡す（監査記録される）',
        "mark an answer key compromised (a unit's head, a provider's legal staff); " +
          'the current one is replaced by a key generated on this device and wrapped to every enrolled device ' +
          'that remains (audited)',
      ),
    )
    .option('--key <keyId>', tr('漏えいした鍵（省略時は現在の鍵）', 'the compromised key (default: the current one)'))
    .option(
      '--remove-device <deviceId>',
      tr(
        '同時に除外する端末（鍵が漏れた端末。繰り返し可）',
        'a device removed in the same act (the one it leaked from; repeatable)',
      ),
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .action(async (o: HubSession & { key?: string; removeDevice: string[] }) => {
      const api = hubApi(o);
      const handle = await readDeviceFile(o.keyFile);
      const keyId = o.key ?? (await api.GET('/v1/custody')).data?.custodyKey?.id;
      if (!keyId) throw new Error(tr('端末で保管している回答鍵がありません', 'no answer key is held on devices'));
      // The key made here is kept in the key file even when the hub's answer does not come back.
      const r = await markCompromised(api, handle, keyId, o.removeDevice).finally(() =>
        keepMadeKeys(o.keyFile, handle),
      );
      // The fingerprint from this device's own record when it made the current key: the one a holder of
      // the old key compares before sealing again to it (shokai device reseal --key-fingerprint).
      const made = r.custodyKey ? madeHere(handle, r.custodyKey) : undefined;
      const fp = shownFingerprint(made?.fingerprint ?? r.custodyKey?.fingerprint ?? '-');
      out(
        made
          ? tr(
              `鍵を漏えいとして記録しました。現在の鍵（この端末で作成）の指紋: ${fp}`,
              `the key is marked compromised; the current key (made on this device) has the fingerprint ${fp}`,
            )
          : tr(
              `鍵を漏えいとして記録しました。現在の鍵の指紋: ${fp}`,
              `the key is marked compromised; the current key's fingerprint: ${fp}`,
            ),
      );
      out(resealLeftText(r.leftToReseal));
    });

  remoteOptions(device.command('reseal'))
    .description(
      tr(
        '漏えいした鍵で封緘された回答・ファイル等を、この端末で開いて現在の鍵で封緘し直す（中断しても続きから再開できる）',
        'open on this device what was sealed to a compromised key and seal it again to the current key ' +
          '(resumes where it stopped)',
      ),
    )
    .option(
      '--key-fingerprint <fingerprint>',
      tr(
        '封緘し直す先の鍵の指紋（鍵を作った端末の表示と照合したもの）。この端末で作った鍵なら不要',
        'the fingerprint of the key to seal again to, compared with the one the device that made it shows; ' +
          'not needed for a key made on this device',
      ),
    )
    .option('--json', JSON_HELP())
    .action(async (o: HubSession & { json?: boolean; keyFingerprint?: string }) => {
      const show = (p: ResealProgress) =>
        out(
          tr(
            `封緘し直し: ${p.resealed} 件（この端末で残り ${p.openableHere} 件、全体で残り ${p.left} 件）`,
            `sealed again: ${p.resealed} (left for this device: ${p.openableHere}; left in all: ${p.left})`,
          ),
        );
      const device = await readDeviceFile(o.keyFile);
      const p = await resealOnDevice(hubApi(o), device, o.json ? undefined : show, o.keyFingerprint);
      if (o.json) return printJson(p);
      out(resealLeftText(p.left));
      if (p.left > 0) {
        out(
          tr(
            '残りは、漏えいした鍵を保管する他の端末で shokai device reseal（またはブラウザの端末と回答鍵の画面）を実行してください',
            'the rest need another device that holds the compromised key: run shokai device reseal there ' +
              '(or the browser’s Devices page)',
          ),
        );
      }
    });
}

function resealLeftText(left: number): string {
  return left === 0
    ? tr('封緘し直すものは残っていません', 'nothing is left to seal again')
    : tr(
        `漏えいした鍵で封緘されたまま残っているもの: ${left} 件（shokai device reseal で封緘し直す）`,
        `still sealed only to a compromised key: ${left} (seal them again with shokai device reseal)`,
      );
}
