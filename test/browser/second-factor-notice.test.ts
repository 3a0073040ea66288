// A person whose second factor failed codes locked (their password is known to someone) is told on their
// home screen, and their organisation's administrator sees it in the list of its people, in Japanese and in
// English, before anything else of the person's standing; the administrator lifts it (asked twice), and
// the person, signing in from a new browser, is told who did.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countSecondFactorTry, SECOND_FACTOR_FAILURES } from '../../src/auth/second-factor-lock.ts';
import { orgId } from '../support/exchange.ts';
import { jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('a locked second factor is told to the person and shown to their administrator', async () => {
  // sato signs in first: this browser is their usual one, which the lock does not keep out.
  const sato = await ui.signedIn('sato');
  const row = await ui.hub.ctx.store.db
    .selectFrom('users')
    .select('id')
    .where('login', '=', 'sato')
    .executeTakeFirstOrThrow();
  // The codes a guesser sent with sato's password, counted as sign-in counts them.
  for (let i = 0; i < SECOND_FACTOR_FAILURES; i++) await countSecondFactorTry(ui.hub.ctx, row.id, new Date());
  await sato.page.reload();
  const notice = sato.page.locator('[data-testid="second-factor-locked"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), new RegExp(`確認コードの誤りが${SECOND_FACTOR_FAILURES}回`));
  assert.match(await notice.innerText(), /管理者にやり直し/);
  await sato.page.getByRole('button', { name: 'English' }).click();
  assert.match(await notice.innerText(), new RegExp(`${SECOND_FACTOR_FAILURES} wrong codes`));
  assert.deepEqual(jsErrors(sato.page), []);
  await sato.context.close();

  const mpd = await orgId(ui.hub, 'Tokyo Metropolitan Police Department');
  const admin = await ui.signedIn('mpd.admin', `/admin/organisations/${mpd}`);
  const standing = admin.page.locator('[data-testid="second-factor-locked"]');
  await standing.waitFor();
  assert.equal(await standing.count(), 1, 'sato alone');
  assert.match(await standing.innerText(), /パスワードが漏れています/);

  // Once sato says the codes were theirs, the administrator lifts the lock (asked twice: it is the remedy
  // only for codes that were the person's own).
  await admin.page.getByRole('button', { name: 'sato の停止を解除' }).click();
  const ask = admin.page.locator('[data-testid="confirm-step"]');
  assert.match(await ask.innerText(), /本人のものでなければパスワードが漏れています/);
  await ask.getByRole('button', { name: /sato の停止を解除/ }).click();
  await admin.page.getByText('sato の二要素目の停止を解除しました').waitFor();
  await standing.waitFor({ state: 'detached' });
  assert.deepEqual(jsErrors(admin.page), []);
  await admin.context.close();

  // sato signs in from a browser the hub has not seen, and is told who lifted it.
  const back = await ui.signedIn('sato');
  const told = back.page.locator('[data-testid="second-factor-unlocked"]');
  await told.waitFor();
  assert.match(await told.innerText(), /警視庁 システム管理者 さんが.*停止を解除しました/);
  assert.match(await told.innerText(), new RegExp(`${SECOND_FACTOR_FAILURES}回`));
  assert.equal(await back.page.locator('[data-testid="second-factor-locked"]').count(), 0);
  assert.deepEqual(jsErrors(back.page), []);
  await back.context.close();
});
