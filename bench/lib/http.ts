// A small keep-alive HTTP/1.1 JSON client for load generation (node:http, one Agent = one pool of
// sockets). Lighter than fetch per call, so the load generator leaves more CPU to the server.
import { Agent, request } from 'node:http';

/** A reply: its status and its parsed JSON body (the text when it is not JSON); `T` is what the caller expects. */
export interface Reply<T = unknown> {
  status: number;
  body: T;
}

/** A string field of a JSON object body; undefined when the body is not an object or the field not a string. */
export function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

export class JsonClient {
  readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, sockets: number) {
    const u = new URL(baseUrl);
    if (u.hostname !== '127.0.0.1') throw new Error(`the benchmark only talks to 127.0.0.1, not ${u.hostname}`);
    this.host = u.hostname;
    this.port = Number(u.port);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, scheduling: 'lifo' });
  }

  /** One call; resolves with the status and the parsed JSON body (or the text when it is not JSON). */
  call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    timeoutMs = 30_000,
  ): Promise<Reply<T>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // not JSON
            }
            resolve({ status: res.statusCode ?? 0, body: parsed as T });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`timeout after ${timeoutMs} ms: ${method} ${path}`)));
      req.on('error', reject);
      if (payload) req.end(payload);
      else req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Latency samples (ms) of one call type; percentiles by sorting at the end. */
export class Samples {
  private values: number[] = [];
  count = 0;
  push(ms: number): void {
    this.values.push(ms);
    this.count++;
  }
  summary(): { count: number; p50: number; p99: number; max: number; mean: number } {
    const v = Float64Array.from(this.values).sort();
    const at = (q: number) => (v.length ? v[Math.min(v.length - 1, Math.max(0, Math.ceil(q * v.length) - 1))]! : 0);
    const mean = v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0;
    return {
      count: v.length,
      p50: round(at(0.5)),
      p99: round(at(0.99)),
      max: round(v.length ? v[v.length - 1]! : 0),
      mean: round(mean),
    };
  }
  merge(other: Samples): void {
    for (const x of other.values) this.push(x);
  }
}

export const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export async function cpuSecondsOf(pid: number): Promise<number | null> {
  try {
    const { readFile } = await import('node:fs/promises');
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}
