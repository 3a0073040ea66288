// What several browser tests arrange the same way before they act: a person's desk signed in holding
// their passkey or an empty authenticator, a browser enrolled for the unit's answers, the board's
// answer a trace goes on from, and the board's administrator on the board's own page.
import type { Page } from 'playwright-core';
import { orgId } from '../support/exchange.ts';
import { answeredPostInCase } from '../support/flow.ts';
import {
  boardInquiryPeople,
  type Desk,
  type DeskOptions,
  enrolBrowser,
  enrolFromBrowser,
  platformAuthenticator,
  signIn,
  type UiSuite,
} from './support.ts';

/** A fresh desk whose browser holds `login`'s passkey (see givePasskey), `login` signed in at `path`. */
export async function signedInWithPasskey(ui: UiSuite, login: string, path = '/'): Promise<Desk> {
  const desk = await ui.deskWithPasskey(login);
  await signIn(desk.page, ui.hub, login, path);
  return desk;
}

/**
 * A fresh desk with an empty platform authenticator (see platformAuthenticator), `login` signed in at
 * `path`; `held()` lists the ids of the credentials the authenticator holds.
 */
export async function signedInWithAuthenticator(
  ui: UiSuite,
  login: string,
  path = '/',
): Promise<Desk & { held: () => Promise<string[]> }> {
  const desk = await ui.desk();
  const { credentials } = await platformAuthenticator(desk.context, desk.page);
  await signIn(desk.page, ui.hub, login, path);
  return { ...desk, held: credentials };
}

/** A fresh desk with `login` signed in, its browser enrolled: `holder`'s demo device wraps the answer key to it. */
export async function enrolledDesk(ui: UiSuite, login: string, holder: string): Promise<Desk> {
  const desk = await ui.signedIn(login);
  await enrolBrowser(desk.page, ui.hub, holder);
  return desk;
}

/** A fresh desk with `login` signed in, its browser given the answer keys by the browser on `giver`. */
export async function enrolledFromBrowser(ui: UiSuite, login: string, giver: Page): Promise<Desk> {
  const desk = await ui.signedIn(login);
  await enrolFromBrowser(desk.page, giver, ui.hub);
  return desk;
}

/**
 * Where a trace in the browser starts (see answeredPostInCase): the board's inquiry about the post at
 * `target`, in a case, answered through the API with the poster's access `record`; and the investigator
 * (sato) at a desk enrolled by his unit head, where the answer opens.
 */
export async function boardAnswerToTrace(ui: UiSuite, o: { reference: string; target: object; record: object }) {
  const people = await boardInquiryPeople(ui.hub);
  const boardRequest = await answeredPostInCase(people, await orgId(ui.hub, 'Sakura Board K.K.'), o);
  const inv = await enrolledDesk(ui, 'sato', 'tanaka');
  return { people, boardRequest, inv };
}

/**
 * The board's administrator signed in at /admin and gone on to the board's own page (its people), in the
 * app's language `opts.lang` (Japanese unless given): the desk, and the row of the legal officer, board.legal.
 */
export async function boardAdminAtBoard(ui: UiSuite, opts?: DeskOptions) {
  const desk = await ui.signedIn('board.admin', '/admin', opts);
  const board = opts?.lang === 'en' ? /Sakura Board/ : /さくら掲示板/;
  await desk.page.getByRole('link', { name: board }).first().click();
  return { desk, row: desk.page.getByRole('row', { name: /board\.legal/ }) };
}
