// `shokai audit list`: the audit log read for oversight on the local store, run as a child process over a
// demo hub's store. The local operator reads the whole log, a login given with --as only its own part; each
// entry prints in the chosen language — time in the zone asked for with its offset, who (name and
// organisation), what in the web's words, the organisations its details name by name — never an action's code
// or an id; a time without an offset is refused naming its option; the groups are listed in words; --json
// gives the page for programs and --before pages on; every read is itself recorded; and a value with a newline
// (a login typed at sign-in, a reason) stays on its line, so no line forges an entry.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from '../../src/domain/vocabulary.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { shokai } from '../support/cli.ts';
import { hubHooks } from '../support/exchange.ts';

interface Page {
  items: Array<{
    seq: number;
    action: string;
    request: { reference: string } | null;
    details: Record<string, unknown>;
  }>;
  next: number | null;
  organisations: Array<{ id: string; nameJa: string; nameEn: string }>;
}

describe('shokai audit list', () => {
  const hub = hubHooks('sqlite');
  const list = (args: string[], lang: 'ja' | 'en' = 'en') =>
    shokai(['audit', 'list', '--store', hub.storeUrl, ...args], {
      SHOKAI_LANG: lang,
      SHOKAI_MASTER_KEY: hub.masterKey,
      SHOKAI_DATA_DIR: join(hub.dir, 'operator'),
    });
  /** The demo's answered inquiry of the Tokyo police: its number and the provider it is addressed to. */
  const answered = async () => {
    const r = hub.demo.requests.find((x) => x.summary.startsWith('inquiry → answered'));
    assert.ok(r);
    const provider = await hub.ctx.store.db
      .selectFrom('requests as r')
      .innerJoin('organisations as o', 'o.id', 'r.provider_organisation_id')
      .select(['o.name_ja', 'o.name_en'])
      .where('r.id', '=', r.id)
      .executeTakeFirstOrThrow();
    return { reference: r.reference, provider };
  };
  /** No action's code, id or JSON in what people read. */
  const inWordsOnly = (text: string) => {
    for (const action of AUDIT_ACTIONS) assert.ok(!text.includes(` ${action}`), `${action} printed as its code`);
    assert.doesNotMatch(text, /usr_|org_|req_|unit_|[{}"]/);
  };

  const operatorReadsTitle =
    "the operator reads a request's entries in words, in English and Japanese, times in the zone asked";
  test(operatorReadsTitle, async () => {
    const { reference, provider } = await answered();
    const en = await list(['--request', reference, '--limit', '200', '--zone', 'Asia/Tokyo']);
    assert.equal(en.status, 0, en.stderr);
    const drafted = /^#\d+ {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00 {2}(.+) {2}Drafted {2}Request (\S+)$/m;
    const m = drafted.exec(en.stdout);
    assert.ok(m, en.stdout);
    assert.equal(m[1], '佐藤 巡査部長 (Tokyo Metropolitan Police Department)', 'who: name and organisation');
    assert.equal(m[2], reference);
    assert.ok(en.stdout.includes(`    Addressed to: ${provider.name_en}\n`), 'the addressee by its name');
    inWordsOnly(en.stdout);

    const ja = await list(['--request', reference, '--limit', '200', '--zone', 'UTC'], 'ja');
    assert.equal(ja.status, 0, ja.stderr);
    const draftedJa = AUDIT_ACTION_LABELS['request.drafted'].ja;
    const at = String.raw`^#\d+ {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+00:00`;
    assert.match(
      ja.stdout,
      new RegExp(`${at} {2}佐藤 巡査部長（警視庁） {2}${draftedJa} {2}照会番号 ${reference}$`, 'm'),
    );
    assert.ok(ja.stdout.includes(`    宛先: ${provider.name_ja}\n`));
    assert.doesNotMatch(ja.stdout, /Drafted|Addressed to/);
    inWordsOnly(ja.stdout);
  });

  test('the read is recorded: the operator as the system, a login given with --as under its name', async () => {
    const { reference } = await answered();
    const last = () =>
      hub.ctx.store.db
        .selectFrom('audit_entries')
        .select(['actor_type', 'actor_id', 'details'])
        .where('action', '=', 'audit.searched')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
    const r = await list(['--request', reference, '--group', 'answer_opens', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const page = JSON.parse(r.stdout) as Page;
    const entry = await last();
    assert.equal(entry.actor_type, 'system');
    const details = JSON.parse(entry.details) as Record<string, unknown>;
    assert.equal(details.request, reference);
    assert.equal(details.group, 'answer_opens');
    assert.equal(details.scope, 'all');
    assert.equal(details.returned, page.items.length);

    const mine = await list(['--as', 'mpd.kansatsu', '--limit', '1']);
    assert.equal(mine.status, 0, mine.stderr);
    const theirs = await last();
    assert.equal(theirs.actor_type, 'user');
    assert.equal((JSON.parse(theirs.details) as Record<string, unknown>).scope, 'organisation');
    // The next read shows the one before it, in words.
    const again = await list(['--as', 'mpd.kansatsu', '--limit', '1']);
    assert.match(
      again.stdout,
      /^#\d+ .* {2}警視庁 監察官 \(Tokyo Metropolitan Police Department\) {2}Audit log searched/m,
    );
  });

  test('--as narrows to that login’s part; without audit.read it is refused', async () => {
    const whole = await list(['--person', 'osaka', '--json']);
    assert.equal(whole.status, 0, whole.stderr);
    assert.ok((JSON.parse(whole.stdout) as Page).items.length > 0, 'the operator reads every organisation');
    const own = await list(['--person', 'sato', '--as', 'mpd.kansatsu']);
    assert.equal(own.status, 0, own.stderr);
    assert.match(own.stdout, /佐藤 巡査部長/);
    const refused = await list(['--as', 'sato']);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /^shokai: \S/);
    assert.doesNotMatch(refused.stderr, /FORBIDDEN/, 'words, not a code');
    assert.equal(refused.stdout, '');
  });

  test('--person and --request take only what can match: refused naming the option, not "none match"', async () => {
    // The operator reads the whole log: a login nobody holds is refused as --as refuses it.
    const nobody = await list(['--person', 'nobody']);
    assert.equal(nobody.status, 1);
    assert.equal(nobody.stderr, 'shokai: user nobody does not exist (--person)\n');
    assert.equal(nobody.stdout, '');
    // An organisation's auditor: another force's login is said as nobody's — who exists elsewhere is not told.
    for (const person of ['osaka', 'nobody']) {
      const other = await list(['--as', 'mpd.kansatsu', '--person', person]);
      assert.equal(other.status, 1, other.stdout);
      assert.equal(other.stderr, `shokai: "${person}" is not the login of anyone in your organisation (--person)\n`);
    }
    const ja = await list(['--as', 'mpd.kansatsu', '--person', 'osaka'], 'ja');
    assert.equal(ja.stderr, 'shokai: 「osaka」はこの組織の人のログイン名ではありません（--person）\n');
    // A request number must look like one; the export refuses it alike.
    for (const extra of [[], ['--csv']]) {
      const garbage = await list(['--request', 'garbage', ...extra]);
      assert.equal(garbage.status, 1, garbage.stdout);
      assert.match(garbage.stderr, /a request number such as SHK-2026-000001 is expected \(--request: "garbage"\)/);
      assert.equal(garbage.stdout, '');
    }
  });

  test('a time without an offset is refused naming its option; the groups are in words', async () => {
    for (const [option, value] of [
      ['--from', '2026-11-01T00:00:00'],
      ['--to', '2026-11-30'],
    ] as const) {
      const r = await list([option, value]);
      assert.equal(r.status, 1, `${option} ${value}`);
      // The option named, the value said once, in words: no code, no `[--from="…"]`.
      assert.ok(r.stderr.includes(value) && r.stderr.includes(`(${option})`), r.stderr);
      assert.doesNotMatch(r.stderr, /VALIDATION_FAILED|\[--/);
      assert.equal(r.stdout, '');
    }
    const reversed = await list(['--from', '2026-12-02T00:00:00+09:00', '--to', '2026-12-01T00:00:00+09:00']);
    assert.match(
      reversed.stderr,
      /the end of the period must come after its start \(--to: "2026-12-01T00:00:00\+09:00"\)/,
    );

    const group = await list(['--group', 'nope'], 'ja');
    assert.equal(group.status, 1);
    assert.match(group.stderr, /オプション '--group <group>' の値 'nope' が正しくありません/);
    assert.match(group.stderr, /break_glass = 理由を記録した内容の閲覧（監督）/);
    const help = await shokai(['audit', 'list', '--help'], { SHOKAI_LANG: 'en' });
    assert.match(help.stdout.replace(/\s+/g, ' '), /sign_ins = Sign-ins and sign-outs/);
  });

  test('--csv prints every matching entry as a file in words, headings in the chosen language', async () => {
    const { reference } = await answered();
    const whole = await list(['--request', reference, '--limit', '200', '--json']);
    const entries = (JSON.parse(whole.stdout) as Page).items.length;
    const csv = await list(['--request', reference, '--csv', '--zone', 'Asia/Tokyo'], 'ja');
    assert.equal(csv.status, 0, csv.stderr);
    assert.ok(
      csv.stdout.startsWith('\ufeff番号,日時,行った人,役割,組織,行為,照会番号,詳細\r\n'),
      csv.stdout.slice(0, 80),
    );
    const rows = csv.stdout.split(/\r\n(?=\d+,|$)/).filter((r) => r.trim() !== '');
    assert.equal(rows.length - 1, entries, 'every entry of the request, not a page');
    assert.ok(rows.slice(1).every((r) => r.includes(reference)));
    assert.match(csv.stdout, /\+09:00/);
    for (const action of AUDIT_ACTIONS) assert.ok(!csv.stdout.includes(`,${action},`), `${action} as its code`);
    const en = await list(['--request', reference, '--csv']);
    assert.ok(en.stdout.startsWith('\ufeffNo.,When,Who,Roles,Organisation,What was done,Request,Details\r\n'));
  });

  test('--json gives the page with its organisations; --before reads on from where it ended', async () => {
    const { reference } = await answered();
    const first = await list(['--request', reference, '--limit', '3', '--json']);
    assert.equal(first.status, 0, first.stderr);
    const page = JSON.parse(first.stdout) as Page;
    assert.equal(page.items.length, 3);
    assert.equal(page.next, page.items[2]?.seq);
    assert.ok(page.items.every((e) => e.request?.reference === reference));
    const text = await list(['--request', reference, '--limit', '3']);
    assert.match(text.stdout, new RegExp(`^Older entries: --before ${page.next}$`, 'm'));
    const second = JSON.parse(
      (await list(['--request', reference, '--limit', '3', '--before', `${page.next}`, '--json'])).stdout,
    ) as Page;
    assert.ok(second.items.length > 0 && second.items.every((e) => e.seq < (page.next ?? 0)));

    const all = JSON.parse((await list(['--request', reference, '--limit', '200', '--json'])).stdout) as Page;
    const drafted = all.items.find((e) => e.action === 'request.drafted');
    assert.ok(all.organisations.some((o) => o.id === drafted?.details.providerOrganisationId));
  });

  test('a value with a newline stays on its line: no entry of the listing is forged', async () => {
    const { reference } = await answered();
    const forged = (seq: number) => `#${seq}  2026-12-03 09:59:00 +09:00  System  nothing to see`;
    // A sign-in failure recorded before logins with controls were refused at the door, and a break-glass
    // reason of two lines (a reason may have lines; the listing shows them on one).
    await inTransaction(hub.ctx, (uow) =>
      uow.audit({
        actor: { type: 'system', id: null, organisationId: null },
        action: 'user.login_failed',
        subjectType: 'user',
        subjectId: null,
        details: { login: `zz\n${forged(9)}\ttab\u001b[2J`, reason: 'unknown_login' },
      }),
    );
    const id = hub.demo.requests.find((r) => r.reference === reference)?.id;
    const glass = await (await hub.as('auditor')).call('POST', `/v1/requests/${id}/break-glass`, {
      reason: `complaint review\n${forged(8)}`,
    });
    assert.equal(glass.status, 200, JSON.stringify(glass.body));
    for (const group of ['sign_ins', 'break_glass']) {
      const text = await list(['--group', group, '--limit', '200']);
      assert.equal(text.status, 0, text.stderr);
      const page = JSON.parse((await list(['--group', group, '--limit', '200', '--json'])).stdout) as Page;
      const heads = text.stdout.split('\n').filter((l) => l.startsWith('#'));
      assert.deepEqual(
        heads.map((l) => Number(/^#(\d+)/.exec(l)?.[1])),
        page.items.map((e) => e.seq),
        `${group}: one heading line per entry, none forged`,
      );
      assert.ok(!text.stdout.includes('\t') && !text.stdout.includes('\u001b'), group);
      assert.doesNotMatch(text.stdout, /^#[89] /m, group);
    }
    const signIns = (await list(['--group', 'sign_ins', '--limit', '200'])).stdout;
    assert.ok(signIns.includes(`    Login: zz\\u000a${forged(9)}\\u0009tab\\u001b[2J\n`), signIns);
    const reads = (await list(['--group', 'break_glass', '--limit', '200'])).stdout;
    assert.ok(reads.includes(`complaint review\\u000a${forged(8)}\n`), reads);
    // As CSV too: the escape written out, never sent to the terminal; a line break stays inside its quoted cell.
    const csv = (await list(['--group', 'sign_ins', '--csv'])).stdout;
    assert.ok(!csv.includes('\u001b') && csv.includes('\\u001b[2J'), csv);
    const paged = await list(['--csv', '--limit', '10']);
    assert.notEqual(paged.status, 0, 'a page option beside --csv is refused');
    assert.match(paged.stderr, /--csv cannot be used with --limit/);
  });
});
