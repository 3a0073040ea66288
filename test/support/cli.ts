// The shokai command line as the tests run it: `node bin/shokai.js …` in a child process, in English
// unless the environment given says otherwise.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const SHOKAI_BIN = join(import.meta.dirname, '..', '..', 'bin', 'shokai.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** The environment a child gets: `base` (this process's by default), in English unless `env` says otherwise. */
const envOf = (env: Record<string, string>, base: NodeJS.ProcessEnv = process.env) => ({
  ...base,
  SHOKAI_LANG: 'en',
  ...env,
});

const runSync = (args: string[], env: NodeJS.ProcessEnv, cwd?: string): CliResult => {
  const r = spawnSync(process.execPath, [SHOKAI_BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

/** Runs the CLI without blocking this process (a hub started by the test answers it from here). */
export function shokai(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return spawned(args, envOf(env));
}

/**
 * The CLI as a person runs it, without blocking this process: SHOKAI_LANG `lang` when given, else not
 * set at all (the CLI's default language, Japanese).
 */
export function shokaiAsPerson(args: string[], env: Record<string, string>, lang?: 'en' | 'ja'): Promise<CliResult> {
  const base: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete base.SHOKAI_LANG;
  return spawned(args, lang ? { ...base, SHOKAI_LANG: lang } : base);
}

function spawned(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SHOKAI_BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

/** Runs the CLI and waits for it (only when nothing in this process has to answer it). */
export function shokaiSync(args: string[], env: Record<string, string> = {}): CliResult {
  return runSync(args, envOf(env));
}

/**
 * Migrates the fresh store `env` names and makes one organisation in it, both on the command line
 * (`db migrate`, `org create … --json`), each asserted to succeed: the organisation's id.
 */
export function organisationAtCli(env: Record<string, string>, kind: string, nameJa: string, nameEn: string): string {
  assert.equal(shokaiSync(['db', 'migrate'], env).status, 0);
  const org = shokaiSync(['org', 'create', '--kind', kind, '--name-ja', nameJa, '--name-en', nameEn, '--json'], env);
  assert.equal(org.status, 0, org.stderr);
  return (JSON.parse(org.stdout) as { id: string }).id;
}

/**
 * Runs the CLI in the folder `cwd` and waits for it, with neither DATABASE_URL nor SHOKAI_DATA_DIR taken
 * from this process, as someone who set neither runs it: it falls back on its default store there.
 */
export function shokaiWithoutStore(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.SHOKAI_DATA_DIR;
  return runSync(args, envOf(env, inherited), cwd);
}
