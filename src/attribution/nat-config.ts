// Deterministic NAT (RFC 7422): the mapping inside address ↔ public address and port block is
// computed from a configuration valid over a period, not logged.
//
// Algorithm (documented in docs/attribution.md): inside addresses are numbered i = 0…N−1 in
// address order; outside addresses k = 0…M−1 in the order given (prefixes expanded); each outside
// address carries B = floor((65536 − firstPort) / portsPerSubscriber) blocks. Subscriber i uses
// outside address k = floor(i / B) and ports firstPort + (i mod B)·pps … firstPort + (i mod B + 1)·pps − 1.
import { z } from 'zod';
import { describeIssues } from '../domain/validation.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { LOG_SYNTAX } from '../net/address.ts';
import { parseCidrAligned } from '../net/cidr.ts';
import { REFUSED } from './model.ts';
import { NOT_A_LOG, parseInstant, TimeError } from './time.ts';

const ConfigSchema = z
  .object({
    name: z.string().min(1),
    insidePrefix: z.string(),
    outside: z.array(z.string()).min(1),
    portsPerSubscriber: z.number().int().min(1).max(65536),
    firstPort: z.number().int().min(0).max(65535),
    validFrom: z.string(),
    validTo: z.string().nullable().optional(),
  })
  .strict();

type ConfigEntry = z.output<typeof ConfigSchema>;

/** A file holds one configuration, a list of them, or `{ "configs": [...] }`: each read as the list. */
const ConfigListSchema = z.array(ConfigSchema);
const ConfigsObjectSchema = z.object({ configs: ConfigListSchema }).transform((o) => o.configs);
const LoneConfigSchema = ConfigSchema.transform((c) => [c]);

export interface NatConfig {
  name: string;
  insideBase: number;
  insideCount: number;
  outside: number[];
  portsPerSubscriber: number;
  firstPort: number;
  validFrom: number;
  /** null: still in force. */
  validTo: number | null;
}

/** What is wrong with a configuration file, in Japanese and English (`message` is the English). */
export class NatConfigError extends Error {
  override name = 'NatConfigError';
  readonly ja: string;
  readonly en: string;
  constructor(text: Bilingual) {
    super(text.en);
    this.ja = text.ja;
    this.en = text.en;
  }
}

/** `where: words`, the place as the file names it (a JSON path such as `configs[0].outside`). */
function refusal(where: string | Bilingual, words: Bilingual): NatConfigError {
  const place = typeof where === 'string' ? { ja: where, en: where } : where;
  return new NatConfigError({ ja: `${place.ja}: ${words.ja}`, en: `${place.en}: ${words.en}` });
}

function v4Prefix(text: string, field: string): { base: number; count: number } {
  const p = parseCidrAligned(text, LOG_SYNTAX);
  if (!p) {
    throw refusal(field, {
      ja: `IPv4 アドレスまたはプレフィックスではありません: "${text}"`,
      en: `not an IPv4 address or prefix: "${text}"`,
    });
  }
  const { address, length } = p.cidr;
  if (address.family !== 4) {
    throw refusal(field, {
      ja: `決定論的 NAT は IPv4 のみです: "${text}"`,
      en: `deterministic NAT is IPv4 only: "${text}"`,
    });
  }
  // masked, 100.65.0.77/24 would number every subscriber of another block (or of one too wide)
  if (!p.aligned) throw refusal(field, REFUSED.misaligned(text, p, true));
  return { base: address.v4, count: 2 ** (32 - length) };
}

/**
 * The file's shape chooses its schema, so that a refusal names the field (a union would say only that the
 * file matches none of its shapes); `list` is its configurations as given, to name one in a refusal.
 */
function shapeOf(json: unknown): { schema: z.ZodType<ConfigEntry[]>; list: unknown } {
  if (Array.isArray(json)) return { schema: ConfigListSchema, list: json };
  if (typeof json === 'object' && json !== null && 'configs' in json) {
    return { schema: ConfigsObjectSchema, list: json.configs };
  }
  return { schema: LoneConfigSchema, list: null };
}

/**
 * Where in the file a schema's issue is, named as the other refusals name it: `configs[0] (det-1).firstPort`
 * (the configuration's name when it has one), a field of a lone configuration by its name, the file as a
 * whole in words.
 */
