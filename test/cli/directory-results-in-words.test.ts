// What the operator's directory commands print for people — `org create | add-unit`, `user create |
// countersign | refuse | disable`, `key rotate | revoke | list`, `retention set` — is a short summary in the
// CLI's language (Japanese by default, English with SHOKAI_LANG=en): names, roles, purposes and reasons by
// their labels, never the JSON nor a role key, purpose or reason code. --json keeps the JSON for programs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type CliResult, shokaiSync } from '../support/cli.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';

/** A line's capture, or a failure naming what was printed. */
function captured(r: CliResult, pattern: RegExp): string {
  assert.equal(r.status, 0, r.stderr);
  const m = pattern.exec(r.stdout);
  assert.ok(m?.[1], `${pattern} in:\n${r.stdout}`);
  return m[1];
}

/** An instant as the operator reads it in Japan: date, time to the second, and the offset. */
const TOKYO = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00`;
/** An instant as stored (ISO 8601 UTC), which people's lines never show. */
const STORED = /\d{2}:\d{2}:\d{2}(\.\d+)?Z/;

/** No JSON and none of the codes the JSON carries. */
function inWords(r: CliResult, codes: RegExp = /(?!)/): void {
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /[{}"]/, `no JSON:\n${r.stdout}`);
  assert.doesNotMatch(r.stdout, codes, `no codes:\n${r.stdout}`);
}

for (const dialect of testDialects()) {
  describe(`the directory's commands say what they did in words (${dialect})`, () => {
    const { freshForCli } = suiteLocation(dialect, 'shokai-words-');

    test('org, unit, user, grants, keys and retention: Japanese, English, and --json', async () => {
      const { env } = await freshForCli();
      const ja = { ...env, SHOKAI_LANG: 'ja' };
      const cli = (args: string[], e: Record<string, string> = ja) => shokaiSync(args, e);
      assert.equal(cli(['db', 'migrate']).status, 0);

      // Organisations and units.
      const orgJa = cli(['org', 'create', '--kind', 'agency', '--name-ja', '試験県警', '--name-en', 'Test Police']);
      inWords(orgJa, /agency/);
      const org = captured(orgJa, /^組織を登録しました: 試験県警（捜査機関） {2}ID (org_\S+)$/m);
      const ispEn = cli(
        ['org', 'create', '--kind', 'provider', '--name-ja', '試験通信', '--name-en', 'Test ISP', '--carrier'],
        env,
      );
      inWords(ispEn);
      assert.match(
        ispEn.stdout,
        /^registered the organisation Test ISP \(Provider, telecommunications carrier\), id org_/,
      );
      const court = cli(['org', 'create', '--kind', 'court', '--name-ja', '試験地裁', '--name-en', 'Court', '--json']);
      assert.equal(court.status, 0, court.stderr);
      assert.deepEqual(Object.keys(JSON.parse(court.stdout)).sort(), [
        'createdAt',
        'id',
        'isTelecomCarrier',
        'kind',
        'nameEn',
        'nameJa',
        'providerCategory',
      ]);
      const unitJa = cli(['org', 'add-unit', '--org', org, '--name-ja', '捜査一課', '--name-en', 'First Division']);
      inWords(unitJa);
      const unit = captured(
        unitJa,
        /^所属を加えました: 捜査一課 {2}ID (unit_\S+)（署名用と暗号化用の鍵も作りました）$/m,
      );
      const unitEn = cli(['org', 'add-unit', '--org', org, '--name-ja', '二課', '--name-en', 'Second'], env);
      assert.match(unitEn.stdout, /^added the unit Second, id unit_\S+ \(with its signing and encryption keys\)$/m);
      const unitJson = JSON.parse(
        cli(['org', 'add-unit', '--org', org, '--name-ja', '三課', '--name-en', 'Third', '--json']).stdout,
      ) as { id: string; nameEn: string };
      assert.equal(unitJson.nameEn, 'Third');
      /** The arguments of `user create` in the first unit, then any further options. */
      const userCreate = (login: string, name: string, roles: string, ...more: string[]) => {
        const who = ['--login', login, '--name', name, '--roles', roles];
        return ['user', 'create', '--org', org, '--unit', unit, ...who, ...more];
      };
      /** The arguments of `key rotate` of the first unit's key for `purpose` by adm, then any further options. */
      const unitKeyRotate = (purpose: string, ...more: string[]) => {
        const owner = ['--owner-type', 'unit', '--owner', unit];
        return ['key', 'rotate', '--as', 'adm', ...owner, '--purpose', purpose, ...more];
      };

      // People: roles by their labels, the grant waiting for a second person, the enrolment code once.
      const admJa = cli(userCreate('adm', '管理 一郎', 'admin,key_officer'));
      inWords(admJa, /key_officer|\badmin\b|enrolment|totpSecret/);
      assert.match(admJa.stdout, /^利用者を作りました: adm（管理 一郎） {2}ID usr_\S+$/m);
      assert.match(admJa.stdout, /^ロール: 管理者$/m);
      const officerGrant = captured(
        admJa,
        /^副署待ち: 鍵管理責任者（二人目の管理者か鍵管理責任者が shokai user countersign (grant_\S+) --as <ログイン名> で/m,
      );
      assert.match(
        admJa.stdout,
        /^登録コード（表示はこの一度だけです。adm さん本人に渡してください）: ([A-Z2-7]{4}-){4}[A-Z2-7]{4}$/m,
      );
      assert.match(admJa.stdout, /^有効期限: 令和\d+年（20\d\d年）.* [+-]\d\d:\d\d。本人がハブの \/enrol で/m);
      const adm2En = cli(userCreate('adm2', 'Kanri Jiro', 'admin,unit_head'), env);
      inWords(adm2En, /unit_head|\badmin\b/);
      assert.match(adm2En.stdout, /^created the user adm2 \(Kanri Jiro\), id usr_\S+$/m);
      const adminGrant = captured(
        adm2En,
        /^awaiting countersignature: Administrator \(it takes effect .*?(grant_\S+) --as/m,
      );
      const headGrant = captured(adm2En, /^awaiting countersignature: Unit head \(approver\) \(.*?(grant_\S+) --as/m);
      assert.match(adm2En.stdout, /^enrolment code \(shown this once: hand it to adm2 in person\): [A-Z2-7-]{24}$/m);
      assert.match(adm2En.stdout, /^valid until \d+ \w+ 20\d\d .* [+-]\d\d:\d\d; with it the person chooses/m);
      const satoJson = cli(userCreate('sato', '佐藤', 'investigator', '--json'));
      assert.equal(satoJson.status, 0, satoJson.stderr);
      const made = JSON.parse(satoJson.stdout) as { user: { roles: string[] }; enrolment: { code: string } };
      assert.deepEqual(Object.keys(made), ['user', 'enrolment'], '--json prints { user, enrolment }');
      assert.deepEqual(made.user.roles, ['investigator']);

      // The second person: countersigned, refused (the JSON under --json).
      const signed = cli(['user', 'countersign', adminGrant, '--as', 'adm']);
      inWords(signed, /\badmin\b|active/);
      assert.equal(signed.stdout, '副署しました: adm2（Kanri Jiro）の「管理者」は有効になりました\n');
      const refused = cli(['user', 'refuse', headGrant, '--as', 'adm', '--reason', 'not needed'], env);
      inWords(refused, /unit_head/);
      assert.equal(
        refused.stdout,
        'refused: the role Unit head (approver) for adm2 (Kanri Jiro); reason: not needed\n',
      );
      const officer = cli(['user', 'countersign', officerGrant, '--as', 'adm2', '--json']);
      assert.equal(officer.status, 0, officer.stderr);
      assert.deepEqual([JSON.parse(officer.stdout).role, JSON.parse(officer.stdout).state], ['key_officer', 'active']);

      // Keys: purposes, owners and reasons in words.
      const rotated = cli(unitKeyRotate('signing', '--zone', 'Asia/Tokyo'));
      inWords(rotated, /\bsigning\b|unit:/);
      // The owner by name (its id beside it, for the commands that take one); when, in the zone --zone names.
      assert.match(
        rotated.stdout,
        new RegExp(
          `^鍵を新しくしました: key_\\S+  所属: 捜査一課 \\(${unit}\\)  署名用  SHA-256 [0-9a-f ]+  有効 ${TOKYO} 〜$`,
          'm',
        ),
      );
      assert.doesNotMatch(rotated.stdout, STORED);
      const rotatedEn = cli(unitKeyRotate('encryption'), env);
      const earlier = captured(
        rotatedEn,
        new RegExp(`^rotated; the new key: (key_\\S+)  Unit: First Division \\(${unit}\\)  Encryption  `, 'm'),
      );
      const keyJson = cli(unitKeyRotate('encryption', '--json'));
      const newest = JSON.parse(keyJson.stdout) as { id: string; purpose: string; validFrom: string };
      assert.equal(newest.purpose, 'encryption');
      assert.match(newest.validFrom, /T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, '--json keeps the instant as stored');
      const revoked = cli(['key', 'revoke', newest.id, '--as', 'adm', '--reason', 'compromised']);
      inWords(revoked, /compromised/);
      assert.equal(revoked.stdout, `鍵を失効させました: ${newest.id}（理由: 漏えい・危殆化）\n`);
      const revokedEn = cli(['key', 'revoke', earlier, '--as', 'adm', '--reason', 'retired'], env);
      inWords(revokedEn, /retired/);
      assert.equal(revokedEn.stdout, `revoked the key ${earlier} (reason: Retired)\n`);
      const again = cli(['key', 'revoke', newest.id, '--as', 'adm', '--reason', 'retired', '--json']);
      assert.notEqual(again.status, 0, 'revoked once');
      // Validity and revocation in the operator's zone with the offset: --zone, else this machine's (TZ).
      const listJa = cli(['key', 'list', '--org', org, '--zone', 'Asia/Tokyo']);
      inWords(listJa, /\b(signing|encryption|compromised|REVOKED|from|to)\b|unit:/);
      assert.match(
        listJa.stdout,
        new RegExp(`^key_\\S+ +所属: 捜査一課 \\(${unit}\\) +署名用 +SHA-256 [0-9a-f ]+ +有効 ${TOKYO} 〜`, 'm'),
      );
      assert.match(
        listJa.stdout,
        new RegExp(`^${newest.id} .*暗号化用 .*有効 ${TOKYO} 〜  失効 ${TOKYO}（漏えい・危殆化）$`, 'm'),
      );
      assert.match(
        listJa.stdout,
        new RegExp(`^${earlier} .*有効 ${TOKYO} 〜 ${TOKYO}  失効 ${TOKYO}（使用終了）$`, 'm'),
      );
      assert.doesNotMatch(listJa.stdout, STORED);
      const listEn = cli(['key', 'list', '--org', org], { ...env, TZ: 'Asia/Tokyo' });
      inWords(listEn, /\b(signing|encryption|compromised|REVOKED)\b/);
      assert.match(listEn.stdout, new RegExp(`^key_\\S+ +Unit: First Division \\(${unit}\\) +Signing +SHA-256 `, 'm'));
      assert.match(
        listEn.stdout,
        new RegExp(`^${newest.id} .*Encryption .*valid from ${TOKYO}  revoked ${TOKYO} \\(Compromised\\)$`, 'm'),
      );
      assert.doesNotMatch(listEn.stdout, STORED);

      // A user disabled.
      const disabled = cli(['user', 'disable', 'sato', '--as', 'adm']);
      inWords(disabled);
      assert.equal(disabled.stdout, '利用者を無効にしました: sato（佐藤）。ログイン中のセッションも終了しました\n');
      const disabledEn = cli(['user', 'disable', 'adm2', '--as', 'adm', '--json'], env);
      assert.equal((JSON.parse(disabledEn.stdout) as { disabled: boolean }).disabled, true);

      // Retention: the kind and what is done, by their labels.
      const ret = cli(['retention', 'set', '--kind', 'inquiry', '--days', '30', '--mode', 'archive']);
      inWords(ret, /inquiry|archive/);
      assert.equal(ret.stdout, '保存期間を設定しました: 捜査関係事項照会 — 完結後 30 日で封緘して保管\n');
      const retEn = cli(['retention', 'set', '--kind', 'warrant', '--days', '60', '--mode', 'purge'], env);
      assert.equal(retEn.stdout, 'retention set: Warrant — Purge, 60 days after closing\n');
      const retJson = cli(['retention', 'set', '--kind', 'warrant', '--days', '61', '--mode', 'purge', '--json']);
      const policy = JSON.parse(retJson.stdout) as Record<string, { days: number; mode: string }>;
      assert.deepEqual(policy.warrant, { days: 61, mode: 'purge' });
      assert.deepEqual(policy.inquiry, { days: 30, mode: 'archive' });
    });
  });
}
