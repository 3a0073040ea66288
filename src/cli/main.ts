// The `shokai` command. Each group of subcommands lives in its own module and registers itself here.

import { unknownLanguageWords } from '../kernel/text.ts';
import { registerGroupsFor } from './command-groups.ts';
import { cliErrorJson, describeCliError } from './context.ts';
import { localisedProgram, tr } from './language.ts';
import { warnLine } from './output.ts';

// A language the operator meant but wrote otherwise (`SHOKAI_LANG=english`) is said once, in both languages,
// rather than silently answered in Japanese.
const unknownLanguage = unknownLanguageWords();
if (unknownLanguage) warnLine(`shokai: ${unknownLanguage.ja} / ${unknownLanguage.en}`);

// Built from LocalisedCommand: parser errors and help follow SHOKAI_LANG (Japanese by default).
const program = localisedProgram();
program
  .name('shokai')
  .description(
    tr(
      'shokai（照会）— 発信者情報の照会を署名・決裁して送り、事業者が検証して回答する',
      'shokai — lawful requests for sender identification, and the provider side that answers them',
    ),
  )
  .showHelpAfterError();

// Command modules register their subcommands on `program`: only those the command line names are loaded.
await registerGroupsFor(program, process.argv.slice(2));

// A reader that stops reading early (`shokai user list | head`) ends the command quietly, not with a
// stack trace of the closed pipe, and not as a success: with the code it had set (a check's 2), else 141,
// as a tool killed by SIGPIPE reports it (a script with `set -o pipefail` sees the command did not finish).
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  const code = typeof process.exitCode === 'number' && process.exitCode !== 0 ? process.exitCode : 141;
  process.exit(code);
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // A person reads the message in words; a program that asked for --json gets the code and the field's path.
  warnLine(process.argv.includes('--json') ? JSON.stringify(cliErrorJson(err)) : `shokai: ${describeCliError(err)}`);
  process.exitCode = 1;
}
