import { z } from 'zod';
import { normaliseHostname } from '../../domain/targets.ts';
import { EntitySchema, eachRdapObject, findEntity, SkippedObjects, vcardValue } from '../registry/parse-rdap.ts';
import type { ParsedRegistryFile } from '../registry/types.ts';

// RFC 9083 §5.3 "domain" objects saved as JSON (one object, an array, or a `domainSearchResults`
// answer): the registrar and the registrant of a domain, its name servers, status and dates.

const DomainSchema = z.looseObject({
  objectClassName: z.literal('domain'),
  ldhName: z.string(),
  unicodeName: z.string().optional(),
  handle: z.string().optional(),
  status: z.array(z.string()).optional(),
  entities: z.array(EntitySchema).optional(),
  nameservers: z.array(z.looseObject({ ldhName: z.string().optional() })).optional(),
  events: z.array(z.looseObject({ eventAction: z.string(), eventDate: z.string().optional() })).optional(),
});

const PublicIdsSchema = z.looseObject({
  publicIds: z.array(z.looseObject({ type: z.string().optional(), identifier: z.string().optional() })).optional(),
});

export interface DomainRegistration {
  domain: string;
  handle: string | null;
  registrar: string | null;
  registrarIanaId: string | null;
  registrant: string | null;
  registrantCountry: string | null;
  abuse: string | null;
  nameservers: string[];
  status: string[];
  registeredAt: string | null;
  expiresAt: string | null;
  changedAt: string | null;
}

export interface ParsedDomains extends Pick<ParsedRegistryFile, 'problems' | 'problemsNotKept'> {
  domains: DomainRegistration[];
  /** Objects skipped, each with a reason in `problems` (the first MAX_PROBLEMS) or counted past them. */
  skipped: number;
}

/** The country of a vCard's `adr` (jCard: the country is the last member of the structured value), if any. */
function vcardCountry(vcardArray: unknown): string | null {
  if (!Array.isArray(vcardArray) || !Array.isArray(vcardArray[1])) return null;
  for (const p of vcardArray[1] as unknown[]) {
    if (!Array.isArray(p) || p[0] !== 'adr') continue;
    const params = p[1];
    if (params && typeof params === 'object' && 'cc' in params && typeof params.cc === 'string') return params.cc;
    const v = p[3];
    if (Array.isArray(v) && typeof v[6] === 'string' && v[6] !== '') return v[6];
  }
  return null;
}

/** Parses a saved RDAP answer; objects that are not domains are skipped, each with its reason in both languages. */
export function parseRdapDomains(text: string): ParsedDomains {
  const domains: DomainRegistration[] = [];
  const skipped = new SkippedObjects();
  eachRdapObject(text, ['domainSearchResults'], DomainSchema, 'domain', skipped, (d, i) => {
    const name = normaliseHostname(d.ldhName);
    if (typeof name !== 'string') {
      skipped.skip(i, name);
      return;
    }
    const registrar = findEntity(d.entities, 'registrar');
    const registrant = findEntity(d.entities, 'registrant');
    const abuse = findEntity(registrar?.entities ?? d.entities, 'abuse') ?? findEntity(d.entities, 'abuse');
    const event = (action: string) => d.events?.find((e) => e.eventAction === action)?.eventDate ?? null;
    const ids = PublicIdsSchema.safeParse(registrar);
    const iana = ids.success ? ids.data.publicIds?.find((p) => p.type === 'IANA Registrar ID')?.identifier : undefined;
    domains.push({
      domain: name,
      handle: d.handle ?? null,
      registrar: registrar ? (vcardValue(registrar.vcardArray, 'fn') ?? registrar.handle ?? null) : null,
      registrarIanaId: iana ?? null,
      registrant: registrant
        ? (vcardValue(registrant.vcardArray, 'org') ?? vcardValue(registrant.vcardArray, 'fn') ?? null)
        : null,
      registrantCountry: registrant ? vcardCountry(registrant.vcardArray) : null,
      abuse: abuse ? vcardValue(abuse.vcardArray, 'email') : null,
      nameservers: (d.nameservers ?? []).flatMap((n) => (n.ldhName ? [n.ldhName.toLowerCase()] : [])),
      status: d.status ?? [],
      registeredAt: event('registration'),
      expiresAt: event('expiration'),
      changedAt: event('last changed'),
    });
  });
  return { domains, skipped: skipped.count, ...skipped.problems.fields() };
}
