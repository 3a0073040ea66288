// Deterministic NAT (RFC 7422): the mapping inside address ↔ public address and port block is
// computed from a configuration valid over a period, not logged.
//
// Algorithm (documented in docs/attribution.md): inside addresses are numbered i = 0…N−1 in
// address order; outside addresses k = 0…M−1 in the order given (prefixes expanded); each outside
// address carries B = floor((65536 − firstPort) / portsPerSubscriber) blocks. Subscriber i uses
// outside address k = floor(i / B) and ports firstPort + (i mod B)·pps … firstPort + (i mod B + 1)·pps − 1.
import { z } from 'zod';
import { LOG_SYNTAX } from '../net/address.ts';
import { parseCidr } from '../net/cidr.ts';
import { NOT_A_LOG, parseInstant } from './time.ts';

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

export const NatConfigFileSchema = z.union([
  ConfigSchema,
  z.array(ConfigSchema),
  z.object({ configs: z.array(ConfigSchema) }),
]);

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

export class NatConfigError extends Error {
  override name = 'NatConfigError';
}

function v4Prefix(text: string, field: string): { base: number; count: number } {
  const p = parseCidr(text, LOG_SYNTAX);
  if (!p) throw new NatConfigError(`${field}: not an IPv4 address or prefix: "${text}"`);
  if (p.address.family !== 4) throw new NatConfigError(`${field}: deterministic NAT is IPv4 only: "${text}"`);
  return { base: p.address.v4, count: 2 ** (32 - p.length) };
}

export function parseNatConfigs(json: unknown): NatConfig[] {
  const parsed = NatConfigFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new NatConfigError(`field ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const list = Array.isArray(parsed.data)
    ? parsed.data
    : 'configs' in parsed.data
      ? parsed.data.configs
      : [parsed.data];
  return list.map((c, idx) => {
    const at = `configs[${idx}] (${c.name})`;
    const inside = v4Prefix(c.insidePrefix, `${at}.insidePrefix`);
    const outside: number[] = [];
    for (const o of c.outside) {
      const p = v4Prefix(o, `${at}.outside`);
      for (let i = 0; i < p.count; i++) outside.push(p.base + i);
    }
    const B = Math.floor((65536 - c.firstPort) / c.portsPerSubscriber);
    if (B < 1)
      throw new NatConfigError(
        `${at}: portsPerSubscriber ${c.portsPerSubscriber} leaves no block above firstPort ${c.firstPort}`,
      );
    if (inside.count > outside.length * B) {
      throw new NatConfigError(
        `${at}: ${inside.count} inside addresses need ${Math.ceil(inside.count / B)} outside addresses, ${outside.length} given`,
      );
    }
    let validFrom: number;
    let validTo: number | null;
    try {
      validFrom = parseInstant(c.validFrom, NOT_A_LOG);
      validTo = c.validTo ? parseInstant(c.validTo, NOT_A_LOG) : null;
    } catch (err) {
      throw new NatConfigError(`${at}.validFrom/validTo: ${(err as Error).message}`);
    }
    if (validTo !== null && validTo <= validFrom) throw new NatConfigError(`${at}.validTo: not after validFrom`);
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
