// The CLI speaks the language SHOKAI_LANG chooses (Japanese by default) — its own texts, and also the
// parser's: commander writes its errors ("unknown option", "missing required argument" …) and help
// headings in English, so the commands are built from LocalisedCommand, which translates them.
import { type Argument, Command, type ErrorOptions, Help, type Option } from 'commander';
import { cliLocale } from '../kernel/text.ts';

/** A CLI text in the chosen language. */
export function tr(ja: string, en: string): string {
  return cliLocale() === 'ja' ? ja : en;
}

const TITLES_JA: Record<string, string> = {
  'Usage:': '使い方:',
  'Arguments:': '引数:',
  'Options:': 'オプション:',
  'Global Options:': '共通オプション:',
  'Commands:': 'コマンド:',
};

/** commander's "(default: …, choices: …)" after a description, with Japanese labels. */
function extraInfoJa(full: string, description: string): string {
  const extra = full.slice(description.length);
  const labelled = extra
    .replace(/\bchoices: /, '選択肢: ')
    .replace(/\bdefault: /, '既定値: ')
    .replace(/\bpreset: /, '値の省略時: ')
    .replace(/\benv: /, '環境変数: ');
  return description + labelled;
}

class LocalisedHelp extends Help {
  override styleTitle(title: string): string {
    return super.styleTitle(cliLocale() === 'ja' ? (TITLES_JA[title] ?? title) : title);
  }
  override optionDescription(option: Option): string {
    const full = super.optionDescription(option);
    return cliLocale() === 'ja' ? extraInfoJa(full, option.description ?? '') : full;
  }
  override argumentDescription(argument: Argument): string {
    const full = super.argumentDescription(argument);
    return cliLocale() === 'ja' ? extraInfoJa(full, argument.description) : full;
  }
}

const SUGGESTION = /\n\(Did you mean (?:one of )?(.+)\?\)$/;
const who = (part: string): string =>
  part.replace(/^option '(.*)'$/s, "オプション '$1'").replace(/^environment variable '(.*)'$/s, "環境変数 '$1'");

/** commander's parser errors (commander 14): its error code, its English wording, the Japanese text. */
const PARSER_ERRORS: Array<[code: string, english: RegExp, japanese: (g: string[]) => string]> = [
  ['commander.unknownOption', /^error: unknown option '(.*)'$/s, ([flag]) => `エラー: 不明なオプションです: '${flag}'`],
  ['commander.unknownCommand', /^error: unknown command '(.*)'$/s, ([name]) => `エラー: 不明なコマンドです: '${name}'`],
  [
    'commander.missingArgument',
    /^error: missing required argument '(.*)'$/s,
    ([name]) => `エラー: 必須の引数 '${name}' がありません`,
  ],
  [
    'commander.optionMissingArgument',
    /^error: option '(.*)' argument missing$/s,
    ([flags]) => `エラー: オプション '${flags}' の値がありません`,
  ],
  [
    'commander.missingMandatoryOptionValue',
    /^error: required option '(.*)' not specified$/s,
    ([flags]) => `エラー: 必須のオプション '${flags}' が指定されていません`,
  ],
  [
    'commander.excessArguments',
    /^error: too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/s,
    ([command, expected, got]) =>
      `エラー: ${command ? `'${command}' の` : ''}引数が多すぎます（${expected} 個のところ ${got} 個）`,
  ],
  [
    'commander.conflictingOption',
    /^error: (.*) cannot be used with (.*)$/s,
    ([a = '', b = '']) => `エラー: ${who(a)} と ${who(b)} は同時に指定できません`,
  ],
  [
    'commander.invalidArgument',
    /^error: option '(.*)' argument '(.*)' is invalid\. ?(.*)$/s,
    ([flags, value, why]) => `エラー: オプション '${flags}' の値 '${value}' が正しくありません。${why}`,
  ],
  [
    'commander.invalidArgument',
    /^error: command-argument value '(.*)' is invalid for argument '(.*)'\. ?(.*)$/s,
    ([value, name, why]) => `エラー: 引数 '${name}' の値 '${value}' が正しくありません。${why}`,
  ],
];

/**
 * One of commander's parser errors in Japanese, recognised by its error code and wording; anything
 * not recognised keeps commander's text after a Japanese "エラー:".
 */
export function parserErrorJa(message: string, code: string | undefined): string {
  const suggestion = SUGGESTION.exec(message);
  const text = suggestion ? message.slice(0, suggestion.index) : message;
  const hint = suggestion ? `\n（もしかして: ${suggestion[1]}）` : '';
  for (const [c, english, japanese] of PARSER_ERRORS) {
    const m = c === code ? english.exec(text) : null;
    if (m) return japanese(m.slice(1).map((g) => g ?? '')) + hint;
  }
  return `${text.replace(/^error: /, 'エラー: ')}${hint}`;
}

/** A commander Command whose parser errors and help follow SHOKAI_LANG; its subcommands are too. */
export class LocalisedCommand extends Command {
  override createCommand(name?: string): LocalisedCommand {
    return new LocalisedCommand(name);
  }
  override createHelp(): Help {
    return Object.assign(new LocalisedHelp(), this.configureHelp());
  }
  override error(message: string, errorOptions?: ErrorOptions): never {
    return super.error(cliLocale() === 'ja' ? parserErrorJa(message, errorOptions?.code) : message, errorOptions);
  }
}

/** The root `shokai` command: help option and help command described in the chosen language. */
export function localisedProgram(): LocalisedCommand {
  const program = new LocalisedCommand();
  program
    .helpOption('-h, --help', tr('ヘルプを表示する', 'display help for command'))
    .helpCommand('help [command]', tr('コマンドのヘルプを表示する', 'display help for command'));
  return program;
}
