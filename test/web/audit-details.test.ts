// An audit entry as people read it on a request's timeline and on the audit log's page
// (src/domain/audit-details.ts): labelled lines in the viewer's language, never a raw key or code; and the
// table that says so checked against every audit entry the hub writes (the services' source), whatever it is
// about, and against the demo's log.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import {
  AUDIT_DETAIL_FIELDS,
  auditDetailLines,
  auditHeading,
  type DetailContext,
  describedKey,
  organisationIdsIn,
} from '../../src/domain/audit-details.ts';
import { createContext } from '../../src/kernel/context.ts';
import { openStore } from '../../src/store/database.ts';
import { formatInstant } from '../../web/src/time/format.ts';
import { auditSince } from '../support/audit.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const ORG = 'org_4f4ed6c4-a1ae-4f8f-858e-93798c54356c';
const ctx = (locale: 'ja' | 'en'): DetailContext => ({
  locale,
  instant: (v) => formatInstant(v, 'Asia/Tokyo'),
  organisationName: (id) => (id === ORG ? (locale === 'ja' ? 'さくら掲示板' : 'Sakura Board') : undefined),
});
const lines = (action: string, details: unknown, locale: 'ja' | 'en' = 'ja') =>
  auditDetailLines(action, details, ctx(locale)).map((l) => `${l.label}: ${l.value}`);

test('a transition reads "what (from → to)": full-width brackets in Japanese, ASCII in English', () => {
  const d = { action: 'submit', from: 'draft', to: 'awaiting_approval' };
  assert.equal(auditHeading('request.transition', d, 'ja'), '決裁に回す（起案中 → 決裁待ち）');
  assert.equal(auditHeading('request.transition', d, 'en'), 'Submit for approval (Draft → Awaiting approval)');
  assert.equal(auditHeading('request.viewed', {}, 'en'), 'Request viewed');
  // The heading says it all: no details toggle for a plain submission.
  assert.deepEqual(lines('request.transition', d), []);
});

test('details read in words: kinds and reasons by label, organisations by name, instants with the offset', () => {
  assert.deepEqual(
    lines('request.drafted', { kind: 'inquiry', reference: 'SHK-2026-000001', providerOrganisationId: ORG }),
    ['種別: 捜査関係事項照会', '照会番号: SHK-2026-000001', '宛先: さくら掲示板'],
  );
  assert.deepEqual(lines('request.drafted', { kind: 'inquiry', providerOrganisationId: ORG }, 'en'), [
    'Kind: Inquiry',
    'Addressed to: Sakura Board',
  ]);
  // An organisation the page does not know by name is left out, not shown as its id.
  assert.deepEqual(lines('request.drafted', { providerOrganisationId: 'org_other' }), []);
  assert.deepEqual(
    lines('request.transition', { action: 'decline', from: 'received', to: 'declined', reason: 'no_data' }, 'en'),
    ['Reason: No data'],
  );
  assert.deepEqual(
    lines('request.transition', {
      action: 'extend_preservation',
      reason: '捜査継続のため',
      until: '2026-03-28T16:30:12Z',
    }),
    ['理由: 捜査継続のため', '保全の期限: 2026-03-29 01:30:12 +09:00'],
  );
  // The court's record that it heard a party on a disclosure-order application: the party and how in words.
  const heard = {
    reference: 'DO-2026-000001',
    party: 'provider',
    heardAt: '2026-03-28T16:30:12Z',
    manner: 'in_writing',
  };
  assert.deepEqual(lines('disclosure_order.party_heard', heard, 'en'), [
    'Reference: DO-2026-000001',
    'Party heard: The respondent (provider)',
    'Heard at: 2026-03-29 01:30:12 +09:00',
    'How: In writing',
  ]);
  assert.deepEqual(lines('request.received', { verified: true, failed: [], secondCheckRequired: true }, 'en'), [
    'Authenticity verified: Yes',
    'Call-back check: Required',
  ]);
  assert.deepEqual(lines('answer.sealed', { custody: 'hub', sealedBy: 'provider', signedWith: 'passkey' }), [
    '回答を開ける鍵: ハブが保管する所属の鍵',
    '暗号化した側: 事業者の側',
    '署名: 担当者のパスキー',
  ]);
});

