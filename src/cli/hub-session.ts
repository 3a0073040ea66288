// A member's session at the hub from the command line: the hub's URL, the session token and the key
// file of what acts here (a device, the provider's installation key). Used by `device`, `provider` and
// `request-file`.
import type { Command } from 'commander';
import { type ApiClient, createApiClient } from '../client/client.ts';
import { tr } from './language.ts';

export interface HubSession {
  url: string;
  token?: string;
  keyFile: string;
}

/** The options of a command that calls the hub in a session and holds no key: --url and --token. */
export function hubLoginOptions(command: Command): Command {
  return command
    .requiredOption('--url <url>', tr('ハブの URL', "the hub's URL"))
    .option(
      '--token <token>',
      tr('セッションのトークン（既定: SHOKAI_TOKEN）', 'a session token (default: SHOKAI_TOKEN)'),
    );
}

/** The options of a command that calls the hub in a session: --url, --token and --key-file. */
export function hubSessionOptions(command: Command, keyFileHelp: string): Command {
  return hubLoginOptions(command).requiredOption('--key-file <file>', keyFileHelp);
}

/** The typed client of the session (--token, else SHOKAI_TOKEN; one of them is required). */
export function hubApi(o: Pick<HubSession, 'url' | 'token'>): ApiClient {
  const token = o.token ?? process.env.SHOKAI_TOKEN;
  if (!token) throw new Error(tr('--token（または SHOKAI_TOKEN）が必要です', '--token (or SHOKAI_TOKEN) is required'));
  return createApiClient({ baseUrl: o.url.replace(/\/$/, ''), token });
}
