// Every command's --json option that does not name what it prints says so in one set of words, in both
// languages (JSON_HELP): not "JSON で出力する" in one command, "結果を JSON で出力する" in the next and
// "print as JSON" in a third.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import type { Command } from 'commander';
import { COMMAND_GROUPS } from '../../src/cli/command-groups.ts';
import { localisedProgram } from '../../src/cli/language.ts';
import { JSON_HELP } from '../../src/cli/output.ts';

/** Each command's path and the help of its --json option, over the whole CLI as `shokai --help` loads it. */
async function jsonOptions(): Promise<Array<[string, string]>> {
  const program = localisedProgram();
  for (const g of COMMAND_GROUPS) (await g.load())(program);
  const found: Array<[string, string]> = [];
  const walk = (c: Command, path: string) => {
    const json = c.options.find((o) => o.long === '--json');
    if (json) found.push([path, json.description]);
    for (const sub of c.commands) walk(sub, `${path} ${sub.name()}`.trim());
  };
  walk(program, '');
  return found;
}

const GENERIC = {
  ja: /^(結果を)? ?JSON で出力する$/,
  en: /^print (the result )?(as )?JSON$/,
};

describe("the CLI's --json option", () => {
  const lang = process.env.SHOKAI_LANG;
  afterEach(() => {
    if (lang === undefined) delete process.env.SHOKAI_LANG;
    else process.env.SHOKAI_LANG = lang;
  });

  for (const locale of ['ja', 'en'] as const) {
    test(`where it names nothing printed, it reads as JSON_HELP in every command (${locale})`, async () => {
      process.env.SHOKAI_LANG = locale;
      const options = await jsonOptions();
      assert.ok(options.length > 20, `the CLI has many --json options (${options.length})`);
      const generic = options.filter(([, d]) => GENERIC[locale].test(d));
      assert.ok(generic.length > 10, 'most print their result without naming it');
      for (const [path, description] of generic) assert.equal(description, JSON_HELP(), path);
    });
  }
});
