// A hearing held on paper (意見照会書 by post): the provider records what the subscriber answered by hand,
// choosing it (nothing is pre-chosen), and "no reply" is refused before the hearing's deadline, in words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { defamationClaim, transition, underReview } from '../support/flow.ts';
import { assertAccessible, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

const WORDS = {
  ja: {
    legend: '発信者の回答（書面による意見照会）',
    record: '発信者の意見を記録する',
    noReply: /回答なし/,
    consent: /回答あり：反対しない/,
    early: /期限（令和.*）を過ぎてから/,
    done: /意見を記録しました/,
  },
  en: {
    legend: "The subscriber's reply (hearing on paper)",
    record: "Record the subscriber's opinion",
    noReply: /No reply/,
    consent: /does not object/,
    early: /only after the hearing's deadline/,
    done: /Opinion recorded/,
  },
} as const;

test('an opinion heard on paper is chosen, and "no reply" waits for the deadline', async () => {
  const lawyer = await ui.hub.client('lawyer');
  const board = await ui.hub.client('board.legal');
  const boardId = await orgId(ui.hub, 'Sakura Board K.K.');
  for (const lang of ['ja', 'en'] as const) {
    const id = await underReview(
      { drafter: lawyer, head: lawyer, provider: board },
      defamationClaim(boardId, `PH-${lang}`),
    );
    await transition(board, id, { action: 'start_opinion_hearing', message: '意見照会書を郵送しました' });
    const w = WORDS[lang];
    const desk = await ui.signedIn('board.legal', `/requests/${id}`, { lang });
    const page = desk.page;
    const form = page.locator('fieldset', { hasText: w.legend });
    await form.waitFor();
    await page
      .getByRole('textbox')
      .first()
      .fill(lang === 'ja' ? '回答なし' : 'no reply');
    const record = page.getByRole('button', { name: w.record });
    assert.equal(await record.isDisabled(), true, 'nothing is chosen for the person');
    await form.getByLabel(w.noReply).check();
    await record.click();
    const error = page.locator('[data-testid=error-notice]');
    await error.waitFor();
    assert.match(await error.innerText(), w.early);
    await assertAccessible(page, `paper hearing (${lang})`);
    await form.getByLabel(w.consent).check();
    await record.click();
    await page.getByText(w.done).waitFor();
    assert.deepEqual(jsErrors(page), []);
    await desk.context.close();
  }
});