function placeOf(path: ReadonlyArray<PropertyKey>, list: unknown): string | Bilingual {
  const rest = path[0] === 'configs' ? path.slice(1) : path;
  const [index, ...inside] = rest;
  if (typeof index === 'number' && Array.isArray(list)) {
    const item: unknown = list[index];
    const name =
      typeof item === 'object' && item !== null && 'name' in item && typeof item.name === 'string'
        ? ` (${item.name})`
        : '';
    return `configs[${index}]${name}${inside.map((p) => `.${String(p)}`).join('')}`;
  }
  return rest.length > 0 ? rest.map(String).join('.') : { ja: 'ファイル全体', en: 'the file' };
}

export function parseNatConfigs(json: unknown): NatConfig[] {
  const { schema, list } = shapeOf(json);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    const [words] = describeIssues(parsed.error);
    throw refusal(placeOf(first?.path ?? [], list), words?.message ?? { ja: '値が不正です', en: 'invalid' });
  }
  return parsed.data.map((c, idx) => {
    const at = `configs[${idx}] (${c.name})`;
    const inside = v4Prefix(c.insidePrefix, `${at}.insidePrefix`);
    const outside: number[] = [];
    for (const o of c.outside) {
      const p = v4Prefix(o, `${at}.outside`);
      for (let i = 0; i < p.count; i++) outside.push(p.base + i);
    }
    const B = Math.floor((65536 - c.firstPort) / c.portsPerSubscriber);
    if (B < 1) {
      throw refusal(at, {
        ja: `portsPerSubscriber ${c.portsPerSubscriber} では firstPort ${c.firstPort} より上にポートの区画が残りません`,
        en: `portsPerSubscriber ${c.portsPerSubscriber} leaves no block above firstPort ${c.firstPort}`,
      });
    }
    if (inside.count > outside.length * B) {
      const need = Math.ceil(inside.count / B);
      throw refusal(at, {
        ja: `内側のアドレス ${inside.count} 個には外側のアドレスが ${need} 個必要ですが、${outside.length} 個です`,
        en: `${inside.count} inside addresses need ${need} outside addresses, ${outside.length} given`,
      });
    }
    let validFrom: number;
    let validTo: number | null;
    try {
      validFrom = parseInstant(c.validFrom, NOT_A_LOG);
      validTo = c.validTo ? parseInstant(c.validTo, NOT_A_LOG) : null;
    } catch (err) {
      if (!(err instanceof TimeError)) throw err;
      throw refusal(`${at}.validFrom/validTo`, err);
    }
    if (validTo !== null && validTo <= validFrom) {
      throw refusal(`${at}.validTo`, { ja: 'validFrom より後ではありません', en: 'not after validFrom' });
    }
    return {
      name: c.name,
      insideBase: inside.base,
      insideCount: inside.count,
      outside,
      portsPerSubscriber: c.portsPerSubscriber,
      firstPort: c.firstPort,
      validFrom,
      validTo,
    };
  });
}

/** The inside address and port block for public address:port under a configuration, or null. */
export function deterministicInside(
  c: NatConfig,
  pub: number,
  port: number,
): { inside: number; plo: number; phi: number } | null {
  const k = c.outside.indexOf(pub);
  if (k < 0 || port < c.firstPort) return null;
  const B = Math.floor((65536 - c.firstPort) / c.portsPerSubscriber);
  const j = Math.floor((port - c.firstPort) / c.portsPerSubscriber);
  if (j >= B) return null;
  const i = k * B + j;
  if (i >= c.insideCount) return null;
  const plo = c.firstPort + j * c.portsPerSubscriber;
  return { inside: c.insideBase + i, plo, phi: plo + c.portsPerSubscriber - 1 };
}

/** Every inside address using a public address under a configuration (a query without a port). */
export function deterministicInsidesOf(c: NatConfig, pub: number): Array<{ inside: number; plo: number; phi: number }> {
  const k = c.outside.indexOf(pub);
  if (k < 0) return [];
  const B = Math.floor((65536 - c.firstPort) / c.portsPerSubscriber);
  const out: Array<{ inside: number; plo: number; phi: number }> = [];
  for (let j = 0; j < B; j++) {
    const i = k * B + j;
    if (i >= c.insideCount) break;
    const plo = c.firstPort + j * c.portsPerSubscriber;
    out.push({ inside: c.insideBase + i, plo, phi: plo + c.portsPerSubscriber - 1 });
  }
  return out;
}
