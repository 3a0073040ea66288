// The house rules (docs/architecture.md), checked on the source tree: where SQL may be written, which
// layer may import which, no import cycles, and files of a readable size. A change that breaks a rule
// fails here with the file and line that broke it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

const files = walk(SRC);
const rel = (p: string) => relative(ROOT, p).replaceAll('\\', '/');
const source = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));

/** Static imports of a file, resolved to files under src/ (type-only imports included). */
function importsOf(file: string): string[] {
  const text = source.get(file) ?? '';
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)) {
    const target = resolve(dirname(file), m[1] ?? '');
    if (source.has(target)) out.push(target);
  }
  return out;
}

const GENERATED = new Set(['src/client/api-types.ts']);

test('query builders and raw SQL appear only in repositories (*.repository.ts, *.queries.ts) and src/store/', () => {
  const sqlCall = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\(|\bsql`|\.prepare\(|\.query\(/;
  const problems: string[] = [];
  for (const [file, text] of source) {
    const r = rel(file);
    if (/\.(repository|queries)\.ts$/.test(r) || r.startsWith('src/store/')) continue;
    text.split('\n').forEach((line, i) => {
      if (sqlCall.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*')) {
        problems.push(`${r}:${i + 1}: ${line.trim()}`);
      }
    });
  }
  assert.deepEqual(problems, [], 'SQL outside a repository');
});

test('the domain is pure: it imports no store, kernel context, server, service or I/O module', () => {
  const problems: string[] = [];
  for (const file of files) {
    const r = rel(file);
    if (!r.startsWith('src/domain/')) continue;
    const text = source.get(file) ?? '';
    for (const m of text.matchAll(/from\s+'([^']+)'/g)) {
      const spec = m[1] ?? '';
      const target = spec.startsWith('.') ? rel(resolve(dirname(file), spec)) : spec;
      const allowed =
        target.startsWith('src/domain/') ||
        target.startsWith('src/crypto/') ||
        target === 'src/kernel/text.ts' ||
        target === 'zod' ||
        // the national holidays as data (src/domain/days-off.ts): no I/O, no clock
        target === '@holiday-jp/holiday_jp' ||
        target.startsWith('src/net/');
      if (!allowed) problems.push(`${r} imports ${target}`);
    }
  }
  assert.deepEqual(problems, []);
});

/** Files still reading addresses with ipaddr.js themselves, each with the reason. */
const OWN_ADDRESS_CODE: Record<string, string> = {};

test('addresses have one library: src/net is pure and the only importer of ipaddr.js', () => {
  const problems: string[] = [];
  for (const file of files) {
    const r = rel(file);
    const text = source.get(file) ?? '';
    for (const m of text.matchAll(/from\s+'([^']+)'/g)) {
      const spec = m[1] ?? '';
      const target = spec.startsWith('.') ? rel(resolve(dirname(file), spec)) : spec;
      if (r.startsWith('src/net/') && !target.startsWith('src/net/') && target !== 'ipaddr.js')
        problems.push(`${r} imports ${target}`);
      if (!r.startsWith('src/net/') && target === 'ipaddr.js' && !(r in OWN_ADDRESS_CODE))
        problems.push(`${r} imports ${target}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('handlers call services: routes import no repository and no store', () => {
  const problems: string[] = [];
  for (const file of files) {
    const r = rel(file);
    if (!r.startsWith('src/server/') && !r.startsWith('src/cli/')) continue;
    for (const target of importsOf(file).map(rel)) {
      if (/\.repository\.ts$/.test(target) && !r.startsWith('src/cli/')) problems.push(`${r} imports ${target}`);
      if (r.startsWith('src/server/routes/') && target.startsWith('src/store/'))
        problems.push(`${r} imports ${target}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the import graph of src/ has no cycles', () => {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[] = [];
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'visiting');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'visiting') cycles.push([...stack.slice(stack.indexOf(g)), g].map(rel).join(' → '));
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  assert.deepEqual(cycles, []);
});

/** Files allowed past the size limit, each with the reason it is one file. */
const LONG_FILES: Record<string, string> = {
  'src/evidence/registry/table.ts':
    'the registry index: building the flat, merged most-specific arrays and the lookup over them ' +
    'belong together (hot path)',
  'src/attribution/resolver.ts':
    'one algorithm: the chained resolution from address and port to account, with its verdicts',
  'src/attribution/store/postgres.repository.ts': 'one adapter: every statement of the PostgreSQL attribution store',
  'src/attribution/store/sqlite.repository.ts': 'one adapter: every statement of the SQLite attribution store',
  'src/domain/time.ts': 'the one instant module: parsing with offsets and zones, and formatting with offsets and eras',
  'src/domain/access.ts':
    'the one access module: the permission table with its labels, the sides and scopes of a request, ' +
    'the relational checks',
  'src/domain/policy.ts': 'the legal matrix as data and the one check of a request against it and a provider policy',
  'src/demo/seed.ts': 'the demo is one story: organisations, people and ten requests carried through the services',
  'src/domain/vocabulary.ts': 'by design the one home of every closed list and its two labels: data, no logic',
  'src/store/schema.ts': 'the one schema of the store: an interface per table, no logic',
  'web/src/i18n/dictionary.ts': 'label data: every message key of the web with its Japanese and English text, no logic',
  'src/domain/audit-details-log.ts':
    'label data: how each detail of every audit action outside the timeline is read, in both languages, no logic',
};

/** The web's sources, held to the same size rule (they are not part of the server's layers above). */
const webSource = new Map(walk(join(ROOT, 'web', 'src')).map((f) => [f, readFileSync(f, 'utf8')]));

test('no source file outside generated code exceeds 400 lines without a recorded reason', () => {
  const problems: string[] = [];
  for (const [file, text] of [...source, ...webSource]) {
    const r = rel(file);
    if (GENERATED.has(r)) continue;
    const lines = text.split('\n').length;
    if (lines > 400 && !LONG_FILES[r]) problems.push(`${r}: ${lines} lines`);
    if (lines <= 400 && LONG_FILES[r]) problems.push(`${r}: ${lines} lines, its recorded reason is no longer needed`);
  }
  for (const r of Object.keys(LONG_FILES)) {
    if (!source.has(join(ROOT, r)) && !webSource.has(join(ROOT, r))) problems.push(`${r}: recorded reason for no file`);
  }
  assert.deepEqual(problems, []);
});

/** Casts of a stored word into its closed list's type that stay: how many per file, and why (docs/decisions.md). */
const STORED_WORD_CASTS: Record<string, { count: number; why: string }> = {
  'src/court/order-standing.ts': {
    count: 2,
    why: 'signed by the party that filed: a word that is no party fails its signature check and is shown so',
  },
  'src/audit/subject-entries.queries.ts': { count: 2, why: 'hash-chained entries, written only from the lists' },
  'src/audit/audit-search.ts': { count: 1, why: 'hash-chained entries, written only from the closed list' },
  'src/agent/records.repository.ts': { count: 1, why: 'the query selects these actions only' },
};

test('a closed-list word read from a row is checked (src/store/stored-values.ts), never cast into its type', () => {
  const closed = new Set<string>();
  for (const text of source.values()) {
    for (const m of text.matchAll(/export type (\w+) = \(typeof [A-Z_]+\)\[number\]/g)) closed.add(m[1] ?? '');
  }
  assert.ok(closed.has('RequestState') && closed.has('ConsultationCategory'), 'the closed lists are found');
  const problems: string[] = [];
  for (const [file, text] of source) {
    const r = rel(file);
    const found: string[] = [];
    text.split('\n').forEach((line, i) => {
      // `row.state as RequestState`, and `row.kind as View['kind']` (a field of a view typed by a list).
      for (const m of line.matchAll(/\b\w+\??\.\w+ as (\w+)(\['\w+'\])?/g)) {
        if (closed.has(m[1] ?? '') || m[2] !== undefined) found.push(`${r}:${i + 1}: ${line.trim()}`);
      }
    });
    const allowed = STORED_WORD_CASTS[r]?.count ?? 0;
    if (found.length !== allowed) problems.push(...(found.length > 0 ? found : [`${r}: ${allowed} recorded, none`]));
  }
  assert.deepEqual(problems, []);
});

test('no double cast through unknown (`as unknown as`): a value gets its type, not a claim of one', () => {
  const problems: string[] = [];
  for (const [file, text] of [...source, ...webSource]) {
    text.split('\n').forEach((line, i) => {
      if (/\bas unknown as\b/.test(line)) problems.push(`${rel(file)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(problems, []);
});

/** Every TypeScript file of the project outside generated code and dependencies (src, web, test, bench, scripts). */
const projectFiles = ['src', 'web/src', 'test', 'bench', 'scripts'].flatMap((d) => walk(join(ROOT, d)));

test('no line is longer than 120 characters (docs/architecture.md), outside generated code', () => {
  const problems: string[] = [];
  for (const file of projectFiles) {
    if (GENERATED.has(rel(file))) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        // Characters as people count them (code points), as Biome's line width does.
        const length = [...line].length;
        if (length > 120) problems.push(`${rel(file)}:${i + 1}: ${length} characters`);
      });
  }
  assert.deepEqual(problems, []);
});
