// User-visible texts of the attribution engine and its CLI, Japanese (default) and English.
// SHOKAI_LANG=en selects English (the CLI's language, `cliLocale`); JSON field names and reason codes
// stay English.
import { type Bilingual, cliLocale, type Locale } from '../kernel/text.ts';

type Params = Record<string, string | number>;

export const TEXTS = {
  unknown_address: {
    ja: '{ip} はこの事業者の記録で一度も割り当てられていません',
    en: "{ip} was never assigned in this provider's records",
  },
  before_records: {
    ja: '照会範囲はこのアドレスの最古の記録より前です（記録全体の最古は {from}。保存期間外の可能性）',
    en:
      'the window lies before the oldest record of this address (the oldest record overall is from {from}); ' +
      'possibly beyond retention',
  },
  after_records: { ja: '照会範囲は最新の記録（{to}）より後です', en: 'the window lies after the newest record ({to})' },
  gap: {
    ja: '{ip} についてこの時間帯を覆う記録がありません（記録の空白）{last}',
    en: 'no record of {ip} covers the window (a gap in the records){last}',
  },
  gap_last: { ja: '。直前の記録は {at} に終了', en: '; the previous record ended at {at}' },
  port_outside_blocks: {
    ja: 'ポート {port} は {ip} のその時点のどのポートブロックにも含まれません',
    en: 'port {port} lies outside every port block of {ip} at that time',
  },
  no_port_cgnat: {
    ja: '{ip} はキャリアグレードNATの公開アドレスです。ポートがないため、その時点の利用者全員を列挙します',
    en: '{ip} is a carrier-grade NAT public address; without a port every holder at that time is listed',
  },
  cgnat_other_times: {
    ja:
      '{ip} は{span}、キャリアグレードNATの公開アドレスとして記録されています。' +
      '照会時点はその前後 1 日より外なので直接の割当てを候補として示しますが、' +
      'その時点に NAT を通じてほかの人が使っていなかったことは記録からは示せません' +
      '（NAT のログが始まる前から保持されていたポートブロック、読み込まれていない NAT のログ）。1件には絞りません',
    en:
      '{ip} is recorded as a carrier-grade NAT public address {span}; the window lies more than a day ' +
      'outside that, so its direct holders are listed, but the records cannot show that no one else used it ' +
      'through the NAT then ' +
      '(a port block held since before the NAT logs begin, NAT logs not loaded): no single holder is named',
  },
  cgnat_after_logged: {
    ja:
      '{ip} は{span}、キャリアグレードNATの公開アドレスとして記録されています。' +
      'その最後の変換を記録した NAT のログ{source}は、照会範囲の終わりまで 1 時間を超えて途切れることなく続き、' +
      'その間 {ip} の変換の記録はありません。このため直接の割当てを示します',
    en:
      '{ip} is recorded as a carrier-grade NAT public address {span}; the NAT log that recorded its last ' +
      'translation{source} runs on, never silent for more than an hour, to the end of the window and records no ' +
      'translation of {ip} in that time: its direct holder is shown',
  },
  cgnat_log_ends: {
    ja:
      '{ip} の最後の変換を記録した NAT のログ（{file}{source}）は、' +
      '照会範囲の終わりまで記録が続いていることを示しません。{until}',
    en:
      'the NAT log that recorded the last translation of {ip} ({file}{source}) does not show the time to the end ' +
      'of the window: {until}',
  },
  cgnat_log_joined: {
    ja: '（取り込み時に送信元 {source} と申告されたファイルを、ローテーションされた一つのログとしてつないだもの）',
    en: ' (the files declared at import as from {source}, joined as one rotated log)',
  },
  cgnat_log_ends_joined: {
    ja: '。取り込み時に申告された送信元 {source} のファイルをつないだもの',
    en: '; the files declared at import as from {source}, joined',
  },
  cgnat_log_until: {
    ja: '{at} の後、1 時間を超えて記録が途切れているか、そこで終わっています',
    en: 'it falls silent for over an hour, or ends, after {at}',
  },
  cgnat_log_not_shown: {
    ja: 'その変換の終わりの時刻の前後に、このログ自身の記録がありません（終わりが別のファイルに記録されたなど）',
    en: "it holds no records of its own around that translation's end (the end was logged in another file, say)",
  },
  cgnat_span: { ja: ' {from} から {to} まで', en: 'from {from} to {to}' },
  cgnat_span_open: { ja: ' {from} 以降', en: 'from {from} on' },
  inside_unassigned: {
    ja: '内部アドレス {inside} について、その時点のセッション・リース記録がありません',
    en: 'inside address {inside} has no session or lease record at that time',
  },
  several_accounts: {
    ja: '照会範囲内で {n} 件のアカウントが該当し得ます',
    en: '{n} accounts may have held it within the window',
  },
  handover: {
    ja: '照会範囲内で保持者が交代しています（{from} → {to}）',
    en: 'the holder changed within the window ({from} → {to})',
  },
  partial: {
    ja: '照会範囲の一部（{from} – {to}）を覆う記録がありません',
    en: 'part of the window ({from} – {to}) is covered by no record',
  },
  no_stop: {
    ja: '終了記録のないセッション/割当（最終確認 {at}）。その後も保持していた可能性があります',
    en: 'holding without an end record (last seen {at}); it may have continued',
  },
  no_subscriber: {
    ja: 'アカウント {account} は加入者台帳にありません',
    en: 'account {account} is not in the subscriber directory',
  },
  contract_not_covering: {
    ja: 'アカウント {account} の契約期間が照会時点を含みません',
    en: 'the contract of account {account} does not cover the instant',
  },
  deterministic: { ja: '決定論的NAT設定 {name} から算出', en: 'computed from deterministic NAT configuration {name}' },
  records_cut: {
    ja: 'このアドレスには照会範囲に掛かり得る記録が {n} 件を超えてあり、すべては読み切れていません。1件には絞りません',
    en: 'more than {n} records of this address may reach the window and not all were read: no single holder is named',
  },
  lines_refused: {
    ja:
      'この設置が取り込んだログには、取り込みの際に読めなかった行があります（{files}）。その行に書かれていた記録は' +
      'この回答に含まれていません（行と理由は取り込みの報告と監査記録にあります）',
    en:
      'the logs this installation ingested hold lines that could not be read when they were ingested ({files}); ' +
      "whatever records those lines held are not in this answer (the ingest's report and audit entry give each line " +
      'and why)',
  },
  lines_refused_file: { ja: '{file} の {n} 行', en: '{file}: {n} line(s)' },
  lines_refused_more: { ja: 'ほか {n} ファイル', en: '{n} more file(s)' },
  before_records_refused: {
    ja:
      '照会範囲はこのアドレスの最古の記録より前です（記録全体の最古は {from}）。取り込みの際に読めなかった行が' +
      'あるため、保存期間を過ぎたためとは限りません',
    en:
      'the window lies before the oldest record of this address (the oldest record overall is from {from}); ' +
      'lines were refused when the logs were ingested, so this need not be beyond retention',
  },
  unique: {
    ja: '照会範囲の全時点で該当し得るアカウントは1件のみです',
    en: 'exactly one account can have held it at every instant of the window',
  },
  // CLI
  ingest_done: {
    ja: '{files} ファイル: {ingested} 件取り込み、{skipped} 件スキップ',
    en: '{files} file(s): {ingested} record(s) ingested, {skipped} skipped',
  },
  kept_as_one: {
    ja:
      'うち {n} 件の記録は、別の記録と同じ保持（同じアドレス・同じ開始時刻・同じ利用者）の記録だったため、' +
      'その記録と一つの保持として記録しました',
    en:
      '{n} of the records repeated the holding of another record (the same address, start and holder) and were ' +
      'kept as one holding with it',
  },
  already_ingested: {
    ja: '{file} は取り込み済みです（同一内容。{at} に形式 {format} で取り込み）',
    en: '{file} was already ingested (same content, read as {format} at {at})',
  },
  nothing_stored: {
    ja: '{file}: 1 行も取り込めなかったため、取り込み済みにはしていません。形式（--format）やタイムゾーン（--zone）を直して、もう一度実行してください',
    en: '{file}: no line could be stored, so it is not marked as ingested; correct --format or --zone and run again',
  },
  refused_before: {
    ja:
      '{file}: 取り込み済みですが、その際 {n} 行が読めず、その行の記録は取り込まれていません' +
      '（行と理由はその時の報告と監査記録にあります）。{advice}',
    en:
      '{file}: ingested before, but {n} line(s) were refused then and their records are not stored (the lines and ' +
      "why are in that run's report and its audit entry). {advice}",
  },
  refused_advice_zone: {
    ja:
      '時差もタイムゾーンもない時刻のために読めなかった行は、--zone ZONE を付けてもう一度実行すると読み込まれます' +
      '（取り込み済みの記録は重複しません）。ほかの理由の行は、直して別のファイルにして取り込んでください',
    en:
      'lines refused for want of a UTC offset are read by running again with --zone ZONE (records stored before ' +
      'are not stored twice); lines refused for other reasons must be corrected and ingested as a file of their own',
  },
  refused_advice_copy: {
    ja: '同じ指定で読み直しても同じ行が読めません。読めなかった行を直して、別のファイルにして取り込んでください',
    en: 'reading it again as before refuses the same lines: correct them and ingest them as a file of their own',
  },
  read_again: {
    ja:
      '{file}: --zone なしで取り込んだ際に {n} 行が読めなかったため、--zone {zone} で最初の行から読み直しました' +
      '（取り込み済みの記録は重複しません）',
    en:
      '{file}: {n} line(s) were refused when it was read without --zone, so it was read again from its first line ' +
      'with --zone {zone} (records stored before are not stored twice)',
  },
  zone_none: { ja: '--zone なし', en: 'no --zone' },
  zone_named: { ja: '--zone {zone}', en: '--zone {zone}' },
  zone_unrecorded: {
    ja: '--zone の指定を記録していない版の shokai',
    en: 'a shokai release that did not record its --zone',
  },
  zone_mismatch: {
    ja: '{file} は以前の実行で {begun} で途中まで取り込まれています。同じ指定（{begun}）で続けてください',
    en: '{file} was partly ingested with {begun} by an earlier run; go on with the same ({begun})',
  },
  zone_not_again: {
    ja:
      '{file} は {begun} で取り込まれ、{n} 行が読めませんでした。{asked} で読み直すと、取り込み済みの行が別の時刻で' +
      'もう一度入るおそれがあるため、読み直しません。読めなかった行を直して、別のファイルにして取り込んでください',
    en:
      '{file} was ingested with {begun} and {n} line(s) were refused; reading it again with {asked} could store ' +
      'lines already stored at other times, so it is not read again: correct the refused lines and ingest them as ' +
      'a file of their own',
  },
  format_mismatch: {
    ja: '{file} は以前の実行で形式 {begun} として途中まで取り込まれています。同じ形式（--format {begun}）で続けてください',
    en: '{file} was partly ingested as {begun} by an earlier run; go on with the same format (--format {begun})',
  },
  bad_source: {
    ja:
      'ログの送信元（--source）"{value}" は使えません。英数字と . _ - : からなる {max} 文字以内の名前で、' +
      '先頭と末尾は英数字にしてください（例: cgn-tokyo-1）',
    en:
      'the log source (--source) "{value}" cannot be used: give a name of at most {max} letters, digits, ' +
      '. _ - or :, beginning and ending with a letter or digit (e.g. cgn-tokyo-1)',
  },
  source_mismatch: {
    ja:
      '{file} は以前の実行で送信元 {begun} として取り込まれています。同じ送信元（--source {begun}）で実行するか、' +
      'このファイルを外してください',
    en:
      '{file} was ingested from source {begun} by an earlier run; run with the same source (--source {begun}) ' +
      'or leave the file out',
  },
  source_none_before: {
    ja:
      '{file} は以前の実行で送信元の申告なしに取り込まれています。送信元を後から申告することはできません。' +
      '--source を付けずに実行するか、このファイルを外してください',
    en:
      '{file} was ingested without a declared source by an earlier run; a source cannot be declared ' +
      'afterwards: run without --source or leave the file out',
  },
  line_too_long: {
    ja: '{file}:{line}: 16 MiB を超える行があります。ログのファイルではありません（壊れたファイルかバイナリ）',
    en: '{file}:{line}: a line longer than 16 MiB: not a log file (a damaged or binary file)',
  },
  strict_stop: { ja: '--strict のため中止しました', en: 'stopped because of --strict' },
  bad_format: {
    ja: '形式 "{format}" は未対応です。次のいずれか: {list}',
    en: 'format "{format}" is not supported; use one of: {list}',
  },
  bad_port: { ja: 'ポート "{port}" は 0–65535 の整数ではありません', en: 'port "{port}" is not an integer 0–65535' },
  subscribers_done: {
    ja: '{n} 件の加入者を登録しました（{skipped} 件スキップ）',
    en: '{n} subscriber(s) stored ({skipped} skipped)',
  },
  nat_config_done: { ja: '{n} 件の決定論的NAT設定を登録しました', en: '{n} deterministic NAT configuration(s) stored' },
  need_ip_at: { ja: '--ip と --at、または --queries を指定してください', en: 'give --ip and --at, or --queries' },
  need_json: { ja: 'lookup の出力は JSON です（--json）', en: 'lookup prints JSON (--json)' },
} as const satisfies Record<string, Bilingual>;

export type TextKey = keyof typeof TEXTS;

export function t(key: TextKey, params: Params = {}, lang: Locale = cliLocale()): string {
  const s: string = TEXTS[key][lang];
  return s.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] !== undefined ? String(params[k]) : `{${k}}`));
}

/** The --zone a file was read with, in words: '' none, null not recorded (a file registered before 078). */
export function zoneWords(zone: string | null, lang: Locale = cliLocale()): string {
  if (zone === null) return t('zone_unrecorded', {}, lang);
  return zone === '' ? t('zone_none', {}, lang) : t('zone_named', { zone }, lang);
}
