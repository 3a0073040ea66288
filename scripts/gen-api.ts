// Generates src/client/api-types.ts — the `paths` and `components` types the typed client
// (src/client/client.ts, used by the web, the CLI and the provider's installation) is built on — from
// the server's OpenAPI document, obtained in-process (nothing is started, nothing is fetched).
//
// Why not openapi-typescript: it builds its output with the TypeScript 5 compiler API, and this
// project is on TypeScript 7 (the native compiler, which has no such JS API); the two cannot share
// one node_modules. This converter covers the JSON Schema the server emits (zod → OpenAPI 3.1) and
// writes the same shape openapi-typescript would, so the client code is the same either way.
//
//   npm run gen:api            (re)writes src/client/api-types.ts
//   npm run gen:api -- --check fails if the committed file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from '../src/kernel/context.ts';
import { createApp } from '../src/server/app.ts';

type Schema = {
  default?: unknown;
  /** Set on request bodies: their defaults are filled in by the server, so such fields are optional. */
  'x-shokai-request'?: boolean;
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  prefixItems?: Schema[];
  nullable?: boolean;
  description?: string;
  format?: string;
};
type Param = {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  description?: string;
};
type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: Param[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const key = (k: string) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));
const pad = (depth: number) => '  '.repeat(depth);
const doc1 = (text: string | undefined, depth: number) =>
  text ? `${pad(depth)}/** ${text.replaceAll('*/', '*\\/').replace(/\s+/g, ' ').trim()} */\n` : '';

/** 'output' (what the server answers: a field with a default is always present) or 'input'. */
type Io = 'input' | 'output';
let io: Io = 'output';

function ts(s: Schema | boolean | undefined, depth: number): string {
  if (s === undefined || s === true) return 'unknown';
  if (s === false) return 'never';
  if (s.$ref) {
    const m = /^#\/components\/schemas\/(.+)$/.exec(s.$ref);
    return m ? `components["schemas"][${JSON.stringify(m[1])}]` : 'unknown';
  }
  let out: string;
  if (s.const !== undefined) out = JSON.stringify(s.const);
  else if (s.enum) out = s.enum.map((v) => JSON.stringify(v)).join(' | ') || 'never';
  else if (s.anyOf || s.oneOf) out = (s.anyOf ?? s.oneOf ?? []).map((x) => wrap(ts(x, depth))).join(' | ') || 'unknown';
  else if (s.allOf) out = s.allOf.map((x) => wrap(ts(x, depth))).join(' & ') || 'unknown';
  else if (Array.isArray(s.type)) out = s.type.map((t) => wrap(ts({ ...s, type: t }, depth))).join(' | ');
  else {
    switch (s.type) {
      case 'string':
        // A binary request body is sent as bytes (openapi-fetch passes them through its bodySerializer).
        out = io === 'input' && s.format === 'binary' ? 'Uint8Array | Blob' : 'string';
        break;
      case 'number':
      case 'integer':
        out = 'number';
        break;
      case 'boolean':
        out = 'boolean';
        break;
      case 'null':
        out = 'null';
        break;
      case 'array':
        out = s.prefixItems
          ? `[${s.prefixItems.map((x) => ts(x, depth)).join(', ')}]`
          : `${wrap(ts(s.items, depth))}[]`;
        break;
      case 'object':
      case undefined:
        out =
          s.properties || s.additionalProperties !== undefined || s.type === 'object' ? object(s, depth) : 'unknown';
        break;
      default:
        out = 'unknown';
    }
  }
  return s.nullable ? `${wrap(out)} | null` : out;
}

/** Parenthesises a type that has a top-level `|` or `&` (outside braces, brackets and parentheses). */
function wrap(t: string): string {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '"' && t[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (c === '{' || c === '[' || c === '(' || c === '<') depth++;
    else if (c === '}' || c === ']' || c === ')' || c === '>') depth--;
    else if (depth === 0 && (c === '|' || c === '&')) return `(${t})`;
  }
  return t;
}

function object(s: Schema, depth: number): string {
  const props = Object.entries(s.properties ?? {});
  const req = new Set(s.required ?? []);
  // Responses always carry a defaulted field; a request may leave it out.
  if (io === 'output')
    for (const [name, p] of Object.entries(s.properties ?? {})) if (p.default !== undefined) req.add(name);
  const lines: string[] = [];
  for (const [name, p] of props)
    lines.push(
      `${doc1(p.description, depth + 1)}${pad(depth + 1)}${key(name)}${req.has(name) ? '' : '?'}: ${ts(p, depth + 1)};`,
    );
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) {
    lines.push(
      `${pad(depth + 1)}[key: string]: ` +
        `${s.additionalProperties === true ? 'unknown' : ts(s.additionalProperties, depth + 1)};`,
    );
  } else if (props.length === 0) {
    return 'Record<string, never>';
  }
  return `{\n${lines.join('\n')}\n${pad(depth)}}`;
}

