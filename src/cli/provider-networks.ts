// `shokai provider networks declare`: the provider declares the networks it serves (address blocks, ASNs,
// domains) from its own installation, signed with its installation key, so the hub cannot make a
// declaration in its name that an installation routing provision notices would take (the hub refuses an
// unsigned one once the provider holds an installation key). The whole set is given each time (options
// and/or a file, one a line); it replaces the one in force, an empty one (--none) withdraws them all.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { unwrap } from '../client/client.ts';
import { NetworksInput } from '../directory/model.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { networksSigningInput } from '../domain/pinned-networks.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { type HubSession, hubApi } from './hub-session.ts';
import { registeredSigner, remote } from './installation-key-file.ts';
import { tr } from './language.ts';
import { out } from './output.ts';

interface Declared {
  cidrs: string[];
  asns: number[];
  domains: string[];
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Where each value of a set came from (`--cidr`, `nets.txt:3`), in the set's order. */
type Origins = { [K in keyof Declared]: string[] };

/** One value (a block has a `/`, an ASN is digits or AS + digits, else a domain); `where` names it if bad. */
function addValue(d: Declared, value: string, where: string, from?: Origins): void {
  if (value.includes('/')) {
    d.cidrs.push(value);
    from?.cidrs.push(where);
  } else if (/^(AS)?\d+$/i.test(value)) {
    const n = Number(value.replace(/^AS/i, ''));
    if (!Number.isSafeInteger(n) || n < 1 || n > 4294967295) {
      throw new Error(
        tr(`${where}: AS 番号 ${value} は 1〜4294967295 ではありません`, `${where}: ASN ${value} is not 1..4294967295`),
      );
    }
    d.asns.push(n);
    from?.asns.push(where);
  } else if (DOMAIN.test(value)) {
    d.domains.push(value.toLowerCase());
    from?.domains.push(where);
  } else {
    throw new Error(
      tr(
        `${where}: ${value} はアドレスブロック（アドレス/長さ）、AS 番号、ドメインのどれでもありません`,
        `${where}: ${value} is neither an address block (address/length), an ASN nor a domain`,
      ),
    );
  }
}

/** The declared set from --cidr/--asn/--domain and --file (one a line; `#` starts a comment). */
export function declaredSet(o: { cidr: string[]; asn: string[]; domain: string[]; file?: string }): Declared {
  const d: Declared = { cidrs: [], asns: [], domains: [] };
  const from: Origins = { cidrs: [], asns: [], domains: [] };
  for (const v of o.cidr) {
    if (!v.includes('/'))
      throw new Error(tr(`--cidr ${v}: アドレス/長さ の形ではありません`, `--cidr ${v}: not address/length`));
    addValue(d, v, '--cidr', from);
  }
  for (const v of o.asn) {
    if (!/^(AS)?\d+$/i.test(v)) throw new Error(tr(`--asn ${v}: AS 番号ではありません`, `--asn ${v}: not an ASN`));
    addValue(d, v, '--asn', from);
  }
  for (const v of o.domain) {
    if (v.includes('/') || /^(AS)?\d+$/i.test(v)) {
      throw new Error(tr(`--domain ${v}: ドメインではありません`, `--domain ${v}: not a domain`));
    }
    addValue(d, v, '--domain', from);
  }
  if (o.file) {
    const lines = readFileSync(o.file, 'utf8').split(/\r?\n/);
    lines.forEach((line, i) => {
      const v = line.replace(/#.*/, '').trim();
      if (v) addValue(d, v, `${o.file}:${i + 1}`, from);
    });
  }
  // The hub's own check (blocks in their canonical form), here first: what is signed is what it keeps. A
  // value it refuses is named where it was given (the option, or the file and line), not by its path.
  let parsed: Declared;
  try {
    parsed = parseOrThrow(NetworksInput, d);
  } catch (err) {
    if (!isDomainError(err)) throw err;
    const field = err.details?.field;
    const m = typeof field === 'string' ? /^(cidrs|asns|domains)\.(\d+)/.exec(field) : null;
    if (!m) throw err;
    const key = m[1] as keyof Declared;
    const i = Number(m[2]);
    const where = from[key][i];
    if (where === undefined) throw err;
    const value = String(d[key][i]);
    const said = (msg: string, quoted: string) => (msg.includes(value) ? msg : `${quoted}: ${msg}`);
    throw new DomainError(err.code, {
      ja: `${where}: ${said(err.messages.ja, `「${value}」`)}`,
      en: `${where}: ${said(err.messages.en, `"${value}"`)}`,
    });
  }
  return { cidrs: parsed.cidrs, asns: parsed.asns, domains: parsed.domains.map((v) => v.toLowerCase()) };
}

const repeat = (v: string, acc: string[]) => [...acc, v];

export function registerProviderNetworksCommands(provider: Command): void {
  const networks = provider
    .command('networks')
    .description(tr('事業者が保有を申告するネットワーク', 'the networks the provider declares it serves'));
  remote(networks.command('declare'))
    .description(
      tr(
        '保有ネットワーク（アドレスブロック・AS 番号・ドメイン）の全体をこの機械で設置鍵により署名して申告する（いまの申告を置き換える）',
        'declare the whole set of networks served (address blocks, ASNs, domains), ' +
          'signed here with the installation key (it replaces the one in force)',
      ),
    )
    .option('--cidr <block>', tr('アドレスブロック（複数可）', 'an address block (repeatable)'), repeat, [] as string[])
    .option('--asn <n>', tr('AS 番号（複数可）', 'an ASN (repeatable)'), repeat, [] as string[])
    .option('--domain <name>', tr('ドメイン（複数可）', 'a domain (repeatable)'), repeat, [] as string[])
    .option(
      '--file <path>',
      tr('一行に一つの値のファイル（# 以降は注記）', 'a file of one value a line (# starts a comment)'),
    )
    .option('--none', tr('空の申告（すべて取り下げる）', 'an empty declaration (withdraws them all)'))
    .action(
      async (o: HubSession & { cidr: string[]; asn: string[]; domain: string[]; file?: string; none?: boolean }) => {
        const { file: f, signer } = await registeredSigner(o.keyFile);
        const set = declaredSet(o);
        const count = set.cidrs.length + set.asns.length + set.domains.length;
        if (count === 0 && !o.none) {
          throw new Error(
            tr(
              '申告する値がありません（すべて取り下げるなら --none）',
              'nothing to declare (to withdraw them all, give --none)',
            ),
          );
        }
        const signedAt = new Date().toISOString();
        // An Ed25519 key signs the text itself (the digest is for a passkey's challenge: none here).
        const input = networksSigningInput({ organisationId: f.organisationId, ...set }, signedAt);
        const { signature } = await signer.sign(input, '');
        await unwrap(
          hubApi(o).PUT('/v1/providers/{id}/networks', {
            params: { path: { id: f.organisationId } },
            body: { ...set, signature: { keyId: f.keyId, signedAt, value: signature } },
          }),
        );
        out(
          tr(
            `署名して申告しました: アドレスブロック ${set.cidrs.length}、AS 番号 ${set.asns.length}、ドメイン ${set.domains.length}`,
            `declared, signed: ${counted(set.cidrs.length, 'address block')}, ${counted(set.asns.length, 'ASN')}, ` +
              counted(set.domains.length, 'domain'),
          ),
        );
      },
    );
}

/** A count and its noun in English, singular for one (1 domain, 2 domains). */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
