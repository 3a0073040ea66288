import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { getCase } from '../../cases/case-service.ts';
import { type Caller, requirePermission } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import { InstantSchema } from '../../domain/instant.ts';
import { checkUrl, normaliseHostname } from '../../domain/targets.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import type { UnitOfWork } from '../../kernel/unit-of-work.ts';
import type { DomainRegistrationRow } from '../../store/schema.ts';
import { firstReasons } from '../registry/types.ts';
import { WhomAnswerSchema } from '../whom/whom.ts';
import { answerWhom } from '../whom/whom-service.ts';
import { configuredResolver, ResolverConfigError, resolveName } from './dns.ts';
import { findDomainRegistrations, replaceDomainRegistrations } from './domain.repository.ts';
import { type ParsedDomains, parseRdapDomains } from './parse-rdap-domain.ts';

// Whom to ask about a site whose operator is unknown (the manual's "find the board's operator by
// WHOIS"): the registrar and the registrant from imported domain registration data (RDAP), and the
// hosting provider through the addresses the name resolves to, asked of the directory and the IP
// registry data like any address.

const Bi = z.object({ ja: z.string(), en: z.string() });

export const WhomDomainInput = z.strictObject({
  /** An http(s) URL of the site, or its domain name. */
  url: z
    .string()
    .max(4096)
    .transform((value, ctx) => {
      const host = hostOf(value);
      if (typeof host === 'string') return host;
      ctx.addIssue({
        code: 'custom',
        message: host.en,
        params: { code: 'INVALID_IDENTIFIER', ja: host.ja },
        input: value,
      });
      return z.NEVER;
    }),
  /** When the site was used (ISO 8601 with an offset): passed on to each address's answer. */
  at: InstantSchema.optional(),
  caseId: z.string().min(1).max(100).optional(),
});

/** The host of a URL, or a domain name given alone (normalised), or why it is neither. */
function hostOf(value: string): string | { ja: string; en: string } {
  const v = value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    const checked = checkUrl(v);
    if (typeof checked !== 'string') return checked;
    const h = new URL(v).hostname.replace(/^\[|\]$/g, '');
    return isIP(h) ? h : normaliseHostname(h);
  }
  return normaliseHostname(v);
}

const RegistrationSchema = z.object({
  /** The registered name that matched (the host itself or a parent domain). */
  domain: z.string(),
  handle: z.string().nullable(),
  registrar: z.string().nullable(),
  registrarIanaId: z.string().nullable(),
  registrant: z.string().nullable(),
  registrantCountry: z.string().nullable(),
  abuse: z.string().nullable(),
  nameservers: z.array(z.string()),
  status: z.array(z.string()),
  registeredAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  changedAt: z.string().nullable(),
  source: z.object({ file: z.string(), sha256: z.string(), importedAt: z.string() }),
});

export const WHOM_DOMAIN_REASONS = [
  'registration_found',
  'registration_missing',
  'address_literal',
  'resolver_not_configured',
  'resolved',
  'not_resolved',
] as const;

export const WhomDomainAnswerSchema = z.object({
  /** The site's host name (or address, when the URL names one). */
  host: z.string(),
  registration: RegistrationSchema.nullable(),
  resolver: z.object({ configured: z.boolean(), servers: z.array(z.string()) }),
  /** Whom to ask about each address the name resolved to: the hosting provider. */
  addresses: z.array(WhomAnswerSchema),
  reasons: z.array(z.object({ code: z.enum(WHOM_DOMAIN_REASONS), message: Bi })),
  summary: Bi,
});
export type WhomDomainAnswer = z.infer<typeof WhomDomainAnswerSchema>;
type Reason = WhomDomainAnswer['reasons'][number];

/** The host and each parent domain with at least two labels: `a.b.example.jp` → …, `example.jp`. */
function candidates(host: string): string[] {
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out;
}

function registrationOf(row: DomainRegistrationRow): z.infer<typeof RegistrationSchema> {
  return {
    domain: row.domain,
    handle: row.handle,
    registrar: row.registrar,
    registrarIanaId: row.registrar_iana_id,
    registrant: row.registrant,
    registrantCountry: row.registrant_country,
    abuse: row.abuse,
    nameservers: z.array(z.string()).parse(JSON.parse(row.nameservers)),
    status: z.array(z.string()).parse(JSON.parse(row.status)),
    registeredAt: row.registered_at,
    expiresAt: row.expires_at,
    changedAt: row.changed_at,
    source: { file: row.file_name, sha256: row.sha256, importedAt: row.imported_at },
  };
}

