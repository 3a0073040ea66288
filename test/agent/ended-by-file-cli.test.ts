// File mode on the command line, as a provider's operator runs it: a request carried in on a medium is
// withdrawn by the office at the hub; `shokai request-file export` on it then writes its end only, saying
// so, and `shokai agent receive` names what it took in — the request, the hub's word in words, the check
// and the office's reason (en, and ja by default) — and "already recorded" the second time. A file for a
// request the installation does not hold and a file that is not as export writes it are each named with
// why, and the exit says so.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WITHDRAWAL_VERDICT_TEXTS } from '../../src/domain/withdrawal-signature.ts';
import { warrantToCarrier } from '../support/agent.ts';
import { shokai } from '../support/cli.ts';
import { type CliInstallation, cliInstallation, ok } from '../support/cli-installation.ts';
import { otherDialect, testDialects } from '../support/dialects.ts';
import { transition } from '../support/flow.ts';

const WHY = '捜査の結果、開示の必要がなくなったため取り下げます。';

for (const dialect of testDialects()) {
  const agentDialect = otherDialect(dialect);
  const mediumEndTitle =
    `a request's end carried on a medium, on the command line: hub on ${dialect}, ` + `agent on ${agentDialect}`;
  describe(mediumEndTitle, () => {
    let inst: CliInstallation;
    const folders: string[] = [];
    const folder = () => {
      const dir = mkdtempSync(join(tmpdir(), 'shokai-ended-cli-'));
      folders.push(dir);
      return dir;
    };
    /** The carrier's legal officer exports `id` onto the folder `out` (in `lang`). */
    const exportTo = async (id: string, out: string, lang = 'en') => {
      const { token } = await inst.hub.as('isp.legal');
      const args = ['request-file', 'export', id, '--out', out, '--url', inst.hub.url, '--token', token];
      return ok(shokai(args, { SHOKAI_LANG: lang }));
    };

    before(async () => {
      inst = await cliInstallation(dialect, agentDialect, 'ENDED-BY-FILE-CLI');
    });
    after(async () => {
      await inst.close();
      for (const dir of folders) rmSync(dir, { recursive: true, force: true });
    });

    test('withdrawn at the hub: export writes its end; receive names it, ja and en, once recorded', async () => {
      const id = await warrantToCarrier(inst.hub, { organisationId: inst.isp }, inst.caseId, 'EBF-1', {
        port: 51700,
      });
      const first = folder();
      await exportTo(id, first);
      await ok(inst.agent(['receive', first]));

      await transition(await inst.hub.as('sato'), id, { action: 'withdraw', reason: WHY });
      const medium = folder();
      const file = join(medium, `${id}.ended.json`);
      const said = await exportTo(id, medium, '');
      assert.ok(said.includes(`${file}: ハブでの取下げ・終結（依頼元が取り下げ（ハブの記録による））`), said);
      assert.ok(said.includes(`要請 ${id} はハブで終了しています。エンベロープと添付ファイルは書き出しません`), said);

      const r = await inst.agent(['receive', medium]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.ok(r.stdout.includes(`${file}: request ${id}: Withdrawn by the requester (per the hub)\n`), r.stdout);
      assert.ok(r.stdout.includes(`  check: ${WITHDRAWAL_VERDICT_TEXTS.unsigned.en}`), r.stdout);
      assert.ok(r.stdout.includes(`  the requester's reason: ${WHY}`), r.stdout);
      const again = await inst.agent(['receive', medium], '');
      assert.equal(again.status, 0, again.stdout + again.stderr);
      assert.ok(
        again.stdout.includes(`${file}: 要請 ${id}: 依頼元が取り下げ（ハブの記録による） (記録済み)`),
        again.stdout,
      );
      assert.ok(again.stdout.includes(`  検証: ${WITHDRAWAL_VERDICT_TEXTS.unsigned.ja}`), again.stdout);
      // The list says it too: the request is no longer answered here.
      assert.ok((await ok(inst.agent(['list']))).includes('Withdrawn by the requester (per the hub)'));

      // A request the installation does not hold, and a file cut short: named with why, exit 2.
      const other = folder();
      const carried = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const unknown = join(other, 'req_not_here.ended.json');
      writeFileSync(unknown, JSON.stringify({ ...carried, requestId: 'req_not_here' }));
      const cut = join(other, `${id}.ended.json`);
      writeFileSync(cut, readFileSync(file, 'utf8').slice(0, 60));
      const named = await inst.agent(['receive', other]);
      assert.equal(named.status, 2, named.stdout + named.stderr);
      assert.ok(
        named.stdout.includes(
          `${unknown}: the hub's word that a request ended, but this installation does not hold that request: ` +
            `not taken in (request req_not_here)`,
        ),
        named.stdout,
      );
      assert.ok(
        named.stdout.includes(
          `${cut}: cannot be read as the file shokai request-file export writes of a request's end at the hub ` +
            `(REQUEST.ended.json)`,
        ),
        named.stdout,
      );
      const ja = await inst.agent(['receive', other], '');
      assert.equal(ja.status, 2);
      assert.ok(ja.stdout.includes(`${unknown}: ハブでの要請の取下げ・終結を伝えるファイルですが`), ja.stdout);
      assert.ok(ja.stdout.includes('（要請 req_not_here）'), ja.stdout);
    });
  });
}
