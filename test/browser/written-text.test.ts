// Free text keeps what was written (a quoted post may hold any character), and the page shows a hidden
// or direction-changing character as a mark where it stands: the approver does not read a sentence the
// text-direction override turned round, but the override itself, before signing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { boardPost, inquiry, submitted } from '../support/flow.ts';
import { assertAccessible, boardInquiryPeople, jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('an override and a zero-width space in the facts are shown as marks to the approver', async () => {
  const people = await boardInquiryPeople(ui.hub);
  const board = await orgId(ui.hub, 'Sakura Board K.K.');
  const facts = '投稿には「送金先は\u202Eabc.exe\u202C」とあり、\u200B以下省略。\n二行目。';
  const request = await submitted(
    people.drafter,
    inquiry(board, { caseReference: 'WRITTEN-TEXT-1', targets: [boardPost('WRITTEN-TEXT-1')], facts }),
  );
  const head = await ui.signedIn('tanaka', `/requests/${request.id}`);
  const page = head.page;
  const marks = page.locator('.content-view .hidden-char');
  await marks.first().waitFor();
  assert.deepEqual(await marks.allInnerTexts(), ['⟨U+202E⟩', '⟨U+202C⟩', '⟨U+200B⟩']);
  assert.match(
    (await marks.first().getAttribute('title')) ?? '',
    /見えない文字、または文字の向きを変える文字（U\+202E）/,
  );
  // The text around the marks is as written, in its order; no hidden character is left in the page.
  const shown = await page.locator('.content-view dd.prewrap').first().textContent();
  assert.equal(shown, '投稿には「送金先は⟨U+202E⟩abc.exe⟨U+202C⟩」とあり、⟨U+200B⟩以下省略。\n二行目。');
  await assertAccessible(page, 'free text with hidden characters');
  assert.deepEqual(jsErrors(page), []);
  await head.context.close();
});
