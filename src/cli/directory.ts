// `shokai directory …`: the directory anyone can pin (key transparency): export this hub's, import and
// pin another hub's, verify an envelope against the pinned one offline.
import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { REVIEW_ZONE } from '../agent/render.ts';
import {
  acceptKeys,
  type KnownKeys,
  KnownKeysSchema,
  knownKeysOf,
  type OrganisationKeys,
  pinnedOrganisationKeys,
  unknownKeys,
} from '../directory/key-watch.ts';
import { exportDirectory, importDirectory, verifyAgainstPinned } from '../directory/transparency.ts';
import { looksLikeEnvelope } from '../domain/envelope.ts';
import { DomainError } from '../domain/errors.ts';
import { pinnedKeyLine } from '../domain/pinned-own-keys.ts';
import { shownFingerprint, shownInput, storedFingerprint, visibleText } from '../domain/shown-text.ts';
import { cliLocale } from '../kernel/text.ts';
import { runLocal, zoneOption } from './context.ts';
import { readJsonFile } from './json-file.ts';
import { tr } from './language.ts';
import { JSON_HELP, ja, out, printCheck, printResult, terminalSafe } from './output.ts';
import { storeOptionHelp, storeOptions } from './store-options.ts';
import { instantsIn, instantsOf, zoneOptionOn } from './zone.ts';

/** The exit code of `shokai directory watch` when the log holds a key the known file does not. */
export const WATCH_FOUND_EXIT = 2;

