import { CryptoError } from './errors.ts';

// Pure (no Node module): the browser and the typed client canonicalise with the same code as the server.

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * - object keys sorted by UTF-16 code units (JavaScript's default string order), no whitespace;
 * - strings escaped exactly as ECMAScript JSON.stringify does (RFC 8785 §3.2.2.2);
 * - numbers in ECMAScript Number-to-String form (RFC 8785 §3.2.2.3), -0 as 0;
 * - object properties whose value is undefined are skipped, as JSON.stringify skips them;
 * - `toJSON()` is honoured (so a Date becomes its ISO string), as JSON.stringify does.
 *
 * Rejected with CryptoError('CANONICALIZATION_FAILED'), because a signature over them could not be
 * reproduced by a verifier that only sees the JSON: non-finite numbers, BigInt, functions, symbols,
 * undefined inside arrays or at the top level, lone UTF-16 surrogates (RFC 8785 requires I-JSON),
 * cycles, nesting deeper than MAX_DEPTH (256), and objects that are neither plain objects nor arrays (Map,
 * Set, class instances, typed arrays, Buffers) — convert those explicitly first.
 */
export function canonicalJson(value: unknown): string {
  return write(value, () => '$', new Set());
}

// Lone surrogate: a high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fail(path: string, why: string): never {
  throw new CryptoError('CANONICALIZATION_FAILED', `cannot canonicalise ${path}: ${why}`);
}

function str(s: string, path: () => string): string {
  if (LONE_SURROGATE.test(s)) fail(path(), 'string contains a lone UTF-16 surrogate');
  // JSON.stringify's string escaping is exactly the one RFC 8785 prescribes.
  return JSON.stringify(s);
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Deeper values are refused rather than overflowing the stack on hostile input. */
export const MAX_DEPTH = 256;

// Paths are only built when something fails: the hot path (audit hashing) stays allocation-light.
function write(value: unknown, path: () => string, seen: Set<object>): string {
  if (seen.size > MAX_DEPTH) fail(path(), `nested deeper than ${MAX_DEPTH} levels`);
  switch (typeof value) {
    case 'string':
      return str(value, path);
    case 'number':
      if (!Number.isFinite(value)) fail(path(), `number ${String(value)} is not finite`);
      // ECMAScript Number::toString is the RFC 8785 number format; it prints -0 as "0".
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return fail(path(), 'BigInt is not representable in JSON (convert to string or number)');
    case 'undefined':
      return fail(path(), 'undefined is not representable in JSON');
    case 'function':
      return fail(path(), 'functions are not representable in JSON');
    case 'symbol':
      return fail(path(), 'symbols are not representable in JSON');
    case 'object':
      break;
  }
  if (value === null) return 'null';
  if (seen.has(value)) fail(path(), 'cyclic structure');
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    fail(path(), 'binary data must be encoded (e.g. base64url) before canonicalisation');
  }
  const withToJson = value as { toJSON?: unknown };
  seen.add(value);
  let out: string;
  if (typeof withToJson.toJSON === 'function') {
    out = write((withToJson.toJSON as (key: string) => unknown).call(value, ''), path, seen);
  } else if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += write(value[i], () => `${path()}[${i}]`, seen);
    }
    out += ']';
  } else {
    if (!isPlainObject(value)) {
      const ctor = (value as { constructor?: { name?: unknown } }).constructor?.name;
      fail(path(), `${typeof ctor === 'string' ? ctor : 'exotic'} object is not a plain object`);
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is the order RFC 8785 §3.2.3 requires.
    const keys = Object.keys(record).sort();
    out = '{';
    for (const key of keys) {
      const v = record[key];
      if (v === undefined) continue;
      const at = () => `${path()}.${key}`;
      out += `${out.length > 1 ? ',' : ''}${str(key, at)}:${write(v, at, seen)}`;
    }
    out += '}';
  }
  seen.delete(value);
  return out;
}
