// The `shokai` command. Each group of subcommands lives in its own module and registers itself here.
import { Command } from 'commander';

const program = new Command();
program
  .name('shokai')
  .description('shokai (照会) — lawful requests for sender identification, and the provider side that answers them')
  .showHelpAfterError();

// Command modules register their subcommands on `program` (one import and one call each).

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`shokai: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
