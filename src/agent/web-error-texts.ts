import type { Bilingual } from '../domain/vocabulary.ts';

// The words of the installation's pages when no page answers as asked (./web-errors.ts): an address with
// no page, a form posted from another site, a request that could not be read, a failure nobody expected.
// Japanese and English; never the error's own words, which are for the installation's log only.

export const WEB_ERROR_TEXTS = {
  'notFound.title': { ja: 'ページが見つかりません', en: 'Page not found' },
  'notFound.body': {
    ja: 'このアドレスのページはありません。アドレスを確かめるか、上のメニューから開いてください。',
    en: 'There is no page at this address. Check the address, or open a page from the menu above.',
  },
  'crossOrigin.title': { ja: '送信を受け付けませんでした', en: 'The form was not accepted' },
  'crossOrigin.body': {
    ja:
      'このフォームは別のサイトから送られたため、受け付けませんでした。何も変更していません。' +
      'この設置のページを開き直し、そこから送ってください。',
    en:
      'This form was sent from another site, so it was refused and nothing was changed. ' +
      "Open this installation's page again and send the form from there.",
  },
  'foreignHost.title': { ja: 'この名前では開けません', en: 'Not under this name' },
  'foreignHost.body': {
    ja:
      'この設置のページはこの機械の上でだけ、localhost または 127.0.0.1 の名前で開けます。' +
      '別の名前で届いた要求には何も答えていません。',
    en:
      "This installation's pages open only on this machine, under localhost or 127.0.0.1. " +
      'A request that came under another name was answered with nothing.',
  },
  'unreadable.title': { ja: '要求を読み取れませんでした', en: 'The request could not be read' },
  'unreadable.body': {
    ja: '何も変更していません。ページを開き直して、もう一度送ってください。',
    en: 'Nothing was changed. Open the page again and send it once more.',
  },
  'unexpected.title': { ja: '処理を完了できませんでした', en: 'Something went wrong' },
  'unexpected.body': {
    ja:
      '予期しない問題が起きたため、操作が完了していない可能性があります。ページを開き直して状態を確かめ、' +
      '必要ならもう一度操作してください。続くときは、この設置の運用担当に下の照合番号を伝えてください' +
      '（問題の内容は設置のログに記録しました）。',
    en:
      'An unexpected problem occurred, and what you asked may not have been done. Open the page again to ' +
      "see where things stand, and try again if need be. If it keeps happening, give this installation's " +
      "operator the reference below (what went wrong is in the installation's log).",
  },
  'unexpected.reference': { ja: '照合番号', en: 'Reference' },
} satisfies Record<string, Bilingual>;

export type WebErrorText = keyof typeof WEB_ERROR_TEXTS;