/** The known-keys file: read, of the expected format, of this organisation; else refused naming the problem. */
function readKnownFile(path: string, organisationId: string): KnownKeys {
  const parsed = KnownKeysSchema.safeParse(readJsonFile(path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : tr('ファイル全体', 'the whole file');
    throw new Error(
      tr(
        `${path} は既知の鍵のファイル` +
          `（format "shokai-known-keys/v1"、organisationId、keys: [{ fingerprint, keyId }]）ではありません（${where} が不正）`,
        `${path} is not a known-keys file ` +
          `(format "shokai-known-keys/v1", organisationId, keys: [{ fingerprint, keyId }]): ${where} is wrong`,
      ),
    );
  }
  if (parsed.data.organisationId !== organisationId) {
    throw new Error(
      tr(
        `${path} は組織 ${parsed.data.organisationId} の既知の鍵で、--organisation ${organisationId} のものではありません`,
        `${path} holds the known keys of ${parsed.data.organisationId}, not of --organisation ${organisationId}`,
      ),
    );
  }
  return parsed.data;
}

const writeKnown = (path: string, known: KnownKeys, flag: 'wx' | 'w') =>
  writeFileSync(path, `${JSON.stringify(known, null, 2)}\n`, { flag });

/**
 * What the watch found, in lines: the keys not in the file, or that there are none. The names and ids are
 * the log's: every character a terminal acts on (a newline too) is written out, so none forges a line.
 */
export function watchLines(
  r: OrganisationKeys,
  unknown: OrganisationKeys['keys'],
  file: string,
  zone: string,
): string[] {
  const lang = cliLocale();
  const name = visibleText(lang === 'ja' ? r.organisation.nameJa : r.organisation.nameEn);
  const head = instantsIn(zone)(r.head.at);
  if (unknown.length === 0) {
    return [
      tr(
        `${name} の鍵 ${r.keys.length} 件は、すべて ${file} にあります（固定済みログ ${r.head.size} 項目、ハブの署名 ${head}）`,
        `all ${r.keys.length} keys of ${name} are in ${file} (pinned log of ${r.head.size} entries, ` +
          `signed by the hub at ${head})`,
      ),
    ];
  }
  return [
    tr(
      `固定済みログ（${r.head.size} 項目、ハブの署名 ${head}）に、${file} にない ${name} の鍵が ${unknown.length} 件あります。登録した覚えがなければ、` +
        `ハブで漏えいとして失効させ、ハブの運営者と署名を検証する相手方に知らせてください:`,
      `the pinned log (${r.head.size} entries, signed by the hub at ${head}) holds ${unknown.length} keys of ` +
        `${name} not in ${file}. If your people did not register one, ` +
        `revoke it at the hub as compromised and tell the hub's operator and those who verify its signatures:`,
    ),
    ...unknown.map((k) => `  ${visibleText(k.id)}  ${pinnedKeyLine(k, lang, zone)}`),
  ];
}

export function registerDirectoryCommands(program: Command): void {
  const dir = program
    .command('directory')
    .description(
      tr(
        '固定できるディレクトリ（鍵の透明性）: 出力・取込み・照合',
        'the directory anyone can pin (key transparency): export, import, verify',
      ),
    );
  storeOptions(dir.command('export'))
    .description(tr('このハブのディレクトリを署名付きで出力する', "print this hub's signed directory"))
    .option('--out <file>', tr('出力先のファイル', 'write to this file'))
    .action(async (o: { store?: string; out?: string }) => {
      const d = await runLocal(o, exportDirectory);
      const text = `${JSON.stringify(d, null, 2)}\n`;
      if (o.out) {
        writeFileSync(o.out, text);
        out(
          tr(
            `${o.out} に出力しました（${d.head.size} 項目、ハブの鍵 ${shownFingerprint(d.hubKey.fingerprint)}）`,
            `wrote ${o.out} (${d.head.size} entries, hub key ${shownFingerprint(d.hubKey.fingerprint)})`,
          ),
        );
      } else process.stdout.write(terminalSafe(text));
    });
  zoneOptionOn(storeOptions(dir.command('import <file>')))
    .description(
      tr(
        '別のハブのディレクトリを検証して固定する（鍵のフィンガープリントは別経路で確認すること）',
        "verify and pin another hub's directory (compare its key fingerprint out of band)",
      ),
    )
    .action(async (file: string, o: { store?: string; zone?: string }) => {
      const shown = instantsOf(o);
      const r = await runLocal(o, importDirectory, readJsonFile(file));
      out(
        tr(
          `固定しました: ハブの鍵 ${shownFingerprint(r.fingerprint)}、${r.size} 項目（${shown(r.at)}）` +
            `${r.replaced ? '、追記を確認して更新' : ''}`,
          `pinned: hub key ${shownFingerprint(r.fingerprint)}, ${r.size} entries ` +
            `(${shown(r.at)})${r.replaced ? ', an append-only update' : ''}`,
        ),
      );
    });
  dir
    .command('watch')
    .description(
      tr(
        `固定済みログにある組織の鍵（所属・個人の鍵を含む）のうち、既知の鍵のファイルにないものを表示する。あれば終了コード ${WATCH_FOUND_EXIT}、なければ 0、入力の誤りは 1（cron で定期実行できます）`,
        `list the organisation's keys (its units' and people's included) ` +
          `in the pinned log that are not in the known-keys file: exit code ` +
          `${WATCH_FOUND_EXIT} when there are any, 0 when none, 1 on bad input (runs from cron)`,
      ),
    )
    .requiredOption('--organisation <id>', tr('監視する組織の ID', 'the id of the organisation to watch'))
    .requiredOption('--known <file>', tr('既知の鍵のファイル（JSON）', 'the known-keys file (JSON)'))
    .option(
      '--write-known',
      tr(
        '初回: 固定済みログにある組織の鍵をすべて既知として、新しいファイルに書く（既にあれば書かない）',
        'first use: write a new known-keys file holding every key of the organisation in the pinned log now ' +
          '(never over an existing file)',
      ),
    )
    .option(
      '--accept <key...>',
      tr(
        '自社で登録したと確認した鍵を、鍵 ID か指紋で既知のファイルに加える（同じ指紋の鍵が複数あれば鍵 ID で）',
        'add these keys, by key id or fingerprint, to the known-keys file (keys your people did register; ' +
          'by key id when keys share a fingerprint)',
      ),
    )
    .option(
      '--zone <zone>',
      tr('日時を表示するタイムゾーン（IANA）', 'the time zone instants are shown in (IANA)'),
      REVIEW_ZONE,
    )
    .option('--json', JSON_HELP())
    .option('--store <store>', storeOptionHelp())
    .action(
      async (o: {
        organisation: string;
        known: string;
        writeKnown?: boolean;
        accept?: string[];
        zone: string;
        json?: boolean;
        store?: string;
      }) => {
        const zone = zoneOption(o.zone);
        if (o.writeKnown && o.accept) {
          throw new Error(
            tr(
              '--write-known と --accept は同時に指定できません',
              '--write-known and --accept cannot be used together',
            ),
          );
        }
        if (o.writeKnown && existsSync(o.known)) {
          throw new Error(
            tr(
              `${o.known} は既にあります。鍵を加えるには --accept を使ってください`,
              `${o.known} already exists: add keys to it with --accept`,
            ),
          );
        }
        // The file is read (and refused when bad) before the store is opened.
        const before = o.writeKnown ? null : readKnownFile(o.known, o.organisation);
        const r = await runLocal(o, pinnedOrganisationKeys, o.organisation);
        const now = new Date().toISOString();
        let known: KnownKeys;
        if (!before) {
          known = knownKeysOf(o.organisation, r.keys, now);
          writeKnown(o.known, known, 'wx');
          out(
            tr(
              `${o.known} に既知の鍵 ${known.keys.length} 件を書きました`,
              `wrote ${known.keys.length} known keys to ${o.known}`,
            ),
          );
        } else if (o.accept) {
          known = acceptKeys(before, r.keys, o.accept.map(storedFingerprint), now);
          writeKnown(o.known, known, 'w');
          const added = known.keys.length - before.keys.length;
          out(tr(`${o.known} に鍵 ${added} 件を加えました`, `added ${added} keys to ${o.known}`));
        } else known = before;
        const unknown = unknownKeys(r.keys, known);
        const shown = { organisation: r.organisation, head: r.head, keys: r.keys.length, unknown };
        printResult(o.json, shown, () => watchLines(r, unknown, o.known, zone));
        if (unknown.length > 0) process.exitCode = WATCH_FOUND_EXIT;
      },
    );
  storeOptions(dir.command('verify <envelope>'))
    .description(
      tr(
        '要請の署名済みエンベロープを固定済みディレクトリに照らして検証する（オフライン）',
        'verify a signed request envelope against the pinned directory (offline)',
      ),
    )
    .action(async (file: string, o: { store?: string }) => {
      const raw = readJsonFile(file);
      const envelope = typeof raw === 'object' && raw !== null && 'envelope' in raw ? raw.envelope : raw;
      if (!looksLikeEnvelope(envelope)) {
        const shown = shownInput(file);
        throw new DomainError(
          'VALIDATION_FAILED',
          {
            ja:
              `${shown} は署名済みの要請エンベロープではありません（v・payload・signatures がありません）。` +
              'ハブから保存したエンベロープか、事業者の設置が受け取ったファイルを指定してください',
            en:
              `${shown} is not a signed request envelope (it has no v, payload and signatures): give the ` +
              "envelope saved from the hub, or a file the provider's installation received",
          },
          { field: 'file', value: file },
        );
      }
      printCheck(false, await runLocal(o, verifyAgainstPinned, { envelope }), (v) => {
        const msg = ja() ? v.message.ja : v.message.en;
        const detail = v.detail ? ` (${ja() ? v.detail.ja : v.detail.en})` : '';
        return `${v.ok ? 'OK' : tr('拒否', 'REFUSED')}: ${msg}${detail}`;
      });
    });
}