test('the organisations an entry names are the keys read as an organisation, for the reader to look up', () => {
  assert.deepEqual(organisationIdsIn('request.drafted', { kind: 'inquiry', providerOrganisationId: ORG }), [ORG]);
  assert.deepEqual(
    organisationIdsIn('request.signed', { agencyOrganisationId: 'org_a', providerOrganisationId: ORG, digest: 'x' }),
    ['org_a', ORG],
  );
  // Ids left out of the words (another force's request, a user) are not names to look up.
  assert.deepEqual(organisationIdsIn('overlap.matched', { otherRequestId: 'req_x', unitId: 'unit_y' }), []);
  assert.deepEqual(organisationIdsIn('user.login', null), []);
});

test("the audit log page's actions read in words too: lookups, and the auditor's own reads", () => {
  assert.deepEqual(
    lines('audit.searched', {
      scope: 'organisation',
      from: '2026-10-31T15:00:00.000Z',
      group: 'break_glass',
      returned: 3,
    }),
    [
      '範囲: 自組織',
      '期間の始め: 2026-11-01 00:00:00 +09:00',
      '行為の種類: 理由を記録した内容の閲覧（監督）',
      '表示した件数: 3',
    ],
  );
  assert.deepEqual(
    lines('attribution.looked_up', { ip: '203.0.113.7', port: 443, verdict: 'unique', candidates: 1 }, 'en'),
    ['Address: 203.0.113.7', 'Port: 443', 'Result: Unique', 'Candidates: 1'],
  );
  assert.deepEqual(lines('user.created', { login: 'sato', unitId: 'unit_1', roles: ['investigator'] }), [
    'ログイン名: sato',
    '役割: 捜査員',
  ]);
});

test('whose key, and a grant in force or awaiting its countersignature, as each entry was', () => {
  // A provider's installation key is kept on its installation, not in anyone's passkey.
  const key = { fingerprint: 'a'.repeat(64), custody: 'owner', organisationId: ORG, algorithm: 'Ed25519' };
  assert.ok(lines('installation_key.registered', key).includes('鍵の保管: 事業者の設置環境（ハブにはない）'));
  assert.ok(
    lines('credential.registered', { fingerprint: 'a'.repeat(64), custody: 'owner' }).includes(
      '鍵の保管: 本人のパスキー',
    ),
  );
  // The heading says a grant; its state says whether it awaits a second person.
  assert.equal(auditHeading('role.granted', {}, 'ja'), '権限の付与');
  assert.deepEqual(lines('role.granted', { role: 'admin', state: 'active', bootstrap: true }), [
    '役割: 管理者',
    '状態: 有効',
    '初期設定: はい',
  ]);
  assert.ok(lines('role.granted', { role: 'unit_head', state: 'pending' }).includes('状態: 副署待ち'));
});

test('bookkeeping, unknown keys and unknown codes are left out; nothing to say means no lines', () => {
  assert.deepEqual(lines('request.viewed', { signingPreview: true }, 'en'), [
    'What was read: The preview before signing',
  ]);
  assert.deepEqual(lines('request.viewed', { side: 'agency', content: 'read' }), []);
  assert.deepEqual(lines('request.viewed', {}), []);
  assert.deepEqual(lines('request.signed', { envelopeId: 'env_1', approverCustody: 'owner', somethingNew: 'x' }), [
    '決裁者の鍵の保管: 本人のパスキー',
  ]);
  assert.deepEqual(lines('request.drafted', { kind: 'not_a_kind' }), []);
  assert.deepEqual(lines('user.login', { login: 'sato' }), []);
});

/** Every source file of the hub (the provider's installation under src/agent keeps its own log). */
function hubSources(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'agent' ? [] : hubSources(p);
    return n.endsWith('.ts') ? [p] : [];
  });
}

/** The text from `open` (an opening bracket) to its closing bracket, strings and comments skipped roughly. */
function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i] as string;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch) && --depth === 0) return text.slice(open, i + 1);
  }
  return text.slice(open);
}

