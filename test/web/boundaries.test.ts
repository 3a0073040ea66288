// The web reaches the server's code only through the package's `#shokai/...` subpaths, and the two
// modules it takes into the browser bundle (the vocabulary and the instant core) are pure: no zod,
// nothing outside each other.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import * as vocabulary from '../../src/domain/vocabulary.ts';
import { messages } from '../../web/src/i18n/dictionary.ts';

const root = join(import.meta.dirname, '..', '..');
const webSrc = join(root, 'web', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every `import … from '…'` / `export … from '…'` of a file: whether it is type-only, and the specifier. */
function imports(file: string): Array<{ typeOnly: boolean; from: string }> {
  const text = readFileSync(file, 'utf8');
  const out: Array<{ typeOnly: boolean; from: string }> = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)';/gms)) {
    out.push({ typeOnly: m[2] !== undefined, from: m[3] as string });
  }
  return out;
}

const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { imports: Record<string, string> };

test('the package maps the #shokai subpaths to the domain', () => {
  for (const name of ['#shokai/vocabulary', '#shokai/time', '#shokai/domain']) {
    const target = packageJson.imports[name];
    assert.ok(target !== undefined, name);
    assert.ok(existsSync(join(root, target)), `${name} → ${target}`);
  }
});

test('web/src imports nothing outside web/src by a relative path, and domain schemas as types only', () => {
  const problems: string[] = [];
  for (const file of files(webSrc)) {
    const where = relative(root, file);
    for (const { typeOnly, from } of imports(file)) {
      if (from.startsWith('.') && relative(webSrc, resolve(dirname(file), from)).startsWith('..')) {
        problems.push(`${where}: relative import out of web/src: ${from}`);
      }
      if (from === '#shokai/domain' && !typeOnly) problems.push(`${where}: value import of #shokai/domain (zod)`);
    }
  }
  assert.deepEqual(problems, []);
});

const importBoundariesTitle =
  'the vocabulary, the instant core, the shown-text, retained-content, candidate-span, person-date, ' +
  'target-value, host-name, deceptive-host, confusable-skeleton, kana-lookalike, known-lookalike and ' +
  'answer-holder rules import nothing but each other and the address kernel (no zod in the browser)';
test(importBoundariesTitle, () => {
  const core = [
    'vocabulary.ts',
    'time.ts',
    'shown-text.ts',
    'retained.ts',
    'candidate-spans.ts',
    'person-record.ts',
    'target-values.ts',
    'host-names.ts',
    'deceptive-hosts.ts',
    'confusable-skeleton.ts',
    'kana-lookalikes.ts',
    'known-lookalikes.ts',
    'mark-lookalikes.ts',
    'answer-holder.ts',
  ];
  // The address kernel (src/net/address.ts) reads addresses with ipaddr.js alone: no zod, no I/O.
  const allowed = new Set([...core.map((name) => `./${name}`), '../net/address.ts']);
  for (const name of core) {
    for (const { from } of imports(join(root, 'src', 'domain', name))) {
      assert.ok(allowed.has(from), `src/domain/${name} imports ${from}`);
    }
  }
  assert.deepEqual(
    imports(join(root, 'src', 'net', 'address.ts')).map((i) => i.from),
    ['ipaddr.js'],
  );
});

