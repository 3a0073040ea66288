// The `shokai` command. Each group of subcommands lives in its own module and registers itself here.
import { Command } from 'commander';
import { describeCliError } from './context.ts';
import { registerExchangeCommands } from './exchange.ts';
import { registerGrantCommands } from './grants.ts';
import { registerLogsCommands } from './logs.ts';
import { registerMailCommands } from './mail.ts';
import { registerRegistryCommands } from './registry.ts';
import { registerRemoteCommands } from './remote.ts';

const program = new Command();
program
  .name('shokai')
  .description('shokai (照会) — lawful requests for sender identification, and the provider side that answers them')
  .showHelpAfterError();

// Command modules register their subcommands on `program` (one import and one call each).
registerExchangeCommands(program);
registerGrantCommands(program);
registerLogsCommands(program);
registerMailCommands(program);
registerRegistryCommands(program);
registerRemoteCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`shokai: ${describeCliError(err)}\n`);
  process.exitCode = 1;
}
