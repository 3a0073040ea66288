// A provider's installation set up on the command line as its operator does (init, keys, pin, reviewer
// add) against a running hub, for the tests that run `shokai agent …` on it: its store on the other
// dialect, the hub's plain http allowed on loopback, a case to address requests to the carrier. The
// installation is the carrier's unless another demo provider is named (the board's, for provision orders).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import type { StoreLocation } from '../../src/store/location.ts';
import { newCase, registerAtHub } from './agent.ts';
import { type CliResult, shokai } from './cli.ts';
import { type Dialect, freshLocation } from './dialects.ts';
import { DEMO_ORGS, orgId, startHub, type TestHub } from './exchange.ts';

/** The reviewer the installation is set up with. */
export const LEGAL = '法務 山口';

export interface CliInstallation {
  hub: TestHub;
  /** The folder of the configuration and the keys. */
  dir: string;
  /** The carrier's organisation id. */
  isp: string;
  /** The organisation id of the provider whose installation it is (the carrier's unless named). */
  provider: string;
  /** The installation's store as agent.json names it (a SQLite path or a postgres:// URL). */
  storeUrl: string;
  caseId: string;
  store: StoreLocation;
  /** `shokai agent …` on this installation (English unless `lang` says otherwise; '' is the default). */
  agent(args: string[], lang?: string, config?: string): Promise<CliResult>;
  close(): Promise<void>;
}

/** The output of a command that must succeed. */
export async function ok(r: Promise<CliResult>): Promise<string> {
  const done = await r;
  assert.equal(done.status, 0, done.stderr);
  return done.stdout;
}

export async function cliInstallation(
  dialect: Dialect,
  agentDialect: Dialect,
  title: string,
  of: 'isp' | 'board' = 'isp',
): Promise<CliInstallation> {
  const hub = await startHub(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'shokai-agent-cli-'));
  const isp = await orgId(hub, DEMO_ORGS.isp);
  const provider = await orgId(hub, DEMO_ORGS[of]);
  const loc = await freshLocation(agentDialect, dir);
  const agent = (args: string[], lang = 'en', config = join(dir, 'agent.json')): Promise<CliResult> =>
    shokai(['agent', ...args, '--config', config], { SHOKAI_LANG: lang, SHOKAI_MASTER_KEY: '', SHOKAI_DATA_DIR: dir });
  const init = ['agent', 'init', '--organisation', provider, '--hub', hub.url, '--store', loc.url, '--dir', dir];
  await ok(shokai(init));
  // On one machine the test's hub speaks plain http on loopback (allowed only when the configuration says so).
  const cfg = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8')) as { hub: Record<string, unknown> };
  cfg.hub.allowLoopbackHttp = true;
  writeFileSync(join(dir, 'agent.json'), JSON.stringify(cfg));
  const ids = await registerAtHub(hub, provider, join(dir, 'registration.json'));
  await ok(agent(['keys', '--machine-key-id', ids.machineKeyId, '--installation-key-id', ids.installationKeyId]));
  const directory = join(dir, 'directory.json');
  writeFileSync(directory, JSON.stringify(await run(hub.ctx, exportDirectory, SYSTEM_CALLER)));
  await ok(agent(['pin', directory]));
  await ok(agent(['reviewer', 'add', LEGAL]));
  const caseId = await newCase(hub, title);
  return {
    hub,
    dir,
    isp,
    provider,
    storeUrl: loc.url,
    caseId,
    store: loc.location,
    agent,
    async close() {
      await hub.close();
      await loc.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
