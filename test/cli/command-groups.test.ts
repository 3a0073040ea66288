// The CLI loads only the command modules its command line names (src/cli/command-groups.ts). The table of
// names must say exactly what each module registers, or a command would be missing when it is asked for.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COMMAND_GROUPS, groupsFor } from '../../src/cli/command-groups.ts';
import { localisedProgram } from '../../src/cli/language.ts';
import { shokaiSync } from '../support/cli.ts';

/**
 * The top-level commands the group at `index` adds, or adds subcommands to, registered after the groups
 * before it (as the whole help registers them).
 */
async function namesRegisteredBy(index: number): Promise<string[]> {
  const program = localisedProgram();
  for (const g of COMMAND_GROUPS.slice(0, index)) (await g.load())(program);
  const before = new Map(program.commands.map((c) => [c.name(), c.commands.length]));
  const group = COMMAND_GROUPS[index] ?? assert.fail(`no group ${index}`);
  (await group.load())(program);
  return program.commands
    .filter((c) => before.get(c.name()) !== c.commands.length)
    .map((c) => c.name())
    .sort();
}

describe('the CLI loads the command modules its command line names', () => {
  test('each group names exactly the top-level commands its module registers or extends', async () => {
    for (const [i, group] of COMMAND_GROUPS.entries()) {
      assert.deepEqual(await namesRegisteredBy(i), [...group.names].sort(), group.module);
    }
  });

  test('a named command loads its groups only; help, flags and unknown words load all', () => {
    assert.deepEqual(
      groupsFor(['agent', 'status']).map((g) => g.module),
      ['agent'],
    );
    assert.deepEqual(
      groupsFor(['user', 'list']).map((g) => g.module),
      ['users', 'grants'],
    );
    for (const args of [[], ['--help'], ['help', 'agent'], ['agnet']]) {
      assert.equal(groupsFor(args).length, COMMAND_GROUPS.length, args.join(' '));
    }
  });

  test('the whole help lists every command; a mistyped one is named with its nearest', () => {
    const help = shokaiSync(['--help']);
    assert.equal(help.status, 0, help.stderr);
    for (const name of COMMAND_GROUPS.flatMap((g) => g.names)) {
      assert.match(help.stdout, new RegExp(`^  ${name}\\b`, 'm'), name);
    }
    const typo = shokaiSync(['agnet', 'status']);
    assert.equal(typo.status, 1);
    assert.match(typo.stderr, /unknown command 'agnet'[\s\S]*Did you mean agent\?/);
  });

  test('a command of a group runs with its subcommands, e.g. both halves of `user`', () => {
    const r = shokaiSync(['user', '--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^ {2}list\b/m);
    assert.match(r.stdout, /^ {2}grants\b/m);
  });
});