function params(op: Operation, where: Param['in'], depth: number): string {
  const ps = (op.parameters ?? []).filter((p) => p.in === where);
  if (ps.length === 0) return `${pad(depth)}${where}?: never;`;
  const anyRequired = ps.some((p) => p.required);
  const body = ps
    .map(
      (p) =>
        `${doc1(p.description, depth + 1)}${pad(depth + 1)}${key(p.name)}${p.required ? '' : '?'}: ` +
        `${ts(p.schema, depth + 1)};`,
    )
    .join('\n');
  return `${pad(depth)}${where}${anyRequired ? '' : '?'}: {\n${body}\n${pad(depth)}};`;
}

function content(c: Record<string, { schema?: Schema }> | undefined, depth: number): string {
  if (!c || Object.keys(c).length === 0) return `${pad(depth)}content?: never;`;
  const lines = Object.entries(c).map(
    ([type, v]) => `${pad(depth + 1)}${JSON.stringify(type)}: ${ts(v.schema, depth + 1)};`,
  );
  return `${pad(depth)}content: {\n${lines.join('\n')}\n${pad(depth)}};`;
}

function operation(op: Operation, depth: number): string {
  const lines: string[] = ['{'];
  lines.push(`${pad(depth + 1)}parameters: {`);
  io = 'input';
  for (const w of ['query', 'header', 'path', 'cookie'] as const) lines.push(params(op, w, depth + 2));
  lines.push(`${pad(depth + 1)}};`);
  if (op.requestBody) {
    lines.push(`${pad(depth + 1)}requestBody${op.requestBody.required ? '' : '?'}: {`);
    lines.push(content(op.requestBody.content, depth + 2));
    lines.push(`${pad(depth + 1)}};`);
    io = 'output';
  } else {
    io = 'output';
    lines.push(`${pad(depth + 1)}requestBody?: never;`);
  }
  lines.push(`${pad(depth + 1)}responses: {`);
  for (const [status, r] of Object.entries(op.responses ?? {})) {
    lines.push(
      `${doc1(r.description, depth + 2)}${pad(depth + 2)}${/^\d+$/.test(status) ? status : JSON.stringify(status)}: {`,
    );
    lines.push(`${pad(depth + 3)}headers: { [name: string]: unknown };`);
    lines.push(content(r.content, depth + 3));
    lines.push(`${pad(depth + 2)}};`);
  }
  lines.push(`${pad(depth + 1)}};`);
  lines.push(`${pad(depth)}}`);
  return lines.join('\n');
}

export function generate(doc: Doc): string {
  const out: string[] = [
    "// Generated by `npm run gen:api` from the server's OpenAPI document (scripts/gen-api.ts).",
    '// Do not edit by hand.',
    '/* eslint-disable */',
    '',
    'export interface paths {',
  ];
  for (const [path, item] of Object.entries(doc.paths)) {
    out.push(`  ${JSON.stringify(path)}: {`);
    for (const m of METHODS) {
      const op = item[m];
      if (!op) {
        out.push(`    ${m}?: never;`);
        continue;
      }
      out.push(doc1(op.summary, 2).replace(/\n$/, '') || '');
      out.push(`    ${m}: ${operation(op, 2)};`);
    }
    out.push('  };');
  }
  out.push('}', '', 'export interface components {', '  schemas: {');
  for (const [name, s] of Object.entries(doc.components?.schemas ?? {})) {
    io = s['x-shokai-request'] ? 'input' : 'output';
    out.push(`${doc1(s.description, 2)}    ${key(name)}: ${ts(s, 2)};`);
  }
  io = 'output';
  out.push('  };', '}', '');
  return out.filter((l, i, a) => !(l === '' && a[i - 1] === '' && i > 0) || i === a.length - 1).join('\n');
}

export async function openApiFromApp(): Promise<Doc> {
  // The document does not depend on the store: the context is never touched for /openapi.json.
  const app = createApp({} as AppContext, { web: false });
  const res = await app.request('/openapi.json');
  if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
  return (await res.json()) as Doc;
}

if (import.meta.main) {
  const target = join(import.meta.dirname, '..', 'src', 'client', 'api-types.ts');
  const text = generate(await openApiFromApp());
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing
    }
    if (current !== text) {
      process.stderr.write('src/client/api-types.ts is out of date: run `npm run gen:api`\n');
      process.exit(1);
    }
    process.stdout.write('src/client/api-types.ts is up to date\n');
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${target}\n`);
  }
}