/** Top-level arguments of a call's argument text "(a, b, {…})". */
function args(call: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 1;
  for (let i = 1; i < call.length - 1; i++) {
    const ch = call[i] as string;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0) {
      out.push(call.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(call.slice(start, call.length - 1).trim());
  return out.filter((a) => a !== '');
}

/** The keys an object literal's text names (spread conditionals' keys included; `...name` spreads not). */
function literalKeys(obj: string): string[] {
  const text = obj.replace(/\/\/[^\n]*/g, '');
  const keys = new Set<string>();
  for (const m of text.matchAll(/[{,]\s*([A-Za-z_$][\w$]*)\s*(?=[:,}])(?!\s*::)/g)) keys.add(m[1] as string);
  return [...keys];
}

test('every audit entry the hub writes has each details key labelled or explicitly left out', () => {
  const problems: string[] = [];
  let seen = 0;
  let aboutRequests = 0;
  for (const file of hubSources()) {
    const text = readFileSync(file, 'utf8');
    const where = (i: number) => `${relative(ROOT, file)}:${text.slice(0, i).split('\n').length}`;
    const inComment = (i: number) => /^\s*(\*|\/\/)/.test(text.slice(text.lastIndexOf('\n', i) + 1, i));
    for (const m of text.matchAll(/\.auditBy\(/g)) {
      if (inComment(m.index as number)) continue;
      const a = args(balanced(text, (m.index as number) + m[0].length - 1));
      if (/^\[\s*'request'/.test(a[2] ?? '')) aboutRequests++;
      const actions = [...(a[1] ?? '').matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((x) => x[1] as string);
      const keys = a[3]?.startsWith('{') ? literalKeys(a[3]) : [];
      // A details object built elsewhere (the transitions' `details`): its assignments name its keys.
      if (a[3] && /^[a-z]\w*$/i.test(a[3])) {
        for (const k of text.matchAll(new RegExp(`\\b${a[3]}\\.(\\w+)\\s*=`, 'g'))) keys.push(k[1] as string);
        const init = new RegExp(`const ${a[3]}[^=]*=\\s*\\{([^}]*)\\}`).exec(text);
        if (init) keys.push(...literalKeys(`{${init[1]}}`));
      }
      for (const action of actions) {
        seen++;
        for (const k of keys)
          if (!describedKey(action, k)) problems.push(`${where(m.index as number)} ${action}: ${k}`);
      }
    }
    for (const m of text.matchAll(/\.audit\(\{/g)) {
      const body = balanced(text, (m.index as number) + m[0].length - 1);
      if (/subjectType: 'request'/.test(body)) aboutRequests++;
      const actions = [...body.matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((x) => x[1] as string);
      const d = body.indexOf('details: {');
      const keys = d < 0 ? [] : literalKeys(balanced(body, d + 'details: '.length));
      for (const action of actions) {
        seen++;
        for (const k of keys)
          if (!describedKey(action, k)) problems.push(`${where(m.index as number)} ${action}: ${k}`);
      }
    }
  }
  assert.ok(aboutRequests > 30, `the scan found only ${aboutRequests} audit calls about requests`);
  assert.ok(seen > 100, `the scan found only ${seen} audited actions`);
  assert.deepEqual(problems, [], 'details keys with no label and no explicit omission (src/domain/audit-details.ts)');
});

const dir = mkdtempSync(join(tmpdir(), 'shokai-audit-details-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test("the demo's log: every entry reads in words, with no raw key or code", async () => {
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'store.sqlite') });
  try {
    await seedDemo(await createContext(store, kekFromSecret(generateKekSecret())));
    const entries = await auditSince(store.db);
    assert.ok(entries.filter((e) => e.subjectType === 'request').length > 20);
    const problems: string[] = [];
    for (const e of entries) {
      for (const k of Object.keys(e.details)) if (!describedKey(e.action, k)) problems.push(`${e.action}: ${k}`);
      for (const locale of ['ja', 'en'] as const) {
        const shown = [auditHeading(e.action, e.details, locale), ...lines(e.action, e.details, locale)].join('\n');
        for (const [k, v] of Object.entries(e.details)) {
          // A key as written (camelCase or snake_case); a plain word like "digest" may be a label's word.
          if (/[A-Z_]/.test(k) && shown.includes(k)) problems.push(`${e.action} shows the key ${k}`);
          if (typeof v === 'string' && /^[a-z]+(_[a-z]+)+$/.test(v) && shown.includes(v))
            problems.push(`${e.action} shows the code ${v}`);
        }
        if (/[{}"]|\b\w+_\w+\b/.test(shown)) problems.push(`${e.action} (${locale}): ${shown}`);
      }
    }
    assert.deepEqual([...new Set(problems)], []);
    assert.ok(Object.keys(AUDIT_DETAIL_FIELDS).length > 20);
  } finally {
    await store.close();
  }
});
