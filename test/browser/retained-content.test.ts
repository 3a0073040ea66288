// A closed request that retention handled still opens in the browser: the page says, in Japanese and in
// English, that its targets and text were removed, shows a dash where they were, and never a raw key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { uploadSealedFile } from '../../src/client/attachment-seal.ts';
import { createApiClient } from '../../src/client/client.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { runRetention, setRetentionRule } from '../../src/exchange/retention.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { type Client, orgId } from '../support/exchange.ts';
import { answer, boardPost, draft, inquiry, submitApprove, subscriberFound, transition } from '../support/flow.ts';
import { assertAccessible, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** Sato closes the inquiry `id`, long enough ago for its period (a day) to have run; retention archives it. */
async function closedAndArchived(id: string, sato?: Client) {
  await transition(sato ?? (await ui.hub.client('sato')), id, { action: 'close' });
  await ui.hub.ctx.store.db
    .updateTable('requests')
    .set({ closed_at: '2020-01-01T00:00:00.000Z' })
    .where('id', '=', id)
    .execute();
  await run(ui.hub.ctx, setRetentionRule, SYSTEM_CALLER, { kind: 'inquiry', days: 1, mode: 'archive' });
  const r = await runRetention(ui.hub.ctx, SYSTEM_CALLER);
  assert.ok(r.applied.some((a) => a.requestId === id));
}

/** What one part of a request's page says, in each language (and passes `check`), after `act` if given. */
interface Says {
  selector: string;
  what: string;
  words: { ja: RegExp; en: RegExp; check: (text: string) => void };
  act?: (page: Page) => Promise<void>;
}

/**
 * Request `id`'s page, in each language, says each of `parts` in turn, accessibly. One sign-in a language:
 * a TOTP code is taken once, so a second sign-in of the same person waits for the next code.
 */
async function saysInBoth(id: string, ...parts: Says[]) {
  for (const lang of ['ja', 'en'] as const) {
    const inv = await ui.signedIn('sato', `/requests/${id}`, { lang });
    for (const { selector, what, words, act } of parts) {
      await act?.(inv.page);
      // the part is on the page before its data: wait for the words, then read all it says
      const part = inv.page.locator(selector).filter({ hasText: words[lang] });
      await part.waitFor();
      const text = await part.innerText();
      assert.match(text, words[lang]);
      words.check(text);
      await assertAccessible(inv.page, `${what} (${lang})`);
    }
    assert.deepEqual(jsErrors(inv.page), []);
    await inv.context.close();
  }
}

test('a request retention emptied reads, saying so in both languages', async () => {
  const answered = ui.hub.demo.requests.find((r) => r.kind === 'inquiry' && r.state === 'answered');
  assert.ok(answered, 'the demo has an answered inquiry');
  await closedAndArchived(answered.id);

  await saysInBoth(answered.id, {
    selector: '.content-view',
    what: 'retained request',
    words: {
      ja: /保存期間を過ぎたため、対象と記述（罪名・事実・必要性など）は消去されました/,
      en: /Past its retention period, its targets and written text \(offence, facts, necessity…\) were removed/,
      check: (text) => {
        assert.match(text, /—/, 'a dash where the text was');
        assert.doesNotMatch(text, /request\.contentRemoved/);
      },
    },
  });
});

test('a file whose name retention removed is listed under its id, and says why it does not open', async () => {
  const sato = await ui.hub.client('sato');
  const boardId = await orgId(ui.hub, 'Sakura Board K.K.');
  const d = await draft(sato, inquiry(boardId, { caseReference: 'NAMES-UI', targets: [boardPost('t/5530')] }));
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('ui-5530')]);
  const file = await uploadSealedFile(createApiClient({ baseUrl: ui.hub.url, token: sato.token }), d.id, 'request', {
    fileName: '被害者山田の画面.png',
    mediaType: 'image/png',
    bytes: png,
  });
  await submitApprove(sato, await ui.hub.client('tanaka'), d.id);
  await answer(await ui.hub.client('board.legal'), d.id, [subscriberFound({ name: '名前 五郎' })]);
  await closedAndArchived(d.id, sato);

  await saysInBoth(
    d.id,
    {
      selector: '#attachments',
      what: 'file whose name was removed',
      words: {
        ja: /ファイル名は保存期間経過により消去/,
        en: /its name was removed after the retention period/,
        check: (text) => {
          assert.ok(text.includes(`${file.id}.png`), text);
          assert.doesNotMatch(text, /山田|attachments\.nameRemoved/);
        },
      },
    },
    // Opening it: the page checks a request file against the signed request, which retention took (into the
    // archive box): it says so, not that the file differs from what the approver signed.
    {
      selector: '[data-testid=error-notice]',
      what: 'file of an archived request',
      words: {
        ja: /保存期間.*署名された照会書.*封緘/,
        en: /retention period.*signed request.*sealed/,
        check: (text) => assert.doesNotMatch(text, /SHA-256|一致しません|is not the one named|attachments\./),
      },
      act: (page) => page.locator('#attachments button.link').first().click(),
    },
  );
});