/**
 * Whom to ask about a site: the registration (registrar, registrant) of its name or the nearest
 * parent domain in the imported data, and for each address the name resolves to (through the
 * operator's resolver) the whom-to-ask answer of that address. Needs `registry.lookup`; audited
 * (`evidence.whom_domain_asked`: the host, the addresses, the case).
 */
export async function whomForDomain(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<WhomDomainAnswer> {
  requirePermission(caller, 'registry.lookup');
  const input = parseOrThrow(WhomDomainInput, raw);
  if (input.caseId !== undefined && caller.kind !== 'system') await getCase(uow, caller, input.caseId);
  const host = input.url;
  const reasons: Reason[] = [];
  let registration: WhomDomainAnswer['registration'] = null;
  const literal = isIP(host) !== 0;
  if (!literal) {
    const names = candidates(host);
    const rows = await findDomainRegistrations(uow.tx, names);
    const best = names.map((n) => rows.find((r) => r.domain === n)).find((r) => r !== undefined);
    registration = best ? registrationOf(best) : null;
    reasons.push(
      registration
        ? {
            code: 'registration_found',
            message: {
              ja:
                `${registration.domain} の登録情報：登録事業者（レジストラ）${registration.registrar ?? '不明'}、登録者 ` +
                `${registration.registrant ?? '非公開'}。`,
              en:
                `Registration of ${registration.domain}: registrar ${registration.registrar ?? 'unknown'}, ` +
                `registrant ${registration.registrant ?? 'withheld'}.`,
            },
          }
        : {
            code: 'registration_missing',
            message: {
              ja: `${host} とその上位ドメインの登録情報（RDAP）は取り込まれていません。`,
              en: `No domain registration data (RDAP) for ${host} or its parent domains has been imported.`,
            },
          },
    );
  }
  let servers: string[] = [];
  let configured = false;
  let addresses: string[] = [];
  if (literal) {
    addresses = [host];
    reasons.push({
      code: 'address_literal',
      message: { ja: `URL はアドレス ${host} を直接指しています。`, en: `The URL names the address ${host} itself.` },
    });
  } else {
    let cfg: string[] | null;
    try {
      cfg = configuredResolver();
    } catch (err) {
      if (!(err instanceof ResolverConfigError)) throw err;
      throw new DomainError('INTERNAL', { ja: err.message, en: err.message });
    }
    if (cfg === null) {
      reasons.push({
        code: 'resolver_not_configured',
        message: {
          ja: '名前解決に使う DNS サーバーが設定されていないため、ホスティング事業者は調べていません（SHOKAI_DNS_RESOLVER）。',
          en: 'No DNS resolver is configured, so the hosting provider was not looked up (SHOKAI_DNS_RESOLVER).',
        },
      });
    } else {
      configured = true;
      servers = cfg;
      const r = await resolveName(host, cfg);
      addresses = [...new Set(r.addresses)];
      reasons.push(
        addresses.length > 0
          ? {
              code: 'resolved',
              message: {
                ja: `${host} は現在 ${addresses.join('、')} に解決されます（過去の時点の解決結果ではありません）。`,
                en:
                  `${host} resolves now to ${addresses.join(', ')} ` +
                  `(not necessarily what it resolved to at the time).`,
              },
            }
          : {
              code: 'not_resolved',
              message: {
                ja: `${host} は解決できませんでした（${r.errors.map((e) => `${e.type}: ${e.code}`).join('、')}）。`,
                en: `${host} did not resolve (${r.errors.map((e) => `${e.type}: ${e.code}`).join(', ')}).`,
              },
            },
      );
    }
  }
  const answers = await answerWhom(
    uow,
    addresses.map((a) => ({ address: a, port: null, at: input.at ?? null })),
  );
  const summary = summarise(host, registration, answers);
  await uow.auditBy(caller, 'evidence.whom_domain_asked', ['domain', host], {
    host,
    registration: registration?.domain ?? null,
    addresses: addresses.slice(0, 20),
    holders: answers.flatMap((a) => (a.holder ? [a.holder.organisationId] : [])),
    caseId: input.caseId ?? null,
  });
  return { host, registration, resolver: { configured, servers }, addresses: answers, reasons, summary };
}

function summarise(
  host: string,
  registration: WhomDomainAnswer['registration'],
  answers: WhomDomainAnswer['addresses'],
): { ja: string; en: string } {
  const hosts = [...new Map(answers.flatMap((a) => (a.holder ? [[a.holder.organisationId, a.holder]] : []))).values()];
  const ja: string[] = [];
  const en: string[] = [];
  if (hosts.length > 0) {
    ja.push(`ホスティング事業者 ${hosts.map((h) => h.nameJa).join('、')} に運営者を照会できます。`);
    en.push(`Ask the hosting provider ${hosts.map((h) => h.nameEn).join(', ')} who operates the site.`);
  }
  if (registration?.registrar) {
    ja.push(`登録事業者（レジストラ）${registration.registrar} に登録者情報を照会できます。`);
    en.push(`Ask the registrar ${registration.registrar} for the registrant's details.`);
  }
  if (ja.length === 0) {
    ja.push(`${host} の照会先は決められません。登録情報の取込みか名前解決の設定が必要です。`);
    en.push(`Whom to ask about ${host} cannot be decided: import its registration or configure a resolver.`);
  }
  return { ja: ja.join(''), en: en.join(' ') };
}

export const ImportDomainsInput = z.strictObject({
  files: z
    .array(z.strictObject({ name: z.string().min(1).max(500), content: z.string().min(1).max(20_000_000) }))
    .min(1)
    .max(100),
});

export interface DomainImportSummary extends Pick<ParsedDomains, 'skipped' | 'problems' | 'problemsNotKept'> {
  file: string;
  sha256: string;
  domains: number;
}

/**
 * Imports saved RDAP domain answers. Every file is parsed before anything is stored; a file with no
 * domain object is refused naming it, and nothing is stored. A domain imported again is replaced.
 * Needs `registry.import`; one audit entry (`registry.domains_imported`) naming each file and count.
 */
export async function importDomainRegistrations(
  uow: UnitOfWork,
  caller: Caller,
  raw: unknown,
): Promise<DomainImportSummary[]> {
  requirePermission(caller, 'registry.import');
  const input = parseOrThrow(ImportDomainsInput, raw);
  const parsed = input.files.map((f, i) => {
    const p = parseRdapDomains(f.content);
    if (p.domains.length === 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `${f.name}: RDAP のドメイン情報が含まれていません（読み飛ばし ${p.skipped} 件${firstReasons(p.problems, 'ja')}）。何も取り込んでいません。`,
          en:
            `${f.name}: holds no RDAP domain object ` +
            `(${p.skipped} part(s) skipped${firstReasons(p.problems, 'en')}). Nothing was imported.`,
        },
        { field: `files.${i}.content`, value: f.name },
      );
    }
    return { file: f, parsed: p, sha256: createHash('sha256').update(f.content).digest('hex') };
  });
  const now = uow.now.toISOString();
  for (const { file, parsed: p, sha256 } of parsed) {
    await replaceDomainRegistrations(
      uow.tx,
      p.domains.map((d) => ({
        domain: d.domain,
        handle: d.handle,
        registrar: d.registrar,
        registrar_iana_id: d.registrarIanaId,
        registrant: d.registrant,
        registrant_country: d.registrantCountry,
        abuse: d.abuse,
        nameservers: JSON.stringify(d.nameservers),
        status: JSON.stringify(d.status),
        registered_at: d.registeredAt,
        expires_at: d.expiresAt,
        changed_at: d.changedAt,
        file_name: file.name,
        sha256,
        imported_at: now,
      })),
    );
  }
  const summaries = parsed.map(({ file, parsed: p, sha256 }) => ({
    file: file.name,
    sha256,
    domains: p.domains.length,
    skipped: p.skipped,
    problems: p.problems,
    problemsNotKept: p.problemsNotKept,
  }));
  await uow.auditBy(caller, 'registry.domains_imported', ['registry', null], {
    files: summaries.map((s) => ({ file: s.file, sha256: s.sha256, domains: s.domains, skipped: s.skipped })),
  });
  return summaries;
}