test('every closed list of the vocabulary has a label, in both languages, for each member and no more', () => {
  const exports: Record<string, unknown> = { ...vocabulary };
  const lists: Array<[string, string]> = [
    ['REQUEST_KINDS', 'REQUEST_KIND_LABELS'],
    ['DATA_CATEGORIES', 'DATA_CATEGORY_LABELS'],
    ['REQUEST_STATES', 'REQUEST_STATE_LABELS'],
    ['DECLINE_REASONS', 'DECLINE_REASON_LABELS'],
    ['ORGANISATION_KINDS', 'ORGANISATION_KIND_LABELS'],
    ['ROLES', 'ROLE_LABELS'],
    ['SUBSCRIBER_INVOLVEMENT', 'SUBSCRIBER_INVOLVEMENT_LABELS'],
    ['MINIMUM_BASES', 'MINIMUM_BASIS_LABELS'],
    ['ANSWER_OUTCOMES', 'ANSWER_OUTCOME_LABELS'],
    ['ANSWER_ITEM_RESULTS', 'ANSWER_ITEM_RESULT_LABELS'],
    ['TARGET_TYPES', 'TARGET_TYPE_LABELS'],
    ['ACCESS_ACTIONS', 'ACCESS_ACTION_LABELS'],
    ['WARRANT_TYPES', 'WARRANT_TYPE_LABELS'],
    ['EMERGENCY_BASES', 'EMERGENCY_BASIS_LABELS'],
    ['SUICIDE_NOTICE_CONDITIONS', 'SUICIDE_NOTICE_CONDITION_LABELS'],
    ['LIFECYCLE_ACTIONS', 'LIFECYCLE_ACTION_LABELS'],
    ['DEADLINE_STATUSES', 'DEADLINE_STATUS_LABELS'],
    ['KEY_PURPOSES', 'KEY_PURPOSE_LABELS'],
    ['KEY_REGISTRATION_KINDS', 'KEY_REGISTRATION_KIND_LABELS'],
    ['KEY_REVOCATION_REASONS', 'KEY_REVOCATION_REASON_LABELS'],
    ['MESSAGE_SIDES', 'MESSAGE_SIDE_LABELS'],
    ['MESSAGE_PURPOSES', 'MESSAGE_PURPOSE_LABELS'],
    ['VERIFICATION_CHECKS', 'VERIFICATION_CHECK_LABELS'],
    ['ACTOR_TYPES', 'ACTOR_TYPE_LABELS'],
    ['AUDIT_ACTIONS', 'AUDIT_ACTION_LABELS'],
    ['AUDIT_ACTION_GROUPS', 'AUDIT_ACTION_GROUP_LABELS'],
    ['ROLE_GRANT_STATES', 'ROLE_GRANT_STATE_LABELS'],
    ['PROVIDER_CATEGORIES', 'PROVIDER_CATEGORY_LABELS'],
    ['LINK_SOURCES', 'LINK_SOURCE_LABELS'],
    ['RETENTION_MODES', 'RETENTION_MODE_LABELS'], // retention (issue 14: overlap)
    // statistics and search (issue 14: numbers)
    ['STATISTIC_OUTCOMES', 'STATISTIC_OUTCOME_LABELS'],
    ['STATISTIC_GROUPINGS', 'STATISTIC_GROUPING_LABELS'],
    ['PERIOD_GRANULARITIES', 'PERIOD_GRANULARITY_LABELS'],
    ['SEARCH_SORTS', 'SEARCH_SORT_LABELS'],
    ['WHOM_VERDICTS', 'WHOM_VERDICT_LABELS'],
    // trace (issue 12)
    ['TRACE_IDENTIFIER_KINDS', 'TRACE_IDENTIFIER_KIND_LABELS'],
    ['TRACE_EDGE_KINDS', 'TRACE_EDGE_KIND_LABELS'],
    ['TRACE_ANSWER_READINGS', 'TRACE_ANSWER_READING_LABELS'],
    ['DEVICE_KINDS', 'DEVICE_KIND_LABELS'],
    ['CANDIDATE_SPANS', 'CANDIDATE_SPAN_LABELS'],
    // the consultation desk (issue 15)
    ['CONSULTATION_CATEGORIES', 'CONSULTATION_CATEGORY_LABELS'],
    ['CONSULTATION_REFERRALS', 'CONSULTATION_REFERRAL_LABELS'],
    ['CONSULTATION_CHANNELS', 'CONSULTATION_CHANNEL_LABELS'],
    ['CONSULTATION_STATES', 'CONSULTATION_STATE_LABELS'],
    ['CONSULTATION_URGENCIES', 'CONSULTATION_URGENCY_LABELS'],
    ['NON_DISCLOSURE_BASES', 'NON_DISCLOSURE_BASIS_LABELS'],
    ['HEARING_REPLIES', 'HEARING_REPLY_LABELS'],
    ['HEARD_PARTIES', 'HEARD_PARTY_LABELS'],
    ['HEARING_MANNERS', 'HEARING_MANNER_LABELS'],
    ['HEARING_DECISIONS', 'HEARING_DECISION_LABELS'],
    ['HEARING_IMPOSSIBLE_REASONS', 'HEARING_IMPOSSIBLE_REASON_LABELS'],
    ['THREAD_NOTICES', 'THREAD_NOTICE_LABELS'],
    // findings in answers, the holders' own records (issue 13)
    ['FINDING_VERDICTS', 'FINDING_VERDICT_LABELS'],
    ['FINDING_RECORDS', 'FINDING_RECORDS_LABELS'],
    ['FINDING_REASONS', 'FINDING_REASON_LABELS'],
    ['FINDING_NOTES', 'FINDING_NOTE_LABELS'],
    ['RESOLVE_HINTS', 'RESOLVE_HINT_LABELS'],
    ['LINE_USES', 'LINE_USE_LABELS'],
    ['SOURCE_RECORD_KINDS', 'SOURCE_RECORD_KIND_LABELS'],
    ['ID_DOCUMENT_KINDS', 'ID_DOCUMENT_KIND_LABELS'],
    ['MEMBER_FIELDS', 'MEMBER_FIELD_LABELS'],
    ['AGENT_REQUEST_STATES', 'AGENT_REQUEST_STATE_LABELS'],
    ['DOCUMENT_TYPES', 'DOCUMENT_TYPE_LABELS'],
    ['DOCUMENT_CHECKS', 'DOCUMENT_CHECK_LABELS'],
    // warrant applications (issue 15 item 5)
    ['WARRANT_APPLICATION_STATES', 'WARRANT_APPLICATION_STATE_LABELS'],
    ['DISCLOSURE_ORDER_APPLICATION_STATES', 'DISCLOSURE_ORDER_APPLICATION_STATE_LABELS'],
    ['DISCLOSURE_ORDER_STANDINGS', 'DISCLOSURE_ORDER_STANDING_LABELS'],
    ['OBJECTION_PARTIES', 'OBJECTION_PARTY_LABELS'],
    ['OBJECTION_OUTCOMES', 'OBJECTION_OUTCOME_LABELS'],
    ['SET_ASIDE_GROUNDS', 'SET_ASIDE_GROUND_LABELS'],
    ['ANCILLARY_ORDER_TYPES', 'ANCILLARY_ORDER_TYPE_LABELS'],
    ['ANCILLARY_ORDER_STATES', 'ANCILLARY_ORDER_STATE_LABELS'],
    ['CREDENTIAL_REQUEST_STATES', 'CREDENTIAL_REQUEST_STATE_LABELS'],
    ['PASSKEY_STATES', 'PASSKEY_STATE_LABELS'],
    // outgoing mutual legal assistance (issue 15)
    ['MLAT_TREATIES', 'MLAT_TREATY_LABELS'],
    ['MLAT_HOPS', 'MLAT_HOP_LABELS'],
    ['MLAT_EVENTS', 'MLAT_EVENT_LABELS'],
    ['MLAT_ASSISTANCE', 'MLAT_ASSISTANCE_LABELS'],
    // civil disclosure through its real actors (issue 15)
    ['CIVIL_ROUTES', 'CIVIL_ROUTE_LABELS'],
    ['COURT_ORDER_TYPES', 'COURT_ORDER_TYPE_LABELS'],
    ['INFRINGED_RIGHTS', 'INFRINGED_RIGHT_LABELS'],
    ['DISCLOSURE_PURPOSES', 'DISCLOSURE_PURPOSE_LABELS'],
    ['SENDER_INFORMATION', 'SENDER_INFORMATION_LABELS'],
    ['SIGN_IN_REFUSALS', 'SIGN_IN_REFUSAL_LABELS'], // the audit log's sign-in refusals
  ];
  const labelExports = Object.keys(exports).filter((k) => k.endsWith('_LABELS'));
  assert.deepEqual(labelExports.sort(), lists.map(([, l]) => l).sort(), 'every label table is checked here');
  for (const [listName, labelsName] of lists) {
    const list = exports[listName] as readonly string[];
    const labels = exports[labelsName] as Record<string, { ja: string; en: string }>;
    assert.deepEqual(Object.keys(labels).sort(), [...list].sort(), labelsName);
    for (const [key, label] of Object.entries(labels)) {
      assert.ok(label.ja.trim() !== '' && label.en.trim() !== '', `${labelsName}.${key}`);
    }
  }
});

test('the English screens are written in English: no Japanese script but the name of the 回答書', () => {
  const japanese = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  const labels = Object.entries(vocabulary as Record<string, unknown>)
    .filter(([name]) => name.endsWith('_LABELS'))
    .flatMap(([name, table]) =>
      Object.entries(table as Record<string, { en: string }>).map(([k, m]) => [`${name}.${k}`, m] as const),
    );
  const bad = [...Object.entries(messages), ...labels]
    .filter(([, m]) => japanese.test(m.en.replaceAll('回答書', '')))
    .map(([k, m]) => `${k}: ${m.en}`);
  assert.deepEqual(bad, []);
  // Nor a plural left to the reader ("2 request(s)").
  assert.deepEqual(
    Object.entries(messages)
      .filter(([, m]) => m.en.includes('(s)'))
      .map(([k]) => k),
    [],
  );
});
