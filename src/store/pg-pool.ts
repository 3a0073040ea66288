import pg from 'pg';
import { DomainError } from '../domain/errors.ts';
import { visibleText } from '../domain/shown-text.ts';
import type { StoreLocation } from './location.ts';

// PostgreSQL returns int8 as strings by default; our counters and epoch values fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/**
 * Open a pg Pool for a location; with a schema, the schema is created if missing and every
 * connection's search_path points at it. Fails with a clear message if the server cannot be reached.
 * The operator's PGOPTIONS (libpq's variable: `-c statement_timeout=…` and the like) are kept beside
 * the search path, not replaced by it.
 */
export async function openPgPool(loc: Extract<StoreLocation, { kind: 'postgres' }>, max = 10): Promise<pg.Pool> {
  const options = connectionOptions(loc.schema, process.env.PGOPTIONS);
  const pool = new pg.Pool({ connectionString: loc.url, max, ...(options ? { options } : {}) });
  try {
    const c = await pool.connect();
    try {
      if (loc.schema) await c.query(`CREATE SCHEMA IF NOT EXISTS "${loc.schema}"`);
    } finally {
      c.release();
    }
  } catch (err) {
    await pool.end().catch(() => undefined);
    const u = new URL(loc.url);
    const where = `${u.host}${u.pathname}`;
    const why = reasonOf(err);
    throw new DomainError(
      'INTERNAL',
      {
        ja: `PostgreSQL（${where}）に接続できません${why ? `: ${why.ja}` : ''}`,
        en: `cannot reach PostgreSQL at ${where}${why ? `: ${why.en}` : ''}`,
      },
      { reason: codeOf(err) ?? 'unknown' },
      { cause: err },
    );
  }
  return pool;
}

/** The server options of each connection: the environment's PGOPTIONS, then the schema's search path. */
export function connectionOptions(schema: string | undefined, fromEnv: string | undefined): string | undefined {
  const parts = [fromEnv?.trim(), schema ? `-c search_path=${schema}` : undefined].filter((x) => x);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

/** Why PostgreSQL was not reached, by the error's code (a network one, or PostgreSQL's SQLSTATE). */
const REASONS: Readonly<Record<string, { ja: string; en: string }>> = {
  ECONNREFUSED: {
    ja: '接続を拒否されました（サーバーが動いていないか、ホストかポートが違います）',
    en: 'the connection was refused (the server is not running, or the host or port is wrong)',
  },
  ENOTFOUND: { ja: 'ホスト名が見つかりません', en: 'the host name is not known' },
  EAI_AGAIN: {
    ja: 'ホスト名を今は引けません（DNS が応答しません）',
    en: 'the host name cannot be looked up now (DNS)',
  },
  ETIMEDOUT: { ja: '応答がありません', en: 'it does not answer' },
  EHOSTUNREACH: { ja: 'ホストに届きません', en: 'the host cannot be reached' },
  ENETUNREACH: { ja: 'ネットワークに届きません', en: 'the network cannot be reached' },
  ECONNRESET: { ja: '接続が途中で切れました', en: 'the connection was cut' },
  '28P01': { ja: 'ユーザー名かパスワードが違います', en: 'the user name or password is wrong' },
  '28000': { ja: 'このユーザーでは接続が認められていません', en: 'this user may not connect' },
  '3D000': { ja: 'そのデータベースはありません', en: 'there is no such database' },
  '42501': {
    ja: '権限がありません（データベースへの接続か、スキーマの作成）',
    en: 'permission denied (to connect to the database, or to create the schema)',
  },
  '57P03': { ja: 'サーバーは今は接続を受け付けていません（起動中か停止中）', en: 'the server is starting or stopping' },
};

function codeOf(err: unknown): string | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  if ('code' in err && typeof err.code === 'string') return err.code;
  // Node tries each address of a host name in turn and reports them together.
  if (err instanceof AggregateError) return codeOf(err.errors[0]);
  return undefined;
}

/**
 * Why, in words where the code is known; else what the driver or the server said, quoted as theirs (a
 * certificate refused, TLS required, a server error): the operator needs it to find the cause.
 */
function reasonOf(err: unknown): { ja: string; en: string } | undefined {
  const code = codeOf(err);
  const known = code === undefined ? undefined : REASONS[code];
  if (known) return known;
  const said = err instanceof Error ? err.message.trim() : '';
  if (said === '') return undefined;
  const quoted = visibleText(said).slice(0, 300);
  return { ja: `PostgreSQL またはドライバの応答「${quoted}」`, en: `PostgreSQL or its driver said "${quoted}"` };
}
