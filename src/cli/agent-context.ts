// Where `shokai agent …` finds its installation: the configuration file and the store it names.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { type AgentConfig, loadAgentConfig } from '../agent/config.ts';
import { installationRuntime, openInstallation } from '../agent/installation.ts';
import type { AgentRuntime } from '../agent/runner.ts';
import { type Caller, SYSTEM_CALLER } from '../domain/access.ts';
import type { AppContext } from '../kernel/context.ts';
import { run, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { tr } from './language.ts';
import { JSON_HELP } from './output.ts';

export function configPath(o: { config?: string }): string {
  return resolve(o.config ?? process.env.SHOKAI_AGENT_CONFIG ?? 'agent.json');
}

export function configOptionHelp(): string {
  return tr(
    '設置の設定ファイル（省略時: SHOKAI_AGENT_CONFIG、なければ ./agent.json）',
    "the installation's configuration file (default: SHOKAI_AGENT_CONFIG, else ./agent.json)",
  );
}

/** The option of every command on the installation: --config (SHOKAI_AGENT_CONFIG, else ./agent.json). */
export function installationOptions(command: Command): Command {
  return command.option('--config <file>', configOptionHelp());
}

/** The options of a command on the installation that prints its result: --config, and --json. */
export function installationResultOptions(command: Command): Command {
  return installationOptions(command).option('--json', JSON_HELP());
}

/** Runs fn over the installation's own store, closing it afterwards. */
export async function withInstallation<T>(
  o: { config?: string },
  fn: (ctx: AppContext, config: AgentConfig) => Promise<T>,
): Promise<T> {
  const path = configPath(o);
  const config = loadAgentConfig(path);
  const ctx = await openInstallation(path, config);
  try {
    return await fn(ctx, config);
  } finally {
    await ctx.store.close();
  }
}

/** One service in one unit of work on the installation's own store, as its operator (the system caller). */
export function runInInstallation<A extends unknown[], T>(
  o: { config?: string },
  service: (uow: UnitOfWork, caller: Caller, ...args: A) => Promise<T>,
  ...args: A
): Promise<T> {
  return withInstallation(o, (ctx) => run(ctx, service, SYSTEM_CALLER, ...args));
}

/** Runs fn with the installation's runtime (linked to the hub when `online`), closing that link afterwards. */
async function withRuntime<T>(
  ctx: AppContext,
  config: AgentConfig,
  online: boolean,
  fn: (rt: AgentRuntime) => Promise<T>,
): Promise<T> {
  const rt = await installationRuntime(ctx, config, online);
  try {
    return await fn(rt);
  } finally {
    rt.hub?.close();
  }
}

/**
 * Runs fn with the runtime of the installation --config names (linked to the hub when `online`),
 * closing the link and the store afterwards.
 */
export function withInstallationRuntime<T>(
  o: { config?: string },
  online: boolean,
  fn: (rt: AgentRuntime, config: AgentConfig) => Promise<T>,
): Promise<T> {
  return withInstallation(o, (ctx, config) => withRuntime(ctx, config, online, (rt) => fn(rt, config)));
}
