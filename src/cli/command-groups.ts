// The groups of the `shokai` command: each module registers its subcommands on the program, and is loaded
// only when the command line names one of its top-level commands. Loading every module costs a second or
// more of start-up on each run (the server, the store, PDF and fonts), which a person typing
// `shokai agent status` should not wait for. The names are checked against what each module registers
// (test/cli/command-groups.test.ts), so a command added to a module and not here fails a test.
import type { Command } from 'commander';

type Register = (program: Command) => void;

export interface CommandGroup {
  /** The module, for the test that checks `names` against what it registers. */
  readonly module: string;
  /** The top-level commands the module registers or adds subcommands to. */
  readonly names: readonly string[];
  readonly load: () => Promise<Register>;
}

/** In the order the help lists them (the order they were always registered in). */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    module: 'exchange',
    names: ['serve', 'db', 'demo', 'org', 'key'],
    load: async () => (await import('./exchange.ts')).registerExchangeCommands,
  },
  { module: 'users', names: ['user'], load: async () => (await import('./users.ts')).registerUserCommands },
  { module: 'grants', names: ['user'], load: async () => (await import('./grants.ts')).registerGrantCommands },
  {
    module: 'key-registrations',
    names: ['key'],
    load: async () => (await import('./key-registrations.ts')).registerKeyRegistrationCommands,
  },
  { module: 'audit', names: ['audit'], load: async () => (await import('./audit.ts')).registerAuditCommands },
  { module: 'logs', names: ['logs'], load: async () => (await import('./logs.ts')).registerLogsCommands },
  { module: 'mail', names: ['mail'], load: async () => (await import('./mail.ts')).registerMailCommands },
  {
    module: 'registry',
    names: ['registry'],
    load: async () => (await import('./registry.ts')).registerRegistryCommands,
  },
  {
    module: 'provider-key',
    names: ['provider'],
    load: async () => (await import('./provider-key.ts')).registerProviderCommands,
  },
  {
    module: 'remote',
    names: ['client', 'remote'],
    load: async () => (await import('./remote.ts')).registerRemoteCommands,
  },
  { module: 'device', names: ['device'], load: async () => (await import('./device.ts')).registerDeviceCommands },
  {
    module: 'retention',
    names: ['retention'],
    load: async () => (await import('./retention.ts')).registerRetentionCommands,
  },
  {
    module: 'documents',
    names: ['document'],
    load: async () => (await import('./documents.ts')).registerDocumentCommands,
  },
  { module: 'report', names: ['report'], load: async () => (await import('./report.ts')).registerReportCommands },
  {
    module: 'directory',
    names: ['directory'],
    load: async () => (await import('./directory.ts')).registerDirectoryCommands,
  },
  {
    module: 'holders',
    names: ['board', 'cafe'],
    load: async () => (await import('./holders.ts')).registerHolderCommands,
  },
  { module: 'agent', names: ['agent'], load: async () => (await import('./agent.ts')).registerAgentCommands },
  {
    module: 'answer-file',
    names: ['answer-file'],
    load: async () => (await import('./answer-file.ts')).registerAnswerFileCommands,
  },
  {
    module: 'request-approval',
    names: ['request'],
    load: async () => (await import('./request-approval.ts')).registerRequestCommands,
  },
  {
    module: 'order-hearings',
    names: ['order-hearing'],
    load: async () => (await import('./order-hearings.ts')).registerOrderHearingCommands,
  },
  {
    module: 'request-file',
    names: ['request-file'],
    load: async () => (await import('./request-file.ts')).registerRequestFileCommands,
  },
];

/**
 * The groups a command line needs: those registering its first word when a group does; every group
 * otherwise (help, a version flag, a mistyped command, which the parser names with its nearest matches).
 */
export function groupsFor(args: readonly string[]): readonly CommandGroup[] {
  const first = args[0];
  const named = first === undefined ? [] : COMMAND_GROUPS.filter((g) => g.names.includes(first));
  return named.length > 0 ? named : COMMAND_GROUPS;
}

/** Registers on `program` the groups the command line `args` (after the program's name) needs. */
export async function registerGroupsFor(program: Command, args: readonly string[]): Promise<void> {
  for (const group of groupsFor(args)) (await group.load())(program);
}
