// `shokai directory …`: the directory anyone can pin (key transparency): export this hub's, import and
// pin another hub's, verify an envelope against the pinned one offline.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { exportDirectory, importDirectory, verifyAgainstPinned } from '../directory/transparency.ts';
import { runLocal, storeOptionHelp } from './context.ts';
import { readJsonFile } from './json-file.ts';
import { tr } from './language.ts';
import { ja, out, printCheck, terminalSafe } from './output.ts';

export function registerDirectoryCommands(program: Command): void {
  const dir = program
    .command('directory')
    .description(
      tr(
        '固定できるディレクトリ（鍵の透明性）: 出力・取込み・照合',
        'the directory anyone can pin (key transparency): export, import, verify',
      ),
    );
  dir
    .command('export')
    .description(tr('このハブのディレクトリを署名付きで出力する', "print this hub's signed directory"))
    .option('--store <store>', storeOptionHelp())
    .option('--out <file>', tr('出力先のファイル', 'write to this file'))
    .action(async (o: { store?: string; out?: string }) => {
      const d = await runLocal(o, exportDirectory);
      const text = `${JSON.stringify(d, null, 2)}\n`;
      if (o.out) {
        writeFileSync(o.out, text);
        out(
          tr(
            `${o.out} に出力しました（${d.head.size} 項目、ハブの鍵 ${d.hubKey.fingerprint}）`,
            `wrote ${o.out} (${d.head.size} entries, hub key ${d.hubKey.fingerprint})`,
          ),
        );
      } else process.stdout.write(terminalSafe(text));
    });
  dir
    .command('import <file>')
    .description(
      tr(
        '別のハブのディレクトリを検証して固定する（鍵のフィンガープリントは別経路で確認すること）',
        "verify and pin another hub's directory (compare its key fingerprint out of band)",
      ),
    )
    .option('--store <store>', storeOptionHelp())
    .action(async (file: string, o: { store?: string }) => {
      const r = await runLocal(o, importDirectory, readJsonFile(file));
      out(
        tr(
          `固定しました: ハブの鍵 ${r.fingerprint}、${r.size} 項目（${r.at}）${r.replaced ? '、追記を確認して更新' : ''}`,
          `pinned: hub key ${r.fingerprint}, ${r.size} entries (${r.at})${r.replaced ? ', an append-only update' : ''}`,
        ),
      );
    });
  dir
    .command('verify <envelope>')
    .description(
      tr(
        '要請の署名済みエンベロープを固定済みディレクトリに照らして検証する（オフライン）',
        'verify a signed request envelope against the pinned directory (offline)',
      ),
    )
    .option('--store <store>', storeOptionHelp())
    .action(async (file: string, o: { store?: string }) => {
      const raw = readJsonFile(file);
      const envelope = typeof raw === 'object' && raw !== null && 'envelope' in raw ? raw.envelope : raw;
      printCheck(false, await runLocal(o, verifyAgainstPinned, { envelope }), (v) => {
        const msg = ja() ? v.message.ja : v.message.en;
        const detail = v.detail ? ` (${ja() ? v.detail.ja : v.detail.en})` : '';
        return `${v.ok ? 'OK' : tr('拒否', 'REFUSED')}: ${msg}${detail}`;
      });
    });
}
