import { createHash, X509Certificate } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { isLoopbackHost } from '../domain/host-names.ts';
import { repeatedKeyPath } from '../domain/json-keys.ts';
import type { Bilingual } from '../domain/vocabulary.ts';

// How the provider's installation reaches a hub: TLS only, with the hub's certificate pinned (the
// SHA-256 of its public key, SPKI, or of the whole certificate), mutual TLS when the hub asks for it,
// and plain HTTP refused unless the hub is on this machine's loopback AND the configuration says so
// (the tests). The result is a `fetch` the typed client uses, so every call of the agent goes here.
// What the hub answers in JSON is read here once more for a key repeated within one object: JSON.parse
// keeps the last value silently, so the installation and a person reading the hub's answer elsewhere
// could take it two ways; the hub refuses such texts at its own door, and the installation refuses them
// from the hub (src/domain/json-keys.ts).

export const TRANSPORT_REFUSALS = {
  plain_http: {
    ja: 'ハブへの接続は TLS（https）のみです。平文の http はループバックの試験時だけ許されます',
    en: 'the hub is reached over TLS (https) only; plain http is allowed on loopback in tests only',
  },
  not_pinned: {
    ja: 'ハブの証明書が固定されていません（設定の hub.pins に SPKI または証明書の SHA-256 を書いてください）',
    en: "the hub's certificate is not pinned (write its SPKI or certificate SHA-256 in hub.pins)",
  },
  pin_mismatch: {
    ja: 'ハブの証明書が固定したものと一致しません（接続を拒否しました）',
    en: "the hub's certificate does not match the pin (connection refused)",
  },
  bad_pin: {
    ja: '証明書の固定値の形式が不正です（sha256/<base64> または cert-sha256/<hex>）',
    en: 'a certificate pin is malformed (sha256/<base64> or cert-sha256/<hex>)',
  },
  repeated_key: {
    ja: 'ハブの応答の JSON で、同じまとまりの中に同じ項目が2回あります（読み手によってどちらの値とも取れるため、受け取りません）',
    en: "the hub's JSON answer has the same key twice in one object (readers could take either value): not accepted",
  },
  too_large: {
    ja: 'ハブの応答が上限を超えて大きいため、読むのをやめました（接続を切りました）',
    en: "the hub's answer was larger than the limit: reading stopped (connection closed)",
  },
  too_slow: {
    ja: 'ハブの応答が時間内に終わりませんでした（接続を切りました）',
    en: "the hub's answer did not end in time (connection closed)",
  },
} satisfies Record<string, Bilingual>;
export type TransportRefusal = keyof typeof TRANSPORT_REFUSALS;

export class TransportError extends Error {
  override name = 'TransportError';
  readonly reason: TransportRefusal;
  readonly bilingual: Bilingual;
  constructor(reason: TransportRefusal, detail?: string) {
    super(`${TRANSPORT_REFUSALS[reason].en}${detail ? `: ${detail}` : ''}`);
    this.reason = reason;
    this.bilingual = TRANSPORT_REFUSALS[reason];
  }
}

export interface HubTransportOptions {
  /** The hub's base URL (https://…). */
  url: string;
  /** `sha256/<base64 of SHA-256 of the DER SPKI>` (as HPKP wrote it) or `cert-sha256/<hex of the DER certificate>`. */
  pins: readonly string[];
  /** PEM trust anchors for the hub's certificate (its private CA); the system's when absent. */
  ca?: string;
  /** Mutual TLS: the installation's client certificate and key (PEM). */
  clientCert?: { cert: string; key: string };
  /** Allows http:// to a loopback address (tests only). */
  allowLoopbackHttp?: boolean;
  /** Gives up on a call after this long without a byte (default 30 s). */
  timeoutMs?: number;
  /**
   * The most one answer may carry (default 256 MiB: the directory, a sealed file of 10 MiB as base64); a hub
   * that sends more is cut off, not read into memory until the process dies.
   */
  maxBodyBytes?: number;
  /** The longest one call may take in all, however steadily the hub sends (default 10 minutes). */
  deadlineMs?: number;
}

const MAX_BODY_BYTES = 256 * 1024 * 1024;
const DEADLINE_MS = 10 * 60_000;

/** The body of an answer, read no further than `max` bytes and no longer than until `deadline` (epoch ms). */
async function readBody(res: IncomingMessage, max: number, deadline: number): Promise<Buffer> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    res.destroy();
    throw new TransportError('too_large', `${declared} bytes`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const late = setTimeout(() => res.destroy(new TransportError('too_slow')), Math.max(0, deadline - Date.now()));
  try {
    for await (const c of res) {
      total += (c as Buffer).length;
      if (total > max) {
        res.destroy();
        throw new TransportError('too_large', `more than ${max} bytes`);
      }
      chunks.push(c as Buffer);
    }
  } finally {
    clearTimeout(late);
  }
  return Buffer.concat(chunks, total);
}

