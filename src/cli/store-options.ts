// The options commands on the local store share: --store, the login acting (--as) and --json, each
// declared the same way (and with the same help) in every command that takes it.
import type { Command } from 'commander';
import { tr } from './language.ts';
import { JSON_HELP } from './output.ts';

/** The help of every --store option. */
export function storeOptionHelp(): string {
  return tr(
    'SQLite のファイルパスまたは postgres:// URL（省略時: DATABASE_URL、なければ ./data/shokai.sqlite）',
    'SQLite file path or postgres:// URL (default: DATABASE_URL, else ./data/shokai.sqlite)',
  );
}

/** The help of every --as option of a command that the local operator may also run (logs, registry). */
export function asOptionHelp(): string {
  return tr(
    '実行する利用者のログイン名（省略時: ローカル運用者）。監査ログにこの名前で記録される',
    'the login acting (default: the local operator); audited under that name',
  );
}

/** The help of --as where an administrator makes the change: a key rotated or revoked, a user disabled, a role. */
export function adminAsOptionHelp(): string {
  return tr('変更を行う管理者のログイン', 'the administrator performing the change');
}

/** The option of every command on the local store: --store (DATABASE_URL when not given). */
export function storeOptions(command: Command): Command {
  return command.option('--store <store>', storeOptionHelp());
}

/** The options of a command the local operator may also run: the store, and the login acting (--as). */
export function localOptions(command: Command): Command {
  return storeOptions(command).option('--as <login>', asOptionHelp());
}

/** The options of a local command that prints its result: localOptions, and --json for JSON instead of text. */
export function localResultOptions(command: Command): Command {
  return localOptions(command).option('--json', JSON_HELP());
}

/** The options of a command on the store that prints its result, run as the system: --store, and --json. */
export function storeResultOptions(command: Command): Command {
  return storeOptions(command).option('--json', JSON_HELP());
}
