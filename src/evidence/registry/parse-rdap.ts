import { z } from 'zod';
import { whyNotJson } from '../../domain/json-keys.ts';
import { parseIsoInstant, TimeError } from '../../domain/time.ts';
import { describeIssues } from '../../domain/validation.ts';
import type { Bilingual } from '../../domain/vocabulary.ts';
import { addressToBigInt, HEADER_SYNTAX, parseAddress } from '../../net/address.ts';
import { notADate, type ParsedRegistryFile, Problems, type RegistryRange, registryDay } from './types.ts';

// RFC 9083 §5.4 "ip network" objects; only the members we use are checked, the rest pass through.
export type Entity = {
  roles?: string[] | undefined;
  handle?: string | undefined;
  vcardArray?: unknown;
  entities?: Entity[] | undefined;
};
export const EntitySchema: z.ZodType<Entity> = z.lazy(() =>
  z.looseObject({
    roles: z.array(z.string()).optional(),
    handle: z.string().optional(),
    vcardArray: z.unknown().optional(),
    entities: z.array(EntitySchema).optional(),
  }),
);

const IpNetworkSchema = z.looseObject({
  objectClassName: z.literal('ip network'),
  handle: z.string().optional(),
  startAddress: z.string(),
  endAddress: z.string(),
  ipVersion: z.string().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  country: z.string().optional(),
  port43: z.string().optional(),
  entities: z.array(EntitySchema).optional(),
  events: z.array(z.looseObject({ eventAction: z.string(), eventDate: z.string().optional() })).optional(),
  links: z.array(z.looseObject({ href: z.string().optional() })).optional(),
  arin_originas0_originautnums: z.array(z.number()).optional(),
});

const REGISTRY_BY_HOST: Array<[RegExp, string]> = [
  [/apnic\.net$/i, 'apnic'],
  [/arin\.net$/i, 'arin'],
  [/ripe\.net$/i, 'ripencc'],
  [/lacnic\.net$/i, 'lacnic'],
  [/afrinic\.net$/i, 'afrinic'],
  [/nic\.ad\.jp$/i, 'jpnic'],
];

function registryOf(
  port43: string | undefined,
  links: Array<{ href?: string | undefined }> | undefined,
): string | null {
  const hosts = [port43 ?? ''];
  for (const l of links ?? []) {
    try {
      if (l.href) hosts.push(new URL(l.href).host);
    } catch {
      /* not a URL */
    }
  }
  for (const h of hosts) for (const [re, name] of REGISTRY_BY_HOST) if (re.test(h)) return name;
  return null;
}

/** A vCard property's text value (jCard, RFC 7095): `["fn", {}, "text", "Example K.K."]`. */
export function vcardValue(vcardArray: unknown, prop: string): string | null {
  if (!Array.isArray(vcardArray) || !Array.isArray(vcardArray[1])) return null;
  for (const p of vcardArray[1] as unknown[]) {
    if (Array.isArray(p) && p[0] === prop && typeof p[3] === 'string' && p[3] !== '') return p[3];
  }
  return null;
}

export function findEntity(entities: Entity[] | undefined, role: string, depth = 0): Entity | null {
  if (!entities || depth > 4) return null;
  for (const e of entities) if (e.roles?.includes(role)) return e;
  for (const e of entities) {
    const inner = findEntity(e.entities, role, depth + 1);
    if (inner) return inner;
  }
  return null;
}

/** A saved answer's objects: the array itself, the list under the first of `listKeys` it has, or the one object. */
function objectsOf(json: unknown, listKeys: readonly string[]): unknown[] {
  if (Array.isArray(json)) return json;
  if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    for (const key of listKeys) {
      const list = o[key];
      if (Array.isArray(list)) return list;
    }
  }
  return [json];
}

/** The objects of a saved RDAP answer that were skipped: how many, and why (the first MAX_PROBLEMS reasons). */
export class SkippedObjects {
  readonly problems = new Problems();
  count = 0;
  /** Objects are counted from 1 as a person counts them (the first object of the file is object 1). */
  skip(index: number, why: Bilingual): void {
    this.count++;
    this.problems.add({ ja: `${index + 1} 番目のオブジェクト: ${why.ja}`, en: `object ${index + 1}: ${why.en}` });
  }
}

/**
 * Visits the `kind` objects (by `schema`) of a saved RDAP answer — one object, an array, or a search answer whose
 * list is under one of `listKeys` — in order, with their index; every other object is skipped with its reason.
 * Text that is not JSON is skipped whole, as one object.
 */
export function eachRdapObject<T>(
  text: string,
  listKeys: readonly string[],
  schema: z.ZodType<T>,
  kind: string,
  skipped: SkippedObjects,
  visit: (object: T, index: number) => void,
): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    skipped.count++;
    const why = whyNotJson(text, err);
    skipped.problems.add({ ja: `JSON として読めません（${why.ja}）`, en: `not JSON (${why.en})` });
    return;
  }
  for (const [i, obj] of objectsOf(json, listKeys).entries()) {
    const r = schema.safeParse(obj);
    if (r.success) {
      visit(r.data, i);
      continue;
    }
    const [issue] = describeIssues(r.error);
    const field = issue?.field ? `${issue.field}: ` : '';
    skipped.skip(i, {
      ja: `RDAP の ${kind} ではありません（${field}${issue?.message.ja ?? '値が不正です'}）`,
      en: `not an RDAP ${kind} (${field}${issue?.message.en ?? 'invalid'})`,
    });
  }
}