/** The pin of a certificate's public key: `sha256/` and the base64 SHA-256 of its DER SPKI. */
export function spkiPin(certificatePem: string): string {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256/${createHash('sha256').update(spki).digest('base64')}`;
}

/** The pin of a whole certificate: `cert-sha256/` and the hex SHA-256 of its DER form. */
export function certificatePin(certificatePem: string): string {
  return `cert-sha256/${createHash('sha256').update(new X509Certificate(certificatePem).raw).digest('hex')}`;
}

function checkPins(pins: readonly string[]): void {
  if (pins.length === 0) throw new TransportError('not_pinned');
  for (const p of pins) {
    if (!/^sha256\/[A-Za-z0-9+/]{43}=$/.test(p) && !/^cert-sha256\/[0-9a-f]{64}$/.test(p)) {
      throw new TransportError('bad_pin', p);
    }
  }
}

function peerMatches(cert: PeerCertificate, pins: readonly string[]): boolean {
  if (!cert.raw) return false;
  const x = new X509Certificate(cert.raw);
  const spki = createHash('sha256')
    .update(x.publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
  const whole = createHash('sha256').update(x.raw).digest('hex');
  return pins.includes(`sha256/${spki}`) || pins.includes(`cert-sha256/${whole}`);
}

/**
 * Whether a hub URL could ever be reached: https, or http to this machine's loopback (which only a test
 * configuration allows). For `agent init`, which refuses any other before it writes a key.
 */
export function hubUrlRefusal(text: string): TransportError | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return new TransportError('plain_http', text);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return null;
  return new TransportError('plain_http', url.origin);
}

/** Checks the options without connecting: TLS (or loopback http in tests) and at least one pin. */
export function checkHubUrl(options: HubTransportOptions): URL {
  const url = new URL(options.url);
  if (url.protocol === 'http:') {
    if (!options.allowLoopbackHttp || !isLoopbackHost(url.hostname)) throw new TransportError('plain_http', url.origin);
    return url;
  }
  if (url.protocol !== 'https:') throw new TransportError('plain_http', url.origin);
  checkPins(options.pins);
  return url;
}

/** A JSON answer of the hub that repeats a key within one object is refused, naming the key's path. */
function refuseRepeatedKeys(contentType: string | null, bytes: Buffer): void {
  if (!contentType || !/\bjson\b/i.test(contentType)) return;
  const text = bytes.toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    return; // not JSON at all: the typed client says so, as it would without this check
  }
  const path = repeatedKeyPath(text);
  if (path) throw new TransportError('repeated_key', path.join('.'));
}

export type Fetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** A long-lived GET (server-sent events) on the same pinned connection settings: text as it arrives. */
export type Stream = (
  path: string,
  headers: Record<string, string>,
  onText: (text: string) => void,
  onEnd: (error?: Error) => void,
) => { close(): void };

/** A fetch that talks to the hub only, over pinned TLS; any other origin is refused. */
export function hubFetch(options: HubTransportOptions): Fetch & { close(): void; stream: Stream } {
  const base = checkHubUrl(options);
  const tls = base.protocol === 'https:';
  const pins = [...options.pins];
  const agent = tls
    ? new Agent({
        keepAlive: true,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.clientCert ? { cert: options.clientCert.cert, key: options.clientCert.key } : {}),
        rejectUnauthorized: true,
        checkServerIdentity(host: string, cert: PeerCertificate) {
          const err = checkServerIdentity(host, cert);
          if (err) return err;
          return peerMatches(cert, pins) ? undefined : new TransportError('pin_mismatch', host);
        },
      })
    : new HttpAgent({ keepAlive: true });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const deadlineMs = options.deadlineMs ?? DEADLINE_MS;

  const f = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url);
    if (url.origin !== base.origin) throw new TransportError('pin_mismatch', url.origin);
    const body = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => {
      headers[k] = v;
    });
    if (body) headers['content-length'] = String(body.length);
    const deadline = Date.now() + deadlineMs;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      const send = tls ? httpsRequest : httpRequest;
      const r = send(url, { method: req.method, headers, agent, timeout: timeoutMs }, resolve);
      r.on('timeout', () =>
        r.destroy(Object.assign(new Error(`no answer from the hub within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      );
      r.on('error', reject);
      r.end(body);
    });
    const bytes = await readBody(res, maxBody, deadline);
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (Array.isArray(v)) for (const x of v) out.append(k, x);
      else if (v !== undefined) out.set(k, v);
    }
    const status = res.statusCode ?? 0;
    const noBody = status === 204 || status === 304 || req.method === 'HEAD';
    if (!noBody) refuseRepeatedKeys(out.get('content-type'), bytes);
    return new Response(noBody ? null : bytes, { status, headers: out });
  };
  const stream: Stream = (path, headers, onText, onEnd) => {
    const send = tls ? httpsRequest : httpRequest;
    let ended = false;
    const end = (e?: Error) => {
      if (ended) return;
      ended = true;
      onEnd(e);
    };
    const r = send(new URL(path, base), { method: 'GET', headers, agent }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        end(new Error(`the hub answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (t: string) => onText(t));
      res.on('end', () => end());
      res.on('error', end);
    });
    r.on('error', end);
    r.end();
    return {
      close: () => {
        ended = true;
        r.destroy();
      },
    };
  };
  return Object.assign(f, { close: () => agent.destroy(), stream });
}
