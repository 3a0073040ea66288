// What browser tests read of a form's own checks: the words the browser says of a control (its bubble),
// and the form sent as the browser sends it, so that the checks run even where the page holds its button
// until a field is filled.
import type { Locator } from 'playwright-core';

/** What the browser says of a control that does not validate (its bubble's words); '' once it does. */
export const said = (control: Locator): Promise<string> =>
  control.evaluate((el) => ('validationMessage' in el ? String(el.validationMessage) : ''));

/** Sends the form of `control` as the browser does (requestSubmit): its checks run first. */
export const submitForm = (control: Locator): Promise<void> =>
  control.evaluate((el) => {
    const form = 'form' in el ? (el.form as { requestSubmit(): void } | null) : null;
    form?.requestSubmit();
  });
