import type { DNSResolver } from 'mailauth';
import type { DnsRecords } from './dns-records.ts';

// The resolver SPF and DMARC are handed: it answers from the records the analyst supplied and nothing else.
// A question the records do not answer is "not supplied": the resolver notes it, throws an error mailauth
// takes as a DNS failure (temperror), and never queries.

const NOT_SUPPLIED = 'ENOTSUPPLIED';

/**
 * Whether mailauth is asking for an `exp=` explanation (RFC 7208 §6.2): it does so through its function
 * `expResolver`, after the result is decided, so a name asked for only there is not one the result needed.
 * A test holds this to the mailauth in use (an explanation's name never shows among the missing).
 */
function explanationLookup(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 20;
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder);
  Error.stackTraceLimit = limit;
  return holder.stack?.includes('expResolver') ?? false;
}

/**
 * The supplied answer to a question in the shape mailauth takes (TXT: each record's strings; A, AAAA,
 * PTR: strings; MX: `{ exchange, priority }` as node:dns gives it); an empty list: NONE (the name has no
 * record of the type); undefined: not supplied.
 */
function answer(records: DnsRecords, name: string, type: string): readonly unknown[] | undefined {
  switch (type) {
    case 'TXT': {
      const key = records.keys.get(name);
      return records.txt.get(name)?.map((r) => [r]) ?? (key !== undefined ? [[key]] : undefined);
    }
    case 'A':
      return records.a.get(name);
    case 'AAAA':
      return records.aaaa.get(name);
    case 'MX':
      return records.mx.get(name)?.map((m) => ({ exchange: m.exchange, priority: m.preference }));
    case 'PTR':
      return records.ptr.get(name);
    default:
      return undefined;
  }
}

/**
 * SPF's client address family. mailauth's `a` and `mx` ask for a name's A and AAAA records together
 * (its dual-stack lookup) and use only the client's family: the other family's answer decides nothing but
 * whether the lookup was void (both families empty), which counts toward the limit of two void lookups.
 * Such a question not supplied is noted in `otherFamily`, not `missing`, and answered as refused (the
 * name taken to have records: no void lookup), or with `otherFamilyNone` as NONE (a void lookup):
 * checkSpf evaluates both ways and reports the names only when the verdict differs. An IPv6 client's
 * `exists` asks for A records too; refused, it leaves the evaluation a temperror that the other way does
 * not, so the name is reported then as well.
 */
export interface ClientFamily {
  family: 4 | 6;
  otherFamily: Set<string>;
  otherFamilyNone: boolean;
}

/**
 * A resolver over the supplied records; every other question is noted in `missing` as `name (TYPE)`
 * (unless asked for an SPF explanation only, or set apart by `client`) and refused. `asked` gets each TXT
 * name asked for, in order.
 */
export function suppliedResolver(
  records: DnsRecords,
  missing: Set<string>,
  asked: string[] = [],
  client?: ClientFamily,
): DNSResolver {
  // After a PTR record not supplied, what the evaluation asks may follow from the gap (`%{p}` expands to
  // "unknown", a `ptr` term matches nothing): it is not noted, as mailauth stops at any other gap.
  let afterPtrGap = false;
  return async (name: string, rrtype: string) => {
    const n = name.toLowerCase().replace(/\.$/, '');
    const type = rrtype.toUpperCase();
    if (type === 'TXT') asked.push(n);
    if (records.nxdomain.has(n)) {
      // NXDOMAIN in the records: the name does not exist (a void lookup; DMARC's existence test: absent).
      const gone = new Error(`${n} does not exist (NXDOMAIN supplied)`) as Error & { code: string };
      gone.code = 'ENOTFOUND';
      throw gone;
    }
    const held = answer(records, n, type);
    // MX answers are objects, not the strings mailauth's type declares for every answer.
    if (held !== undefined && held.length > 0) return held as string[];
    const err = new Error(`no ${type} record supplied for ${n}`) as Error & { code: string };
    // NONE in the records: the analyst says the name has no such record (a void lookup, as DNS's NODATA).
    err.code = held !== undefined ? 'ENODATA' : NOT_SUPPLIED;
    if (held !== undefined) throw err;
    if (client !== undefined && type === (client.family === 4 ? 'AAAA' : 'A')) {
      if (!afterPtrGap) client.otherFamily.add(`${n} (${type})`);
      if (client.otherFamilyNone) err.code = 'ENODATA';
    } else if (!afterPtrGap && !explanationLookup()) {
      missing.add(`${n} (${type})`);
      afterPtrGap = type === 'PTR';
    }
    throw err;
  };
}