/**
 * An event's date as a record date: the instant in UTC with milliseconds when it is written with its
 * offset (RFC 9083 §4.5: RFC 3339; ARIN writes `-05:00`), so that a change just after the instant
 * asked about is seen as after it; the day alone when no offset is written (a day in an unstated zone,
 * compared as any zone's day); null when it is no calendar date.
 */
function eventInstant(written: string): { date: string | null; withoutOffset: boolean } {
  try {
    return { date: parseIsoInstant(written).utc, withoutOffset: false };
  } catch (err) {
    const day = /^(\d{4})-(\d{2})-(\d{2})(T|$)/.exec(written);
    const date = day ? registryDay(day[1] ?? '', day[2] ?? '', day[3] ?? '') : null;
    // a time with an offset that is not a time (hour 25) is no date; a time without one is its day
    const noOffset = err instanceof TimeError && err.code === 'INSTANT_WITHOUT_OFFSET';
    if (day?.[4] === 'T' && !noOffset) return { date: null, withoutOffset: false };
    return { date, withoutOffset: date !== null && noOffset };
  }
}

/**
 * An RDAP start or end address. The RIPE NCC's RDAP has written IPv6 ones as a full-length prefix
 * (`"startAddress": "2001:67c:4e8::/128"`): a /128 (IPv6) or /32 (IPv4) prefix is that one address;
 * any other length is no address.
 */
function rdapAddress(written: string): ReturnType<typeof parseAddress> {
  const full = /^(.*)\/(128|32)$/.exec(written.trim());
  const a = parseAddress(full ? (full[1] ?? '') : written, HEADER_SYNTAX);
  if (a && full && (a.family === 6 ? '128' : '32') !== full[2]) return null;
  return a;
}

/** RDAP `ip network` objects saved as JSON: one object, an array, or an `ipSearchResults` answer. */
export function parseRdap(text: string): ParsedRegistryFile {
  const ranges: RegistryRange[] = [];
  const skipped = new SkippedObjects();
  let latest: string | null = null;
  eachRdapObject(text, ['ipSearchResults', 'networks'], IpNetworkSchema, 'ip network', skipped, (o, i) => {
    const a = rdapAddress(o.startAddress);
    const b = rdapAddress(o.endAddress);
    if (!a || !b || a.family !== b.family) {
      skipped.skip(i, {
        ja: `startAddress と endAddress が同じ種類の IP アドレスではありません: "${o.startAddress}"、"${o.endAddress}"`,
        en: `startAddress and endAddress are not IP addresses of one family: "${o.startAddress}", "${o.endAddress}"`,
      });
      return;
    }
    const start = addressToBigInt(a);
    const end = addressToBigInt(b);
    if (end < start) {
      skipped.skip(i, {
        ja: `endAddress "${o.endAddress}" が startAddress "${o.startAddress}" より前です`,
        en: `endAddress "${o.endAddress}" is before startAddress "${o.startAddress}"`,
      });
      return;
    }
    const registrant = findEntity(o.entities, 'registrant');
    const abuse = findEntity(o.entities, 'abuse');
    const changed =
      o.events?.find((e) => e.eventAction === 'last changed') ??
      o.events?.find((e) => e.eventAction === 'registration');
    const written = changed?.eventDate;
    const event = written === undefined ? null : eventInstant(written);
    const recordDate = event?.date ?? null;
    if (written !== undefined && recordDate === null) {
      const why = notADate(written);
      skipped.problems.add({ ja: `${i + 1} 番目のオブジェクト: ${why.ja}`, en: `object ${i + 1}: ${why.en}` });
    } else if (event?.withoutOffset) {
      skipped.problems.add({
        ja: `${i + 1} 番目のオブジェクト: 日時 "${written}" に UTC からの時差がありません。日付（${recordDate}）だけを取り込みました`,
        en: `object ${i + 1}: the time "${written}" has no UTC offset; only its day (${recordDate}) was kept`,
      });
    }
    // the registration apart from the last change (which any contact edit moves): what dates a transfer
    const registration = o.events?.find((e) => e.eventAction === 'registration')?.eventDate;
    const registered = registration === undefined ? null : eventInstant(registration).date;
    if (registration !== undefined && registered === null && changed?.eventDate !== registration) {
      skipped.problems.add({
        ja: `${i + 1} 番目のオブジェクト: 登録日 "${registration}" は暦の上の日時ではありません。登録日なしとして取り込みました`,
        en: `object ${i + 1}: the registration "${registration}" is not a calendar date; it was not kept`,
      });
    }
    const recordDay = recordDate?.slice(0, 10) ?? null;
    if (recordDay && (latest === null || recordDay > latest)) latest = recordDay;
    ranges.push({
      family: a.family,
      start,
      end,
      registry: registryOf(o.port43, o.links),
      country: o.country && /^[A-Za-z]{2}$/.test(o.country) ? o.country.toUpperCase() : null,
      status: o.type ?? null,
      holder: (registrant ? vcardValue(registrant.vcardArray, 'fn') : null) ?? o.name ?? null,
      handle: o.handle ?? null,
      abuse: abuse ? (vcardValue(abuse.vcardArray, 'email') ?? abuse.handle ?? null) : null,
      asns: o.arin_originas0_originautnums ?? [],
      opaqueId: null,
      recordDate,
      ...(registered !== null ? { registeredDate: registered } : {}),
    });
  });
  return {
    format: 'rdap',
    registry: null,
    dataDate: latest,
    ranges,
    asns: [],
    skipped: skipped.count,
    ...skipped.problems.fields(),
  };
}
