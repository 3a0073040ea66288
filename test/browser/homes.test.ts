// What each person finds on signing in: the claimant's lawyer and the judge see their own work, named
// so they can find it, and nothing of the police's paperwork.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test("the lawyer's home lists the office's requests and no police follow-ups", async () => {
  const law = await ui.signedIn('lawyer');
  const main = law.page.locator('main');
  await main.getByRole('heading', { name: /発出済み・回答待ち/ }).waitFor();
  // Emergency paperwork, preservation ends and MLAT reminders never concern a law office.
  assert.doesNotMatch(await main.innerText(), /後続の手続|緊急照会|国際捜査共助/);
  assert.deepEqual(jsErrors(law.page), []);
  await law.context.close();
});
