// `shokai answer-file import` says what it took in: the request by its reference and where it now stands by
// its state's label, in Japanese by default and in English with SHOKAI_LANG=en — never the raw state code.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ANSWER_FILE_FORMAT } from '../../src/agent/files.ts';
import { shokai } from '../support/cli.ts';
import { hubHooks } from '../support/exchange.ts';

describe('shokai answer-file import: the state in words', () => {
  const hub = hubHooks('sqlite');

  test('the reference, and the state by its label in either language', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shokai-answer-file-words-'));
    const env = { SHOKAI_MASTER_KEY: hub.masterKey, SHOKAI_DATA_DIR: dir };
    /** A file carrying one of the provider's steps on a demo request, taken in as its legal officer `as`. */
    const takeIn = (reference: string, as: string, transition: Record<string, unknown>, lang: 'ja' | 'en') => {
      const r = hub.demo.requests.find((x) => x.reference === reference);
      assert.ok(r, reference);
      const file = join(dir, `${reference}.answer.json`);
      writeFileSync(file, JSON.stringify({ format: ANSWER_FILE_FORMAT, requestId: r.id, transition }));
      const args = ['answer-file', 'import', file, '--as', as, '--store', hub.storeUrl];
      return { file, run: shokai(args, { ...env, SHOKAI_LANG: lang }) };
    };

    // The emergency the board received: its review starts.
    const ja = takeIn('SHK-2026-000004', 'board.legal', { action: 'start_review' }, 'ja');
    const jaOut = await ja.run;
    assert.equal(jaOut.status, 0, jaOut.stderr);
    assert.equal(jaOut.stdout, `${ja.file}: SHK-2026-000004 を取り込みました。要請は「審査中」です\n`);
    // The warrant under review at the ISP: it asks the unit to clarify it.
    const en = takeIn(
      'SHK-2026-000002',
      'isp.legal',
      { action: 'request_clarification', message: 'which account?' },
      'en',
    );
    const enOut = await en.run;
    assert.equal(enOut.status, 0, enOut.stderr);
    assert.equal(enOut.stdout, `${en.file}: SHK-2026-000002 taken in; the request is now clarification requested\n`);
    assert.doesNotMatch(`${jaOut.stdout}${enOut.stdout}`, /under_review|clarification_requested|→/);
  });
});
