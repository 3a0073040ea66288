import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nameInstallationOwner } from '../attribution/attribution-service.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { bootstrap } from '../kernel/bootstrap.ts';
import { type Config, loadConfig } from '../kernel/config.ts';
import type { AppContext } from '../kernel/context.ts';
import { run } from '../kernel/unit-of-work.ts';
import { type AgentConfig, readKeyFile, registeredKey, transportOptions } from './config.ts';
import { readAgentDevice } from './device.ts';
import { connectHub, type HubLink } from './hub.ts';
import { recordOwnCategory } from './own-category.ts';
import type { AgentRuntime } from './runner.ts';
import { installationSigner } from './seal.ts';
import { TransportError } from './transport.ts';

// Opening a provider's installation from its configuration file: its own store (with the master key and
// the audit key pin beside the configuration, unless the environment names them), its link to the hub
// and its installation key. The CLI and the long-lived process both start here.

/** The installation's own settings: its data directory is the configuration's directory. */
export function installationConfig(agentConfigPath: string, config: AgentConfig): Config {
  const base = loadConfig();
  const dir = dirname(agentConfigPath);
  return {
    ...base,
    dataDir: dir,
    databaseUrl: config.store,
    masterKeyFile: process.env.SHOKAI_MASTER_KEY_FILE ?? join(dir, 'master.key'),
    auditKeyFile: process.env.SHOKAI_AUDIT_KEY_FILE ?? join(dir, 'audit-key.pub'),
  };
}

/**
 * The installation's store, its records named as its provider's (so that records imported with
 * `shokai logs …` alone are the provider's in the review pages too). A store whose records belong to
 * another provider is refused and closed.
 */
export async function openInstallation(agentConfigPath: string, config: AgentConfig): Promise<AppContext> {
  const ctx = await bootstrap(installationConfig(agentConfigPath, config), { databaseUrl: config.store });
  try {
    await run(ctx, nameInstallationOwner, SYSTEM_CALLER, config.organisationId);
    // The category it runs with, by which the requests held here are judged for the civil stage rule.
    await run(ctx, recordOwnCategory, SYSTEM_CALLER, config.organisationId, config.providerCategory);
  } catch (err) {
    await ctx.store.close();
    throw err;
  }
  return ctx;
}

export function linkToHub(config: AgentConfig): HubLink {
  const key = registeredKey(
    readKeyFile(config.machineKeyFile, 'machineKeyFile'),
    config.machineKeyFile,
    'machineKeyFile',
  );
  try {
    return connectHub(transportOptions(config), key);
  } catch (err) {
    // An unpinned hub or plain http: refused before any connection, said in the operator's language.
    if (err instanceof TransportError) {
      throw new DomainError('VALIDATION_FAILED', err.bilingual, { field: 'hub', reason: err.reason });
    }
    throw err;
  }
}

/** The runtime: online with a link to the hub, or offline (file mode) with none. */
export async function installationRuntime(
  ctx: AppContext,
  config: AgentConfig,
  online: boolean,
): Promise<AgentRuntime> {
  const file = readKeyFile(config.installationKeyFile, 'installationKeyFile');
  const signer = await installationSigner(registeredKey(file, config.installationKeyFile, 'installationKeyFile'));
  return {
    ctx,
    organisationId: config.organisationId,
    providerCategory: config.providerCategory,
    policy: { autoNone: config.autoAnswer.none },
    signer,
    hub: online ? linkToHub(config) : null,
    ...(config.deviceKeyFile && existsSync(config.deviceKeyFile)
      ? { device: await readAgentDevice(config.deviceKeyFile) }
      : {}),
  };
}
