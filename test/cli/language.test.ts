import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { InvalidArgumentError, Option } from 'commander';
import { LocalisedCommand } from '../../src/cli/language.ts';

// The parser errors commander itself raises, caught in-process: each must come out in Japanese (and
// a commander upgrade that changes the English wording makes this test fail, not the CLI fall back).
let saved: string | undefined;
before(() => {
  saved = process.env.SHOKAI_LANG;
  process.env.SHOKAI_LANG = 'ja';
});
after(() => {
  if (saved === undefined) delete process.env.SHOKAI_LANG;
  else process.env.SHOKAI_LANG = saved;
});

function errorOf(build: (program: LocalisedCommand) => void, argv: string[]): string {
  let written = '';
  const program = new LocalisedCommand('shokai');
  program.exitOverride().configureOutput({ writeErr: (s) => (written += s), writeOut: () => undefined });
  build(program);
  assert.throws(() => program.parse(argv, { from: 'user' }));
  return written.trim();
}

const port = (v: string): number => {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('数字ではありません');
  return Number(v);
};

const cases: Array<[string, (p: LocalisedCommand) => void, string[], RegExp]> = [
  [
    'unknown option',
    (p) => p.command('run').action(() => undefined),
    ['run', '--nope'],
    /^エラー: 不明なオプションです: '--nope'$/,
  ],
  [
    'unknown option with a suggestion',
    (p) =>
      p
        .command('run')
        .option('--store <s>')
        .action(() => undefined),
    ['run', '--stor'],
    /^エラー: 不明なオプションです: '--stor'\n（もしかして: --store）$/,
  ],
  [
    'unknown command',
    (p) => {
      p.command('logs').action(() => undefined);
      p.command('mail').action(() => undefined);
    },
    ['lgs'],
    /^エラー: 不明なコマンドです: 'lgs'\n（もしかして: logs）$/,
  ],
  [
    'missing argument',
    (p) => p.command('totp <login>').action(() => undefined),
    ['totp'],
    /^エラー: 必須の引数 'login' がありません$/,
  ],
  [
    'option without its value',
    (p) =>
      p
        .command('run')
        .option('--org <id>')
        .action(() => undefined),
    ['run', '--org'],
    /^エラー: オプション '--org <id>' の値がありません$/,
  ],
  [
    'required option not given',
    (p) =>
      p
        .command('run')
        .requiredOption('--org <id>')
        .action(() => undefined),
    ['run'],
    /^エラー: 必須のオプション '--org <id>' が指定されていません$/,
  ],
  [
    'too many arguments',
    (p) =>
      p
        .command('run <file>')
        .allowExcessArguments(false)
        .action(() => undefined),
    ['run', 'a', 'b'],
    /^エラー: 'run' の引数が多すぎます（1 個のところ 2 個）$/,
  ],
  [
    'conflicting options',
    (p) =>
      p
        .command('run')
        .addOption(new Option('--ip <ip>').conflicts('queries'))
        .option('--queries <file>')
        .action(() => undefined),
    ['run', '--ip', '192.0.2.1', '--queries', 'q.csv'],
    /^エラー: オプション '--ip <ip>' と オプション '--queries <file>' は同時に指定できません$/,
  ],
  [
    'invalid option value',
    (p) =>
      p
        .command('run')
        .option('--port <n>', 'port', port)
        .action(() => undefined),
    ['run', '--port', 'x'],
    /^エラー: オプション '--port <n>' の値 'x' が正しくありません。数字ではありません$/,
  ],
  [
    'invalid argument value',
    (p) =>
      p
        .command('run')
        .argument('<n>', 'n', port)
        .action(() => undefined),
    ['run', 'x'],
    /^エラー: 引数 'n' の値 'x' が正しくありません。数字ではありません$/,
  ],
];

for (const [name, build, argv, expected] of cases)
  test(`commander's "${name}" error is in Japanese`, () => {
    assert.match(errorOf(build, argv), expected);
  });

test('English stays commander’s own with SHOKAI_LANG=en', () => {
  process.env.SHOKAI_LANG = 'en';
  try {
    const e = errorOf((p) => p.command('run').action(() => undefined), ['run', '--nope']);
    assert.equal(e, "error: unknown option '--nope'");
  } finally {
    process.env.SHOKAI_LANG = 'ja';
  }
});
