import type { Bilingual } from '../domain/vocabulary.ts';

// The words of the call-back the installation asks of itself (./own-call-back.ts) about the number to call:
// the hub's registered number is the hub's word, so a hostile hub could give its own. When the installation
// asks, the reviewer calls a number they know apart from the hub and writes which number they dialled.

/** On the page and in `shokai agent review`, beside the hub's number, when the installation asks. */
export const CALL_A_NUMBER_YOU_KNOW: Bilingual = {
  ja:
    '上の番号はハブが示すものです。ハブに頼らずに確かめた番号（所属の公表された代表番号、庁内の電話帳など）へ' +
    '電話し、電話した番号を記録してください',
  en:
    'The number above is the hub’s word. Call a number you know apart from the hub (the unit’s published ' +
    'switchboard, your own directory) and record the number you dialled',
};

/** The form's label of the number dialled. */
export const DIALLED_LABEL: Bilingual = {
  ja: '電話した番号（ハブに頼らずに確かめた番号）',
  en: 'The number you dialled (one you know apart from the hub)',
};

/** The refusal of an installation's own call-back recorded without the number dialled. */
export const DIALLED_MISSING: Bilingual = {
  ja: '電話した番号（dialled）がありません。この設置が求める折り返し確認には、ハブに頼らずに確かめた番号を記録します',
  en:
    'the number you dialled (dialled) is missing: the call-back this installation asks records a number known ' +
    'apart from the hub',
};
