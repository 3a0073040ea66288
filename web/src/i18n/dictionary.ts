// Every text of the web interface, in Japanese (default) and English. Each entry must carry both
// languages, and a key that is not here is a type error at the call site.
// The labels of the domain's closed lists (kinds, states, actions, target types, …) are not here:
// they live once in the vocabulary (#shokai/vocabulary), shared with the server.
import type { Bilingual } from '#shokai/vocabulary';

export type { Locale } from '#shokai/vocabulary';

export const messages = {
  'app.name': { ja: '照会', en: 'shokai' },
  'app.tagline': {
    ja: '署名・決裁済みの法的照会を事業者へ',
    en: 'Signed, approved lawful requests to online providers',
  },
  'a11y.skip': { ja: '本文へ移動', en: 'Skip to main content' },
  'lang.switch': { ja: '表示言語', en: 'Display language' },
  'common.loading': { ja: '読み込み中…', en: 'Loading…' },
  'common.details': { ja: '詳細', en: 'Details' },
  'common.cancel': { ja: 'キャンセル', en: 'Cancel' },
  'common.yes': { ja: 'はい', en: 'Yes' },
  'common.no': { ja: 'いいえ', en: 'No' },
  'error.title': { ja: 'エラー：', en: 'Error:' },
  'error.problems': { ja: '入力に {n} 件の問題があります', en: '{n} problems in the form' },
  'error.unexpected': { ja: '予期しないエラーが発生しました。', en: 'An unexpected error occurred.' },
  'field.requestedBy': { ja: '回答希望期限', en: 'Answer wanted by' },
  'field.address': { ja: 'アドレス', en: 'Address' },

  'signin.title': { ja: 'ログイン', en: 'Sign in' },
  'signin.login': { ja: 'ログインID', en: 'Login' },
  'signin.password': { ja: 'パスワード', en: 'Password' },
  'signin.totp': { ja: 'ワンタイムコード（二要素認証）', en: 'One-time code (second factor)' },
  'signin.totpHint': { ja: '認証アプリに表示される6桁の数字', en: 'The 6-digit code shown by your authenticator app' },
  'signin.submit': { ja: 'ログイン', en: 'Sign in' },
  'signin.busy': { ja: '確認中…', en: 'Checking…' },
  'signin.expired': {
    ja: 'セッションの有効期限が切れました。もう一度ログインしてください。',
    en: 'Your session has expired. Please sign in again.',
  },
  'signin.signedOut': { ja: 'ログアウトしました。', en: 'You have signed out.' },
  'signin.enrolLink': {
    ja: '初めての方（管理者から登録コードを受け取った方）はこちら',
    en: 'First time here? Enrol with the code your administrator gave you',
  },

  'enrol.title': { ja: '初めての登録', en: 'Enrol' },
  'enrol.intro': {
    ja:
      '管理者から受け取った登録コードで、自分のパスワードを決め、二要素認証の設定を受け取ります。' +
      '管理者はあなたのパスワードも二要素認証の設定も知りません。',
    en:
      'With the enrolment code your administrator gave you, choose your own password and receive your ' +
      'second-factor setting. Your administrator knows neither.',
  },
  'enrol.code': { ja: '登録コード', en: 'Enrolment code' },
  'enrol.codeHint': {
    ja: '英数字 20 文字（ハイフンは省いても構いません）',
    en: '20 letters and digits (the hyphens may be left out)',
  },
  'enrol.password': { ja: '新しいパスワード（12 文字以上）', en: 'New password (at least 12 characters)' },
  'enrol.passwordAgain': { ja: '新しいパスワード（確認のためもう一度）', en: 'New password (again, to check)' },
  'enrol.mismatch': {
    ja: '2 つのパスワードが一致しません。同じものを入力してください',
    en: 'The two passwords differ: type the same one twice',
  },
  'enrol.submit': { ja: '登録する', en: 'Enrol' },
  'enrol.done': {
    ja:
      '登録しました。認証アプリでこの QR コードを読み取るか、設定値を入力してください。' +
      'この画面を離れると、設定値は二度と表示されません。',
    en:
      'You are enrolled. Scan this QR code with your authenticator app, or type the setting into it. ' +
      'Once you leave this page the setting is not shown again.',
  },
  'enrol.secret': { ja: '二要素認証の設定値', en: 'Second-factor setting' },
  'enrol.qr': {
    ja: '認証アプリに読み取らせる QR コード（{login} の二要素認証）',
    en: 'QR code for your authenticator app (second factor of {login})',
  },
  'enrol.toSignIn': { ja: 'ログイン画面へ進む', en: 'Go on to sign in' },
  'enrol.back': { ja: 'ログイン画面に戻る', en: 'Back to sign-in' },

  'shell.signOut': { ja: 'ログアウト', en: 'Sign out' },
  'shell.signedInAs': { ja: 'ログイン中の利用者', en: 'Signed in as' },
  'shell.footer': {
    ja: 'すべての操作と個人データの閲覧は監査ログに記録されます。',
    en: 'Every action and every read of personal data is recorded in the audit log.',
  },
  'nav.label': { ja: 'メインメニュー', en: 'Main menu' },
  'nav.home': { ja: 'ホーム', en: 'Home' },
  'nav.requests': { ja: '照会一覧', en: 'Requests' },
  'nav.newRequest': { ja: '照会を起案', en: 'Draft a request' },
  'nav.cases': { ja: '事件', en: 'Cases' },
  'nav.intake': { ja: '受付（封筒の取込み）', en: 'Intake (import envelope)' },
  'nav.attest': { ja: '令状の電子署名', en: 'Attest a warrant' },
  'nav.audit': { ja: '監査ログの検証', en: 'Audit verification' },
  'nav.auditLog': { ja: '監査ログ', en: 'Audit log' },
  'nav.admin': { ja: '管理', en: 'Administration' },
  'notFound.title': { ja: 'ページが見つかりません', en: 'Page not found' },
  'notFound.body': { ja: 'このアドレスのページはありません。', en: 'There is no page at this address.' },
  'notFound.requestTitle': { ja: '照会が見つかりません', en: 'Request not found' },
  'notFound.requestBody': {
    ja: 'このアドレスはどの照会も指していません。アドレスが途中で切れていないか確かめるか、照会の一覧から開いてください。',
    en: 'This address names no request. Check that it was copied whole, or open the request from the list.',
  },
  'notFound.requestList': { ja: '照会の一覧へ', en: 'Go to the requests' },
  'notFound.caseTitle': { ja: '事件が見つかりません', en: 'Case not found' },
  'notFound.caseList': { ja: '事件の一覧へ', en: 'Go to the cases' },
  'notFound.consultationTitle': { ja: '相談が見つかりません', en: 'Consultation not found' },
  'notFound.consultationList': { ja: '相談の一覧へ', en: 'Go to the consultations' },
  'notFound.warrantApplicationTitle': { ja: '令状の請求が見つかりません', en: 'Warrant application not found' },
  'notFound.warrantApplicationList': { ja: '令状請求の一覧へ', en: 'Go to the warrant applications' },
  'notFound.disclosureOrderTitle': {
    ja: '開示命令の申立てが見つかりません',
    en: 'Disclosure-order application not found',
  },
  'notFound.disclosureOrderList': { ja: '開示命令の申立ての一覧へ', en: 'Go to the disclosure-order applications' },
  'notFound.recordUnseen': {
    ja: 'この記録はないか、閲覧できる範囲にありません。アドレスが途中で切れていないか確かめるか、一覧から開いてください。',
    en:
      'There is no such record, or it is not one you may see. ' +
      'Check that the address was copied whole, or open it from the list.',
  },
  'notFound.recordBody': {
    ja: 'このアドレスはどの記録も指していません。アドレスが途中で切れていないか確かめるか、一覧から開いてください。',
    en: 'This address names no record. Check that it was copied whole, or open it from the list.',
  },

  'home.title': { ja: '{name} さんの業務', en: 'Work for {name}' },
  'home.secondFactorUnlocked': {
    ja:
      '{by} さんが{at}に、確認コードの誤り（{since}から{n}回）によるログインの停止を解除しました。' +
      'この誤りがあなたのものでなければ、パスワードを他人が知っています。組織の管理者にやり直し（再登録）を依頼してください。',
    en:
      '{by} lifted the sign-in lock of {n} wrong codes (since {since}) at {at}. If those codes were not ' +
      'yours, someone knows your password: ask your organisation’s administrator for a reset.',
  },
  'home.secondFactorUnlockedByOperator': {
    ja:
      'システムの運用者が{at}に、確認コードの誤り（{since}から{n}回）によるログインの停止を解除しました。' +
      'この誤りがあなたのものでなければ、パスワードを他人が知っています。組織の管理者にやり直し（再登録）を依頼してください。',
    en:
      'The system’s operator lifted the sign-in lock of {n} wrong codes (since {since}) at {at}. If those ' +
      'codes were not yours, someone knows your password: ask your organisation’s administrator for a reset.',
  },
  'home.secondFactorLocked': {
    ja:
      'あなたの正しいパスワードで、確認コードの誤りが{n}回ありました（{since}から）。' +
      'パスワードを他人が知っているおそれがあります。このブラウザー以外からのログインは止めています。' +
      '組織の管理者にやり直し（再登録）を依頼してください。',
    en:
      'Your right password was sent with {n} wrong codes (since {since}): someone may know your password. ' +
      'Sign-in from other browsers than this one is locked. Ask your organisation’s administrator for a reset.',
  },

  // Deconfliction between forces (issue 14)
  'overlap.title': { ja: '他の警察との重複照会', en: 'Overlaps with other forces' },
  'overlap.explain': {
    ja: '他の警察の未完結の照会が、この所属の照会と同じ識別子を対象にしています。内容は共有されません。連絡先に問い合わせて調整してください。',
    en:
      "Another force's open request names an identifier one of this unit's requests names. Nothing of its content is " +
      'shared: call the contact to deconflict.',
  },
  'overlap.none': { ja: '重複の通知はありません。', en: 'No overlap notices.' },
  'overlap.when': { ja: '検知日時', en: 'Found at' },
  'overlap.yourRequest': { ja: 'この所属の照会', en: "Your unit's request" },
  'overlap.otherUnit': { ja: '相手方の所属', en: 'Other unit' },
  'overlap.contact': { ja: '連絡先', en: 'Contact' },
  'overlap.noPhone': { ja: '（登録なし）', en: '(none registered)' },

  'home.urgent': {
    ja: '至急：緊急または期限超過の照会が {n} 件あります',
    en: 'Urgent: emergency or overdue requests: {n}',
  },
  'home.urgentCaption': { ja: '緊急・期限超過の照会', en: 'Emergency and overdue requests' },
  'home.noUrgent': { ja: '緊急・期限超過の照会はありません。', en: 'No emergency or overdue requests.' },
  'home.awaitingMyApproval': { ja: '決裁待ち（あなたの決裁）', en: 'Awaiting my approval' },
  'home.awaitingApproval': { ja: '決裁待ち', en: 'Awaiting approval' },
  'home.clarificationAsked': { ja: '事業者から確認を求められているもの', en: 'Providers asked for clarification' },
  'home.answered': { ja: '回答あり（未完結）', en: 'Answered (not closed)' },
  'home.followUps': {
    ja: '後続の手続（緊急照会の事後照会・保全期間の終了・国際捜査共助の督促）',
    en: 'What must follow (paperwork after emergencies, preservations ending, MLAT reminders)',
  },
  'followUp.mlatReply': { ja: '共助の督促の目安', en: 'MLAT reminder due' },
  'documents.onDevice': { ja: '{document}（端末で作成）', en: '{document} (made on your device)' },
  'answer.documentOnDevice': {
    ja: '回答書（PDF）をこの端末で作成する',
    en: 'Make the answer document (PDF) on this device',
  },
  'answer.documentRendering': { ja: '回答書を作成しています…', en: 'Making the answer document…' },
  'answer.documentDownload': { ja: '{name} を保存する', en: 'Save {name}' },
  'followUp.draftPaperwork': { ja: '事後の照会書を起案する', en: 'Draft the paperwork (inquiry)' },
  'home.drafts': { ja: '起案中', en: 'Drafts' },
  'home.issuedWaiting': { ja: '発出済み・回答待ち', en: 'Issued and waiting' },
  'home.incoming': { ja: '新着（未着手）', en: 'Incoming (not started)' },
  'home.inReview': { ja: '審査中', en: 'In review' },
  'home.opinion': { ja: '意見照会中', en: 'Subscriber opinion hearing' },
  'home.waitingForAgency': {
    ja: '要請元の確認回答待ち（回答期限は停止中）',
    en: "Waiting on the requester's clarification (deadline stopped)",
  },
  'home.waitingOnClarification': {
    ja: '{n} 件は要請元の確認回答を待っています。回答期限は、待っている間止まっています。',
    en: "{n} waiting on the requester's clarification; their deadlines stand still while they wait.",
  },
  'home.recentlyDone': { ja: '最近の処理済み', en: 'Recently finished' },
  'home.nothingToApprove': { ja: '決裁待ちの照会はありません。', en: 'Nothing waits for your approval.' },
  'home.noneWaiting': { ja: '該当する照会はありません。', en: 'None.' },
  'home.noDrafts': { ja: '起案中の照会はありません。', en: 'No drafts.' },
  'home.inboxEmpty': { ja: '新着の照会はありません。', en: 'The inbox is empty.' },
  'home.yourTasks': { ja: '業務メニュー', en: 'Your tasks' },
  'home.auditHint': {
    ja: 'ハッシュチェーンと署名付きチェックポイントを検証します',
    en: 'verify the hash chain and its signed checkpoints',
  },
  'home.adminHint': {
    ja: '組織・所属・利用者・鍵・事業者ポリシー',
    en: 'organisations, units, users, keys, provider policies',
  },
  'home.attestHint': { ja: '令状に裁判所の電子署名を付します', en: "sign a warrant with the court's key" },
  'home.auditLogHint': {
    ja: '所属組織の誰が・いつ・何をしたかを読みます',
    en: 'read who in your organisation did what, and when',
  },
  'home.statisticsHint': {
    ja: '組織のすべての所属が発出した照会の件数を、日・月・年の単位で数えます',
    en: 'count the requests every unit of your organisation issued, by day, month or year',
  },
  'home.countersignHint': {
    ja: '特権的な役割の付与への副署と、利用者の一覧',
    en: 'countersign grants of privileged roles; who holds them',
  },
  // What a role without requests may and may not see, in one sentence (home, and a page not theirs).
  'scope.auditor': {
    ja: '監査担当（監察）は、所属組織の人が・いつ・何をしたかを監査ログで読めますが、照会・回答・事件の内容そのものは読めません。',
    en:
      'As an auditor you read in the audit log who in your organisation did what and when, but not the requests, ' +
      'answers or cases themselves.',
  },
  'scope.statistician': {
    ja: '統計担当は、組織のすべての所属が発出した照会の件数を「統計」で日単位に数えられますが、照会・回答・事件そのものは読めません。',
    en:
      'As the statistics officer you count, under Statistics and by whole days, the requests every unit of your ' +
      'organisation issued, but read no request, answer or case.',
  },
  'scope.keyOfficer': {
    ja: '鍵管理責任者は、特権的な役割の付与に副署し利用者の一覧を見られますが、照会・回答・事件は読めません。',
    en:
      'As the key officer you countersign grants of privileged roles and see who holds them, but read no request, ' +
      'answer or case.',
  },
  'scope.admin': {
    ja: '管理者は、所属・利用者・鍵を管理できますが、照会・回答・事件も監査ログも読めません。',
    en:
      'As an administrator you manage units, people and keys, but ' +
      'read no request, answer or case, nor the audit log.',
  },
  'scope.adminOversight': {
    ja: 'ハブ管理者は、組織の登録、利用者と鍵の管理、監査ログの検証ができますが、照会の内容は読めません。',
    en:
      "As the hub's administrator you register organisations, manage people and keys and verify the audit log, but " +
      'read no request.',
  },
  'denied.title': { ja: 'このページはあなたの役割では使えません', en: 'This page is not open to your role' },
  'denied.body': {
    ja: '「{page}」のページは、{roles}の役割では使えません。何も表示されないのは、記録がないという意味ではありません。',
    en: 'The page “{page}” is not open to you as {roles}. That nothing is shown here does not mean there is nothing.',
  },
  'page.request': { ja: '照会の詳細', en: 'A request' },
  'page.requestEdit': { ja: '照会の編集', en: 'Editing a request' },
  'page.approval': { ja: '照会の決裁', en: "A request's approval" },
  'page.timeline': { ja: '照会の経過', en: "A request's timeline" },
  'page.case': { ja: '事件の詳細', en: 'A case' },
  'page.organisation': { ja: '組織の管理', en: 'An organisation' },
  'page.consultation': { ja: '相談の記録', en: 'A consultation' },
  'denied.home': { ja: 'ホーム（あなたが使えるページ）へ', en: 'Home (the pages open to you)' },
  'home.timesNote': {
    ja: '表示時刻は閲覧者のタイムゾーン（UTCからの時差付き）です。',
    en: 'Times are shown in your time zone, with its offset from UTC.',
  },

  'list.titleAgency': { ja: '発出した照会', en: 'Requests sent' },
  'list.titleProvider': { ja: '受信した照会', en: 'Requests received' },
  'list.filters': { ja: '絞り込み', en: 'Filters' },
  'list.any': { ja: 'すべて', en: 'Any' },
  'list.empty': { ja: '照会はありません。', en: 'No requests.' },
  'list.more': { ja: 'さらに表示', en: 'Show more' },
  'col.reference': { ja: '照会番号', en: 'Reference' },
  'col.kind': { ja: '種別', en: 'Kind' },
  'col.state': { ja: '状態', en: 'State' },
  'col.agency': { ja: '照会元', en: 'Agency' },
  // The requesting side in a provider's lists: a force, or a law office (civil disclosure).
  'col.requester': { ja: '照会元', en: 'Requester' },
  'col.lawOffice': { ja: '請求元（法律事務所）', en: 'Law office (requester)' },
  'col.provider': { ja: '照会先', en: 'Provider' },
  'col.deadline': { ja: '回答期限', en: 'Deadline' },
  'col.updated': { ja: '更新', en: 'Updated' },

  'deadline.left': { ja: '残り {d}', en: '{d} left' },
  'deadline.overdueBy': { ja: '{d} 超過', en: '{d} late' },
  'deadline.pausedLeft': { ja: '残り {d}（{since} から停止中）', en: '{d} left (stopped since {since})' },
  'deadline.pausedShort': { ja: '⏸ 期限停止中', en: '⏸ Paused' },

  'editor.titleNew': { ja: '照会の起案', en: 'Draft a request' },
  'editor.titleEdit': { ja: '起案の修正', en: 'Edit draft' },
  'editor.basics': { ja: '基本事項', en: 'Basics' },
  'editor.kind': { ja: '照会の種別', en: 'Kind of request' },
  'editor.provider': { ja: '照会先の事業者', en: 'Provider' },
  'editor.carrier': { ja: '電気通信事業者', en: 'telecom carrier' },
  'editor.choose': { ja: '選択してください', en: 'Choose…' },
  'editor.case': { ja: '事件', en: 'Case' },
  'editor.caseHint': { ja: '事件を選ぶと事件番号が入ります', en: 'Choosing a case fills in its reference' },
  'editor.noCase': { ja: '（事件に紐付けない）', en: '(no case)' },
  'editor.caseReference': { ja: '事件番号', en: 'Case reference' },
  'editor.offence': { ja: '罪名', en: 'Offence' },
  'editor.facts': { ja: '被疑事実の要旨', en: 'Summary of the facts' },
  'editor.factsHint': {
    ja: '事業者が照会の必要性を判断できる程度に具体的に',
    en: 'Specific enough for the provider to judge the need',
  },
  'editor.necessity': { ja: '照会の必要性', en: 'Why the data is needed' },
  'editor.necessityHint': { ja: 'この情報がなぜ捜査に必要か', en: 'Why the investigation needs this information' },
  'editor.requestedBy': { ja: '回答希望期限（任意）', en: 'Answer wanted by (optional)' },
  'editor.targets': { ja: '対象（{n} 件）', en: 'Targets ({n})' },
  'editor.targetN': { ja: '対象 {n}', en: 'Target {n}' },
  'editor.targetType': { ja: '識別子の種類', en: 'Identifier type' },
  'editor.addTarget': { ja: '対象を追加', en: 'Add a target' },
  'editor.removeTarget': { ja: '対象 {n} を削除', en: 'Remove target {n}' },
  'editor.pasteTitle': { ja: '一覧から貼り付けて複数追加', en: 'Paste a list to add several' },
  'editor.pasteLabel': { ja: '対象の一覧（1行に1件）', en: 'Targets, one per line' },
  'editor.pasteHint': {
    ja:
      '例：203.0.113.5:51234 2026-03-29 01:30:12 ／ user@example.jp ／ https://example.jp/post/1 ／ account:alice ／ ' +
      'terminal:12 2026-03-29 10:00 2026-03-29 12:00。時差のない日時は {zone} として読みます。',
    en:
      'e.g. 203.0.113.5:51234 2026-03-29 01:30:12 / user@example.jp / https://example.jp/post/1 / account:alice / ' +
      'terminal:12 2026-03-29 10:00 2026-03-29 12:00. Times without an offset are read as {zone}.',
  },
  'editor.pasteApply': { ja: '一覧を追加', en: 'Add from list' },
  'editor.pasteErrors': {
    ja: '読み取れない行があります（1行に対象1件。日時を書けるのは IP アドレスと端末だけです）：',
    en: 'Some lines could not be read (one target a line; only IP addresses and terminals take a time):',
  },
  'editor.line': { ja: '{n} 行目', en: 'Line {n}' },
  'editor.pasteLine': { ja: '対象 {n} 行目', en: 'Target line {n}' },
  'editor.pasteUnreadLine': {
    ja: '{text} は対象として読み取れません（1行に対象1件。日時を書けるのは IP アドレスと端末だけです）',
    en: '{text} could not be read as a target (one target a line; only IP addresses and terminals take a time)',
  },
  'editor.categories': { ja: '求めるデータの種類', en: 'Data categories' },
  'editor.warrant': { ja: '令状', en: 'Warrant' },
  'editor.preservation': { ja: '保全要請', en: 'Preservation' },
  'editor.emergency': { ja: '緊急照会の要件', en: 'Emergency grounds' },
  'editor.civil': { ja: '発信者情報開示請求', en: 'Civil disclosure' },
  'editor.cafe': { ja: 'インターネットカフェ', en: 'Internet café' },
  'editor.mlat': { ja: '国際捜査共助', en: 'Mutual legal assistance' },
  'editor.saveDraft': { ja: '下書き保存', en: 'Save draft' },
  'editor.saveAndSubmit': { ja: '保存して決裁に回す', en: 'Save and submit for approval' },

  'target.value.ip': { ja: 'IPアドレス', en: 'IP address' },
  'target.value.account': { ja: 'アカウントID', en: 'Account ID' },
  'target.value.email': { ja: 'メールアドレス', en: 'E-mail address' },
  'target.value.phone': { ja: '電話番号', en: 'Phone number' },
  'target.value.domain': { ja: 'ドメイン名', en: 'Domain name' },
  'target.value.url': { ja: 'URL', en: 'URL' },
  'target.value.terminal': { ja: '端末番号', en: 'Terminal number' },
  'target.port': { ja: 'ポート番号', en: 'Port' },
  'target.portHint': { ja: 'CGNAT配下では必須です', en: 'Needed behind CGNAT' },
  'target.tolerance': { ja: '許容誤差（秒）', en: 'Tolerance (seconds)' },
  'target.service': { ja: 'サービス名', en: 'Service' },
  'target.postId': { ja: '投稿ID', en: 'Post ID' },
  'target.at': { ja: '日時', en: 'Date and time' },
  'target.from': { ja: '利用開始', en: 'From' },
  'target.to': { ja: '利用終了', en: 'To' },
  'target.sentAs': { ja: '送信値', en: 'sent as' },
  'instant.wallTime': { ja: '日時', en: 'Date and time' },
  'instant.zone': { ja: 'タイムゾーン', en: 'Time zone' },
  'instant.sent': { ja: '送信される値', en: 'Sent as' },
  'date.placeholder': { ja: '年-月-日', en: 'yyyy-mm-dd' },
  'date.hint': { ja: '例 2026-03-29（{zone}）', en: 'e.g. 2026-03-29 ({zone})' },
  'date.bad': {
    ja: '年-月-日（2026-03-29）の形で入力してください',
    en: 'Type the date as year-month-day (2026-03-29)',
  },
  'date.noSuchDay': { ja: '{day} という日はありません', en: 'There is no such day as {day}' },
  'date.endBeforeStart': {
    ja: '終了日は開始日と同じか、それより後の日にしてください',
    en: 'The last day must be the first day or after it',
  },
  'field.required': { ja: '入力が必要です', en: 'This field is required' },
  'field.badFormat': { ja: '形式が正しくありません', en: 'This is not in the right form' },
  'field.choose': { ja: '一覧から選んでください', en: 'Choose one from the list' },
  'file.none': { ja: '選ばれていません', en: 'No file chosen' },
  'date.japanZone': { ja: '日本時間 UTC+09:00', en: 'Japan time, UTC+09:00' },
  'instant.placeholder': { ja: '年-月-日 時:分:秒', en: 'yyyy-mm-dd hh:mm:ss' },
  'instant.format': {
    ja:
      '2026-03-29 01:30:12 のように年-月-日 時:分:秒で入力してください（秒は省略可）。{zone}（UTC{offset}）の時刻として読みます（末尾に +09:00 のような時差を付ければ、' +
      'その時差で読みます）。',
    en:
      'Type year-month-day hour:minute:second, like 2026-03-29 01:30:12 (seconds may be left out). Read as {zone} ' +
      'time (UTC{offset}), or with the offset typed after it, like +09:00.',
  },
  'instant.dayStart': {
    ja: '日付だけ（2026-12-14）なら、その日の始まり（00:00:00）として読みます。',
    en: 'A date alone (2026-12-14) is read as the start of that day (00:00:00).',
  },
  'instant.dayEnd': {
    ja: '日付だけ（2026-12-14）なら、その日の終わり（23:59:59）として読みます。',
    en: 'A date alone (2026-12-14) is read as the end of that day (23:59:59).',
  },
  'instant.readAs': { ja: '{zone} の時刻として読みました: {when}', en: 'Read as {zone} time: {when}' },
  'instant.readWithOffset': {
    ja: '入力された時差のとおりに読みました: {when}',
    en: 'Read with the offset typed: {when}',
  },

  'warrant.type': { ja: '令状の種類', en: 'Warrant type' },
  'warrant.court': { ja: '発付裁判所', en: 'Issuing court' },
  'warrant.number': { ja: '令状番号', en: 'Warrant number' },
  'warrant.issuedAt': { ja: '発付日時', en: 'Issued at' },
  'warrant.validUntil': { ja: '有効期間の末日', en: 'Valid until' },
  'warrant.recordsPeriod': { ja: '記録の期間（令状に記載）', en: 'Period of the records (as the warrant says)' },
  'warrant.keyId': { ja: '裁判所の鍵ID', en: 'Court key ID' },
  'warrant.signature': { ja: '裁判所の電子署名', en: "Court's signature" },
  'warrant.attestationCarried': {
    ja: '裁判所の電子署名：選んだ令状に裁判官が付した署名をそのまま添えます（入力は不要です）。',
    en: "The court's signature: the judge's signature on the chosen warrant goes with it as it is (nothing to type).",
  },
  'warrant.attestHint': {
    ja: '裁判所から交付された電子署名（鍵IDと署名値）',
    en: 'The electronic attestation issued by the court (key ID and signature)',
  },
  'preservation.days': { ja: '保全期間（日、30日以内）', en: 'Days to preserve (at most 30)' },
  'preservation.hint': {
    ja: '刑訴法197条3項。延長は1回（通算60日）まで',
    en: 'CCP art. 197(3); one extension, 60 days in all',
  },
  'preservation.daysN': { ja: '{n} 日間の保全', en: 'Preserve for {n} days' },
  'emergency.basis': { ja: '緊急照会の根拠', en: 'Emergency basis' },
  'emergency.conditions': {
    ja: '自殺予告の4要件（すべて必要）',
    en: 'The four conditions of a suicide notice (all required)',
  },
  'emergency.allFour': {
    ja: '4要件のすべてを確認できない場合は緊急照会になりません。',
    en: 'Unless all four conditions hold, this is not an emergency request.',
  },
  'emergency.statement': { ja: '緊急性の説明', en: 'Statement of the emergency' },
  'civil.claimant': { ja: '請求者', en: 'Claimant' },
  'civil.counsel': { ja: '代理人弁護士', en: 'Counsel' },
  'civil.rights': { ja: '侵害された権利', en: 'Rights infringed' },
  'civil.courtOrder': { ja: '開示命令の事件番号（任意）', en: 'Court order reference (optional)' },
  // the claimant's lawyer's filing (issue 15)
  'nav.newCivil': { ja: '開示請求の作成', en: 'New disclosure request' },
  'civilForm.title': { ja: '発信者情報開示請求の作成', en: 'New sender-information disclosure request' },
  'civilForm.intro': {
    ja: '請求者の代理人として、侵害情報の発信者の情報の開示を事業者に求めます。作成後、弁護士本人のパスキーで署名して提出します。',
    en:
      "As the claimant's counsel, ask the provider to disclose who sent the infringing posts. Once written, the " +
      'lawyer signs it on their own passkey to file it.',
  },
  'civilForm.addressee': { ja: '宛先と経路', en: 'Addressee and route' },
  'civilForm.choose': { ja: '選択してください', en: 'Choose' },
  'civilForm.provider': { ja: '開示を請求する事業者（請求の相手方）', en: 'The provider asked to disclose' },
  'civilForm.caseReference': { ja: '当事務所の事件名・番号', en: "The office's matter name or number" },
  'civilForm.route': { ja: '開示の経路', en: 'Route' },
  'civilForm.claimant': { ja: '請求者（被害者）', en: 'The claimant (the victim)' },
  'civilForm.claimantAddress': { ja: '請求者の住所（任意）', en: "The claimant's address (optional)" },
  'civilForm.infringement': { ja: '侵害情報と権利侵害', en: 'The infringing posts and the infringement' },
  'civilForm.posts': { ja: '侵害情報の所在（URL、1行に1件）', en: 'Where the posts are (URLs, one a line)' },
  'civilForm.postsHint': {
    ja: '例：https://board.example/thread/1#res-5',
    en: 'e.g. https://board.example/thread/1#res-5',
  },
  'civilForm.postsOptional': {
    ja: '侵害情報の所在（URL、1行に1件・任意）',
    en: 'Where the posts are (URLs, one a line; optional)',
  },
  'civilForm.connections': {
    ja: '発信に用いられた通信（IPアドレス・ポート番号・日時）',
    en: 'The connections the posts were sent from (address, port, time)',
  },
  'civilForm.connectionsNeeded': {
    ja:
      '経由プロバイダへの請求です。コンテンツプロバイダが開示した通信を、IPアドレス、接続元ポート番号（CGNAT配下では必須）、' +
      '送信日時（タイムゾーン付き）で指定してください。これがないと経由プロバイダは契約者を調べられません。',
    en:
      'This request goes to an access provider: name each connection the content provider disclosed by its IP ' +
      'address, source port (needed behind CGNAT) and time of sending with its zone. Without it the access ' +
      'provider cannot look up its subscriber.',
  },
  'civilForm.connectionsHint': {
    ja: '宛先が経由プロバイダの場合は、開示された通信（IPアドレス・ポート番号・日時）を指定します。',
    en: 'For an access provider, name the connections disclosed (IP address, port, time).',
  },
  'civilForm.connectionN': { ja: '通信 {n}', en: 'Connection {n}' },
  'civilForm.connectionAt': { ja: '送信日時', en: 'Time of sending' },
  'civilForm.addConnection': { ja: '通信を追加', en: 'Add a connection' },
  'civilForm.removeConnection': { ja: '通信 {n} を削除', en: 'Remove connection {n}' },
  'civilForm.follows': {
    ja: '{reference} への回答で開示された通信から作成しています（請求の内容は元の請求から引き継いでいます）。',
    en: 'Drafted from the connection disclosed in the answer to {reference} (the claim is carried over from it).',
  },
  'civilForm.facts': { ja: '侵害情報の内容と経緯', en: 'What the posts say, and how it came about' },
  'civilForm.rightsInfringed': {
    ja: '権利が侵害されたことが明らかである理由',
    en: 'Why the infringement of those rights is evident',
  },
  'civilForm.reason': { ja: '開示を受けるべき正当な理由', en: 'The legitimate reason for disclosure' },
  'civilForm.purposes': { ja: '正当な理由', en: 'Legitimate reasons' },
  'civilForm.necessity': { ja: '正当な理由の説明', en: 'The reason explained' },
  'civilForm.sought': { ja: '開示を求める発信者情報', en: 'The sender information sought' },
  'civilForm.categories': { ja: '開示を求める情報の区分', en: 'Categories of the information sought' },
  'civilForm.senderInformation': { ja: '発信者情報（省令の区分）', en: 'Sender information (by the ordinance)' },
  'civilForm.order': { ja: '裁判所の命令', en: "The court's order" },
  'civilForm.court': { ja: '裁判所', en: 'Court' },
  'civilForm.orderType': { ja: '命令の種類', en: 'Kind of order' },
  'civilForm.orderCaseNumber': { ja: '事件番号', en: 'Case number' },
  'civilForm.orderedAt': { ja: '命令の日時', en: 'Date and time of the order' },
  'civilForm.orderContent': { ja: '命令の主文', en: 'The operative part of the order' },
  'civilForm.fileAndSign': { ja: '作成して署名に進む', en: 'Write and go to signing' },
  'civilForm.fileForLawyer': { ja: '作成して弁護士の署名に回す', en: 'Write and pass to the lawyer to sign' },
  'editor.civilNotPolice': {
    ja: '発信者情報開示請求は被害者の代理人弁護士が行うもので、ここでは作成できません（被害者には法テラス等を案内）。',
    en:
      "A civil disclosure request is the victim's lawyer's to file, not the police's (refer the victim to Houterasu, " +
      'the Japan Legal Support Center).',
  },
  'home.declined': { ja: '不開示・謝絶', en: 'Declined' },
  'hearing.withholdReason': { ja: '開示しない理由', en: 'Why it is withheld' },
  'admin.barNumber': { ja: '弁護士登録番号', en: 'Bar registration number' },
  'admin.barAssociation': { ja: '所属弁護士会', en: 'Bar association' },
  'admin.barShown': { ja: '（登録番号 {number}・{bar}）', en: '(registration {number}, {bar})' },
  'cafe.storeName': { ja: '店舗名', en: 'Store name' },
  'cafe.hint': {
    ja: '対象は端末番号と利用時間（またはIPアドレス）',
    en: 'Targets are terminals with their time of use (or IP addresses)',
  },
  'mlat.country': { ja: '要請先の国（ISO 2文字）', en: 'Requested country (ISO 2 letters)' },
  'mlat.countryHint': { ja: '例：US', en: 'e.g. US' },
  'mlat.authority': { ja: '要請先の当局', en: 'Foreign authority' },
  'mlat.provider': { ja: '外国の事業者（任意）', en: 'Foreign provider (optional)' },
  'mlat.treaty': { ja: '根拠条約', en: 'Treaty' },
  'mlat.language': { ja: '言語（BCP 47）', en: 'Language (BCP 47)' },

  'policy.title': { ja: '事業者ポリシーの事前確認', en: "Provider's policy check" },
  'policy.choose': {
    ja: '事業者とデータの種類を選ぶと、その事業者が応じるかを確認します。',
    en: 'Choose a provider and data categories to see whether the provider would answer.',
  },
  'policy.mlat': {
    ja: '国際捜査共助は外国当局宛てのため、国内事業者のポリシー確認はありません。',
    en: 'An MLAT package goes to a foreign authority: no domestic provider policy applies.',
  },
  'policy.checking': { ja: '確認中…', en: 'Checking…' },
  'policy.ok': {
    ja: 'この内容であれば事業者のポリシー上応じられます。',
    en: "The provider's policy accepts this request.",
  },
  'policy.okWarned': {
    ja: 'ポリシー上は応じられますが、下の注意を確認してください。',
    en: 'Allowed by the policy, but see the warnings below.',
  },
  'policy.refused': { ja: 'このままでは次の理由で拒否されます：', en: 'As it stands, it would be refused:' },
  'policy.wouldRefuse': { ja: '拒否される見込み', en: 'would be refused' },

  'request.unavailable': { ja: 'この照会は表示できません', en: 'This request cannot be shown' },
  'request.notFound': {
    ja: 'この照会はありません（存在しないか、閲覧できる範囲にありません）。',
    en: 'This request does not exist, or is not one you may see.',
  },
  'request.links': { ja: 'この照会の関連ページ', en: 'Pages of this request' },
  'request.timeline': { ja: '経過（監査記録）', en: 'Timeline (audit)' },
  'request.edit': { ja: '修正する', en: 'Edit' },
  'request.toApproval': { ja: '決裁画面へ', en: 'Go to approval' },
  'request.civil.toApproval': { ja: '署名画面へ', en: 'Go to signing' },
  'request.case': { ja: '事件へ', en: 'Case' },
  'request.emergencyBanner': {
    ja: '緊急照会です。直ちに対応してください（緊急避難）。書面は回答後に追完されます。',
    en: 'Emergency request: act now (necessity). The paperwork follows after the answer.',
  },
  'request.overdueBanner': { ja: '回答期限を過ぎています。期限：', en: 'The deadline has passed. Deadline:' },
  'request.overview': { ja: '概要', en: 'Overview' },
  'request.content': { ja: '照会の内容', en: 'What is requested' },
  'request.contentRemoved': {
    ja: '完結後の保存期間を過ぎたため、対象と記述（罪名・事実・必要性など）は消去されました',
    en: 'Past its retention period, its targets and written text (offence, facts, necessity…) were removed',
  },
  'request.draftedBy': { ja: '起案者', en: 'Drafted by' },
  'request.approvedBy': { ja: '決裁者', en: 'Approved by' },
  'request.notYetApproved': { ja: '未決裁', en: 'Not yet approved' },
  'request.created': { ja: '作成', en: 'Created' },
  'request.issued': { ja: '発出', en: 'Issued' },
  'request.received': { ja: '受付', en: 'Received' },
  'request.preservationUntil': { ja: '保全期限', en: 'Preserved until' },
  'request.answeredAt': { ja: '回答日時', en: 'Answered' },
  'request.declineReason': { ja: '回答拒否の理由', en: 'Declined because' },
  'request.closedAt': { ja: '完結', en: 'Closed' },
  'request.targets': { ja: '対象（{n} 件）', en: 'Targets ({n})' },
  'request.envelope': { ja: '署名付き封筒（JSON）を表示', en: 'Show the signed envelope (JSON)' },
  'request.mlatPackage': {
    ja: '共助要請パッケージ（検証用公開鍵・英日要約付き）をダウンロード',
    en: 'Download the MLAT package (with verification keys and an English/Japanese summary)',
  },
  'request.mlatWithdrawal': {
    ja: '共助要請の取下げ通知（署名・検証用公開鍵付き）をダウンロード',
    en: 'Download the MLAT withdrawal letter (signed, with its verification key)',
  },
  'request.foreignAuthority': { ja: '外国当局', en: 'Foreign authority' },

  'verify.title': { ja: '真正性の検証', en: 'Is it genuine?' },
  'verify.ok': { ja: '検証済み', en: 'Verified' },
  'verify.failed': { ja: '検証失敗', en: 'Verification failed' },
  'verify.at': { ja: '検証日時', en: 'checked' },
  'verify.notYet': { ja: 'まだ検証されていません（発出前）。', en: 'Not verified yet (not issued).' },
  'verify.status.pass': { ja: '適合', en: 'Pass' },
  'verify.status.fail': { ja: '不適合', en: 'Fail' },
  'verify.status.not_applicable': { ja: '対象外', en: 'N/A' },

  'opinion.title': { ja: '意見照会（発信者）', en: 'Subscriber opinion hearing' },
  'opinion.waiting': { ja: '発信者の意見を待っています', en: "Waiting for the subscriber's opinion" },
  'opinion.finished': { ja: '意見照会は終了しました', en: 'The opinion hearing has ended' },
  'opinion.deadline': { ja: '回答期限', en: 'deadline' },
  'thread.title': { ja: 'やり取り（{n} 件）', en: 'Messages ({n})' },
  // attachments (issue 14 item 2)
  'attachments.title': { ja: '添付ファイル', en: 'Attachments' },
  'attachments.file': { ja: 'ファイル', en: 'File' },
  'attachments.purpose': { ja: '添付先', en: 'Attached to' },
  'attachments.purpose.request': { ja: '照会書', en: 'The request' },
  'attachments.purpose.clarification': { ja: '確認のやり取り', en: 'The clarification' },
  'attachments.purpose.answer': { ja: '回答', en: 'The answer' },
  'attachments.size': { ja: '大きさ', en: 'Size' },
  'attachments.bytes': { ja: '{n} バイト', en: '{n} bytes' },
  'attachments.uploaded': { ja: '添付日時', en: 'Attached at' },
  'attachments.purged': { ja: '保存期間経過により消去', en: 'purged after its retention period' },
  'attachments.nameRemoved': {
    ja: 'ファイル名は保存期間経過により消去',
    en: 'its name was removed after the retention period',
  },
  'attachments.limits': {
    ja: '画像（PNG・JPEG・GIF・WebP）、PDF、テキスト・CSV のみ、1ファイル 10 MiB まで、1件の照会に 20 個まで。ファイルは暗号化して保管され、照会書・回答にはハッシュ値が署名されます。',
    en:
      'Images (PNG, JPEG, GIF, WebP), PDF, plain text or CSV only; at most 10 MiB per file and 20 files per request. ' +
      'Files are stored sealed; their hashes are signed with the request or the answer.',
  },
  'attachments.sealedHere': {
    ja: 'ファイルは、このブラウザで要請元所属と宛先事業者の鍵に封緘してから送ります。ハブは中身を見ません。',
    en:
      "Files are sealed in this browser, to the requesting unit's key and to the provider's, before they are sent: " +
      'the hub never sees their content.',
  },
  'attachments.choose': { ja: 'ファイルを選ぶ', en: 'Choose a file' },
  'attachments.upload': { ja: '添付する', en: 'Attach' },
  'attachments.notAsSigned': {
    ja: 'このファイルは、承認者が署名した照会書に記載されたファイル（SHA-256）と一致しないため開けません。要請元に確認してください。',
    en:
      'this file is not the one named (by its SHA-256) in the request as its approver signed it, so it is not ' +
      'opened: ask the requesting unit',
  },
  'attachments.noDevice': {
    ja: 'この添付ファイルは所属の登録済み端末でのみ開けます。「端末」の画面でこのブラウザを登録してください。',
    en: "this file opens only on the unit's enrolled devices: register this browser on the Devices page",
  },
  'attachments.remove': { ja: '外す', en: 'Remove' },
  'attachments.removeAsk': {
    ja: '「{name}」を下書きから外しますか？保管された暗号化済みのファイルも消去されます。',
    en: 'Remove “{name}” from the draft? The stored sealed copy is deleted too.',
  },
  'attachments.removeYes': { ja: '外す', en: 'Remove it' },
  'attachments.removeNo': { ja: 'やめる', en: 'Keep it' },
  'thread.empty': { ja: 'やり取りはありません。', en: 'No messages.' },
  'thread.reasonLabel': { ja: '理由:', en: 'Reason:' },

  'action.title': { ja: '操作', en: 'Actions' },
  'action.none': { ja: '現在あなたが行える操作はありません。', en: 'Nothing for you to do here now.' },
  'action.submitHint': { ja: '所属長が内容を確認して電子署名します。', en: 'The unit head reviews and signs it.' },
  'action.civil.submitHint': {
    ja: '事務所の弁護士が代理人として内容を確認し、電子署名して請求します。',
    en: "A lawyer of the office reads it and signs it as the claimant's counsel, which files it.",
  },
  'action.approval': { ja: '決裁', en: 'Approval' },
  'action.civil.approval': { ja: '代理人弁護士の署名', en: "Counsel's signature" },
  'action.startReviewHint': {
    ja: '真正性の検証結果を確認してから着手してください。',
    en: 'Check the verification badges first.',
  },
  'action.toAnswer': { ja: '回答を作成', en: 'Write the answer' },
  'action.clarificationQuestion': { ja: '確認したい事項', en: 'Your question' },
  'action.clarifyAnswer': { ja: '回答', en: 'Your answer' },
  'clarification.waitTitle': { ja: '確認回答待ち', en: 'Waiting on a clarification' },
  'clarification.providerWaits': {
    ja: 'この照会は、{since} に要請元（{requester}）へ確認を求め、その回答を待っています。',
    en: 'This request waits on the clarification asked of the requester ({requester}) on {since}.',
  },
  'clarification.requesterAsked': {
    ja: '事業者（{provider}）が {since} に確認を求めています。確認に回答するまで、事業者は回答できません。',
    en: 'The provider ({provider}) asked for a clarification on {since}; it cannot answer until you clarify.',
  },
  'clarification.question': { ja: '確認を求めた事項', en: 'The question asked' },
  'clarification.deadlineStopped': {
    ja: '回答期限は待っている間止まっており（残り {left}）、確認回答の後、待った時間だけ延びます。',
    en: 'The response deadline stands still while it waits ({left} left) and moves on by the time waited.',
  },
  'clarification.deadlineLate': {
    ja: '確認を求めた時点で回答期限を過ぎていたため、期限超過のままです。',
    en: 'The deadline had already passed when the clarification was asked: it stays overdue.',
  },
  'action.hearingMessage': { ja: '発信者への通知文（任意）', en: 'Message to the subscriber (optional)' },
  'action.opinion': { ja: '意見の内容', en: 'Opinion' },
  'action.heardOnPaper': { ja: '発信者の回答（書面による意見照会）', en: "The subscriber's reply (hearing on paper)" },
  'action.heard.objection': { ja: '回答あり：開示に反対', en: 'Replied: objects to disclosure' },
  'action.heard.consent': { ja: '回答あり：反対しない', en: 'Replied: does not object' },
  'action.heard.no_reply': {
    ja: '回答なし（意見照会の期限の経過後に限り記録できます）',
    en: 'No reply (can be recorded only once the hearing deadline has passed)',
  },
  'action.declineReason': { ja: '拒否の理由', en: 'Reason' },
  'action.note': { ja: '補足（任意）', en: 'Note (optional)' },
  'action.confirmStep': { ja: '確定：{label}', en: 'Confirm: {label}' },
  'action.notYet': { ja: '戻る', en: 'Go back' },
  'action.declineWarning': {
    ja: '理由「{reason}」で回答を拒否します。拒否した照会には、あとから回答できません。',
    en: 'The request will be declined ({reason}). A declined request cannot be answered afterwards.',
  },
  'action.closeWarning': {
    ja: '完結にすると、この照会ではそれ以上の操作ができなくなります。',
    en: 'Once closed, nothing more can be done on this request.',
  },
  'action.withdrawReason': { ja: '取下げの理由', en: 'Reason for withdrawal' },
  'action.withdrawReasonKept': {
    ja: '理由は署名とともに残り、保存期間を過ぎても消去されません。人の氏名・住所などは書かないでください',
    en: 'The reason stays with its signature, past the retention period too: do not name people or give addresses',
  },
  'action.withdrawWarning': {
    ja: '取り下げた照会は元に戻せません。続けるには起案し直します。',
    en: 'A withdrawn request cannot be taken up again; to go on, draft it anew.',
  },
  'action.withdrawSigns': {
    ja: 'パスキーが登録されているため、取下げ（要請・理由・日時）にご本人のパスキーで署名し、提供者の設置がその署名を検証します。',
    en:
      "You have a passkey: you sign the withdrawal (the request, your reason, the time) with it, and the provider's " +
      'installation verifies your signature.',
  },
  'action.withdrawNoPasskey': {
    ja: 'パスキーが登録されていないため、署名なしで取り下げます（提供者にはハブの記録としてのみ示されます）。署名して取り下げるには、先にパスキーを登録してください。',
    en:
      "You have no passkey, so the withdrawal goes unsigned (the provider sees it as the hub's word only). To sign " +
      'it, register a passkey first.',
  },
  'action.withdrawRegister': { ja: '自分のパスキー（登録）へ', en: 'Go to My passkeys to register one' },
  'action.withdrawSignHint': {
    ja: 'パスキーを登録していれば、取下げ（要請・理由・日時）にご本人のパスキーで署名し、提供者の設置がその署名を検証します。パスキーがなければ署名なしで取り下げます（提供者にはハブの記録としてのみ示されます）。',
    en:
      'With a passkey registered, you sign the withdrawal (the request, your reason, the time) with it, and the ' +
      "provider's installation verifies your signature. Without one it is withdrawn unsigned (the provider sees it " +
      "as the hub's word only).",
  },
  'action.withdrawUnsignedChoice': {
    ja: 'パスキーが手元にないとき（端末をなくしたなど）は、署名なしで取り下げることもできます。',
    en: 'If your passkey is not at hand (a lost device, say), you can withdraw without a signature instead.',
  },
  'action.withdrawSignFailed': {
    ja: 'パスキーで署名できませんでした（端末をなくした、認証器の操作が失敗した・取り消された、など）。署名なしで取り下げることもできます。その場合、提供者には「署名なし」（ハブの記録のみ）と示されます。',
    en:
      "Your passkey did not sign (a lost device, or the authenticator's prompt failed or was cancelled). You can " +
      'withdraw without a signature instead: the provider then reads it as "unsigned" (the hub\'s word only).',
  },
  'action.withdrawUnsigned': { ja: '署名なしで取り下げる', en: 'Withdraw without a signature' },
  'action.withdrawUnsignedWarning': {
    ja: '署名なしで取り下げます。提供者には「署名なし」（ハブの記録のみ）と示され、あなたの署名として検証されることはありません。取り下げた照会は元に戻せません。',
    en:
      'You withdraw without a signature: the provider reads it as "unsigned" (the hub\'s word only), never as ' +
      'verified under your signature. A withdrawn request cannot be taken up again.',
  },
  'withdrawal.title': { ja: '依頼元による取下げ', en: 'Withdrawn by the requesting office' },
  'withdrawal.reason': { ja: '取下げの理由', en: 'Reason' },
  'withdrawal.at': { ja: '取下げ日時', en: 'Withdrawn at' },
  'withdrawal.by': { ja: '取り下げた人', en: 'Withdrawn by' },
  'withdrawal.signature': { ja: '署名', en: 'Signature' },
  'withdrawal.sig.verified': {
    ja: '検証済み（ハブの署名済みディレクトリのログにある、取り下げた人のパスキーの鍵で、ハブが検証しました。提供者の設置は固定済みのディレクトリで改めて検証します）',
    en:
      "Verified by the hub (under the withdrawing person's passkey key in its signed directory log; the provider's " +
      'installation checks it again against its pin)',
  },
  'withdrawal.sig.failed': {
    ja: '検証できません（署名後に理由・日時・署名が変わったか、署名した鍵が危殆化により失効しているか、依頼元の鍵ではありません）。依頼元に確認してください',
    en:
      'Does not verify (changed after signing, a key revoked as compromised, or a key not of the requesting office): ' +
      'check with the requesting office',
  },
  'withdrawal.sig.notInLog': {
    ja: '検証できません（署名した鍵がハブの署名済みディレクトリのログにありません）。依頼元に確認してください',
    en: "Not verified: the signing key is not in the hub's signed directory log; check with the requesting office",
  },
  'withdrawal.sig.unsigned': {
    ja: '署名なし（パスキーなしで取り下げられました。ハブの記録のみです）',
    en: "Unsigned (withdrawn without a passkey): the hub's word only",
  },
  'action.done.submit': { ja: '決裁に回しました。', en: 'Sent for approval.' },
  'action.done.approve': { ja: '決裁し、発出しました。', en: 'Approved and issued.' },
  'action.done.reject_approval': { ja: '差し戻しました。', en: 'Returned to the drafter.' },
  'action.done.start_review': { ja: '審査を開始しました。', en: 'Review started.' },
  'action.done.request_clarification': { ja: '照会元に確認を依頼しました。', en: 'Clarification requested.' },
  'action.done.clarify': { ja: '確認に回答しました。', en: 'Clarification sent.' },
  'action.done.start_opinion_hearing': { ja: '意見照会を開始しました。', en: 'Opinion hearing started.' },
  'action.done.record_opinion': { ja: '意見を記録しました。', en: 'Opinion recorded.' },
  'action.done.answer': { ja: '回答を署名・封緘して送りました。', en: 'The answer was signed, sealed and sent.' },
  'action.done.decline': { ja: '回答を拒否しました。', en: 'Declined.' },
  'action.done.withdraw': { ja: '取り下げました。', en: 'Withdrawn.' },
  'action.done.extend_preservation': { ja: '保全期間を延長しました。', en: 'Preservation extended.' },
  'action.done.confirm_second_check': { ja: '折り返し確認を記録しました。', en: 'The call-back check is recorded.' },
  'action.done.close': { ja: '完結にしました。', en: 'Closed.' },

  'answer.title': { ja: '回答', en: 'Answer' },
  'answer.formTitle': { ja: '回答の作成（対象ごと）', en: 'Answer, target by target' },
  'answer.outcome': { ja: '回答の区分', en: 'Outcome' },
  'answer.outcome.sealed': {
    ja: '封緘済み（要請元所属のみ開封可）',
    en: 'Sealed (only the requesting unit can open it)',
  },
  'answer.result': { ja: '結果', en: 'Result' },
  'answer.accessLog': { ja: '接続記録', en: 'Access log' },
  'answer.addLog': { ja: '接続記録を追加', en: 'Add a log entry' },
  'answer.logAt': { ja: '接続記録 {n} の日時', en: 'Log entry {n}: time' },
  'answer.logTime': { ja: '日時', en: 'Time' },
  'answer.logAddress': { ja: 'IPアドレス', en: 'IP address' },
  'answer.logRow': { ja: '接続記録 {n}', en: 'Log entry {n}' },
  'answer.logAction': { ja: '操作（ログイン・投稿等）', en: 'Action (login, post…)' },
  'answer.board.posts': { ja: '投稿の記録', en: 'Posts' },
  'answer.board.addPost': { ja: '投稿の記録を追加', en: 'Add a post' },
  'answer.board.postAt': { ja: '投稿 {n} の日時', en: 'Post {n}: time' },
  'answer.board.postRow': { ja: '投稿 {n}', en: 'Post {n}' },
  'answer.board.sourceAddress': { ja: '送信元IPアドレス', en: 'Source IP address' },
  'answer.board.sourcePort': { ja: '送信元ポート番号', en: 'Source port' },
  'answer.board.name': { ja: '登録された氏名', en: 'Name as registered' },
  'answer.board.email': { ja: '登録されたメールアドレス', en: 'E-mail as registered' },
  'answer.board.phone': { ja: '登録された電話番号', en: 'Phone as registered' },
  'answer.cafe.member': { ja: '会員（本人確認で登録されたとおり）', en: 'Member (as registered at the ID check)' },
  'answer.cafe.uses': { ja: '端末の利用記録', en: 'Terminal use' },
  'answer.cafe.addUse': { ja: '端末の利用記録を追加', en: 'Add a terminal use' },
  'answer.cafe.useRow': { ja: '利用 {n}', en: 'Use {n}' },
  'answer.cafe.terminal': { ja: '端末', en: 'Terminal' },
  'answer.cafe.useFrom': { ja: '利用 {n} の開始（入店）', en: 'Use {n}: from (entry)' },
  'answer.cafe.useTo': { ja: '利用 {n} の終了（退店）', en: 'Use {n}: until (exit)' },
  'answer.cafe.from': { ja: '利用開始', en: 'From' },
  'answer.cafe.to': { ja: '利用終了', en: 'Until' },
  'answer.cafe.noExit': { ja: '退店記録なし', en: 'No exit recorded' },
  'answer.preservedUntil': { ja: '保全期限', en: 'Preserved until' },
  'answer.itemNote': { ja: 'この対象についての補足', en: 'Note on this target' },
  'answer.note': { ja: '回答全体への補足', en: 'Note on the whole answer' },
  'answer.sealHint': {
    ja: '回答は事業者の鍵で署名され、照会元の所属の鍵で封緘（暗号化）されます。サーバーには暗号文のみが保存されます。',
    en:
      "The answer is signed with the provider's key and sealed to the requesting unit's key; the server stores " +
      'ciphertext only.',
  },
  'answer.submit': { ja: '署名・封緘して回答する', en: 'Sign, seal and send the answer' },
  'answer.review': { ja: '送信内容を確認する', en: 'Review what will be sent' },
  'answer.previewTitle': { ja: '送信される内容（署名前の確認）', en: 'What will leave (check it before signing)' },
  'answer.previewHint': {
    ja: 'この内容がそのまま署名・封緘され、照会元の所属と自社の控えだけが開ける形で送られます。',
    en: 'Exactly this is signed and sealed, readable only by the requesting unit and by your own kept copy.',
  },
  'answer.digest': { ja: '確認ダイジェスト（SHA-256）', en: 'Digest (SHA-256)' },
  'finding.title': { ja: '記録による判定', en: 'What the records say' },
  'finding.verdict': { ja: '判定', en: 'Verdict' },
  'finding.records': { ja: '調べた記録', en: 'Records searched' },
  'finding.asked': { ja: '照会の内容（受信したとおり）', en: 'The question as received' },
  'finding.window': { ja: '調べた時間の範囲', en: 'Window searched' },
  'finding.reasons': { ja: '理由', en: 'Why' },
  'finding.candidates': {
    ja: '候補（いずれか一人とは特定できません）',
    en: 'Candidates (no single one is identified)',
  },
  'finding.candidate': { ja: '該当者', en: 'Holder' },
  'finding.candidateN': { ja: '候補 {n}', en: 'Candidate {n}' },
  'finding.insideAddress': { ja: '内部アドレス', en: 'Inside address' },
  'finding.line': { ja: '回線', en: 'Line' },
  'finding.posts': { ja: '投稿記録', en: 'Post records' },
  'finding.terminalUse': { ja: '端末の利用', en: 'Terminal use' },
  'finding.idChecks': { ja: '本人確認', en: 'ID checks' },
  'finding.sources': { ja: '根拠とした記録（ファイル:行）', en: 'Source records (file:line)' },
  'finding.resolveBy': { ja: '一意に特定するために必要なもの', en: 'What would make it unique' },
  'finding.ambiguousWarning': {
    ja: 'この結果は一人の契約者を示していません。候補のいずれかを契約者として扱わないでください。',
    en: 'This result does not name one subscriber. Do not treat any candidate as the subscriber.',
  },
  'finding.birthDate': { ja: '生年月日', en: 'Date of birth' },
  'answer.back': { ja: '修正に戻る', en: 'Back to editing' },
  'answer.openOwn': { ja: '自社の回答の控えを開く', en: 'Open our kept copy of the answer' },
  'answer.signedBy': { ja: '署名者', en: 'Signed by' },
  'answer.key': { ja: '鍵', en: 'key' },
  'answer.sealed': {
    ja: '回答は照会元の所属宛てに封緘されています。',
    en: 'The answer is sealed for the requesting unit.',
  },
  'answer.open': {
    ja: '回答を開封して読む（閲覧は記録されます）',
    en: 'Unseal and read the answer (this read is recorded)',
  },
  'answer.signatureValid': { ja: '事業者の署名は有効です', en: "The provider's signature is valid" },
  'answer.passkeyNone': {
    ja: '回答には、あなた自身の認証器（パスキー）での署名が必要です。まず認証器を登録してください',
    en: 'The answer must be signed with your own passkey: register one first',
  },
  'answer.foundEmpty': {
    ja: '結果が「該当あり」ですが、回答する情報が入力されていません（情報を入力するか、結果を変えてください）',
    en: 'the result is "Found" but no information is entered (enter it, or change the result)',
  },
  'answer.passkeySignsHint': {
    ja: '「署名・封緘して回答する」を押すと、この画面で回答に署名し、要請元所属の鍵と自社の鍵に封緘します（認証器の確認が2回あります）。ハブは回答の内容を見ません',
    en:
      '"Sign, seal and send the answer" signs the answer here with your passkey and seals it to the requesting ' +
      'unit and to your own key (your passkey asks twice); the hub never sees the answer',
  },
  'answer.byPasskey': { ja: '法務担当者の認証器（パスキー）で署名', en: "signed with a legal officer's passkey" },
  'answer.byInstallationKey': { ja: '事業者の設置鍵で署名', en: "signed with the provider's installation key" },
  'answer.signatureInvalid': { ja: '事業者の署名が無効です', en: "The provider's signature is NOT valid" },
  'answer.readAt': { ja: '開封日時', en: 'Read at' },
  'answer.readAudited': { ja: 'この閲覧は監査ログに記録されました。', en: 'this read was recorded in the audit log.' },
  // answers in device custody (issue 11)
  'nav.devices': { ja: '端末と回答鍵', en: 'Devices and answer key' },
  'devices.title': { ja: '端末と回答鍵', en: 'Devices and the answer key' },
  'devices.intro': {
    ja: '回答は所属の登録端末でのみ開封できます。ハブは暗号文と端末宛てに包んだ鍵しか持ちません。',
    en:
      "Answers open only on the unit's enrolled devices. The hub holds ciphertext and keys wrapped to devices, " +
      'nothing more.',
  },
  'devices.key': { ja: '回答鍵', en: 'Answer key' },
  'devices.keyLegacy': {
    ja: 'まだハブが回答鍵を保管しています（移行前）。所属長が端末保管へ移行できます。',
    en: 'The hub still holds the answer key (not migrated). The head can move it to the devices.',
  },
  'devices.thisBrowser': { ja: 'この端末（ブラウザ）', en: 'This browser' },
  'devices.notRegistered': {
    ja: 'この端末は登録されていません。登録すると、回答鍵を持つ構成員が指紋を確認して鍵を渡します。',
    en:
      'This browser is not registered. Once it is, a member holding the key compares its fingerprint and wraps the ' +
      'key to it.',
  },
  'devices.register': { ja: 'この端末を登録する', en: 'Register this browser' },
  'devices.fingerprint': { ja: '指紋', en: 'Fingerprint' },
  'devices.pendingHint': {
    ja: 'この指紋を、鍵を渡す構成員に伝えて照合してもらってください。',
    en: 'Tell this fingerprint to the member who will wrap the key to it, to compare.',
  },
  'devices.list': { ja: '登録端末', en: 'Devices' },
  'devices.holder': { ja: '保持者', en: 'Holder' },
  'devices.label': { ja: '名称', en: 'Label' },
  'devices.kind': { ja: '種別', en: 'Kind' },
  'devices.state': { ja: '状態', en: 'State' },
  'devices.state.pending': { ja: '鍵の受け渡し待ち', en: 'Awaiting the key' },
  'devices.state.enrolled': { ja: '登録済み', en: 'Enrolled' },
  'devices.state.removed': { ja: '抹消', en: 'Removed' },
  'devices.enrolStart': { ja: '指紋を照合して鍵を渡す…', en: 'Compare the fingerprint and wrap the key…' },
  'devices.compareTitle': { ja: '指紋の照合', en: 'Comparing the fingerprint' },
  'devices.compare': {
    ja:
      '{holder} さんの端末「{label}」の画面に表示されている指紋を読み上げてもらい、次の指紋と一字ずつ一致することを' +
      '確かめてください。一致しないときは鍵を渡さず、所属長に知らせてください。',
    en:
      'Have {holder} read out the fingerprint their device "{label}" shows on its own screen, and check that it ' +
      'matches this one character by character. If it does not, do not wrap the key to it: tell the unit head.',
  },
  'devices.enrol': { ja: '一致した：鍵を渡す', en: 'They match: wrap the key to it' },
  'devices.compareCancel': { ja: 'やめる', en: 'Cancel' },
  'devices.compareDiffers': {
    ja:
      'この端末の鍵から計算した指紋が、ハブの一覧の指紋と一致しません。鍵を渡さず、所属長とハブの運用者に知らせて' +
      'ください。',
    en:
      "The fingerprint worked out from this device's key differs from the one the hub's list gives. Do not wrap the " +
      'key to it: tell the unit head and the hub operator.',
  },
  'devices.remove': { ja: 'この構成員を除外して鍵を更新する', en: 'Remove this member and rotate the key' },
  'devices.start': { ja: '回答鍵を端末保管へ移行する', en: 'Move the answer key to the devices' },
  'devices.startHint': {
    ja: '回復鍵を作成してダウンロードします。オフラインで保管してください（ハブには公開部分のみ登録します）。',
    en: 'A recovery key is created and downloaded: keep it offline (only its public part goes to the hub).',
  },
  'devices.recover': {
    ja: '回復鍵ファイルでこの端末に鍵を渡す',
    en: 'Wrap the key to this browser from the recovery key file',
  },
  'devices.done': { ja: '完了しました。', en: 'Done.' },
  'devices.key.madeHere': {
    ja: '（この端末で作成。漏えいした鍵を持つ端末で封緘し直す人は、この指紋と照合します）',
    en: '(made on this device: whoever seals again on a device holding a compromised key compares this fingerprint)',
  },
  'devices.compromise.title': { ja: '回答鍵の漏えい', en: 'A compromised answer key' },
  'devices.compromise.mark': {
    ja: '現在の回答鍵を漏えいとして記録し、新しい鍵に替える',
    en: 'Mark the current answer key compromised and replace it',
  },
  'devices.compromise.hint': {
    ja: '新しい鍵はこの端末で作り、残る登録端末すべてに渡します。鍵が漏れた端末は、先に構成員の除外で外してください。',
    en:
      'The new key is made in this browser and wrapped to every enrolled device that remains. Remove the device it ' +
      'leaked from first (remove the member).',
  },
  'devices.compromise.confirm': {
    ja: '現在の回答鍵を漏えいとして失効させます。よろしいですか。',
    en: 'The current answer key will be revoked as compromised. Go ahead?',
  },
  'devices.compromise.markEarlier': {
    ja: 'この以前の鍵を漏えいとして記録する',
    en: 'Mark this earlier key compromised',
  },
  'devices.compromise.earlierHint': {
    ja: '以前の回答鍵（鍵の更新より前のもの、指紋）。漏えいとして記録しても現在の鍵はそのままです。封緘されていたものは、この鍵を持つ端末で封緘し直します。',
    en:
      'Earlier answer keys (from before a rotation; fingerprints). Marking one leaves the current key as it is; what ' +
      'was sealed to it is sealed again on a device holding it.',
  },
  'devices.compromise.confirmEarlier': {
    ja: '以前の回答鍵 {key} を漏えいとして失効させます。よろしいですか。',
    en: 'The earlier answer key {key} will be revoked as compromised. Go ahead?',
  },
  'devices.compromise.confirmButton': { ja: '漏えいとして記録する', en: 'Mark it compromised' },
  'devices.compromise.cancel': { ja: 'やめる', en: 'Cancel' },
  'devices.compromise.marked': {
    ja: '漏えいとして記録された鍵（指紋）: {keys}。',
    en: 'Keys marked compromised (fingerprints): {keys}.',
  },
  'devices.reseal.none': {
    ja: '封緘し直すものは残っていません。',
    en: 'Nothing is left to seal again.',
  },
  'devices.reseal.left': {
    ja: '漏えいした鍵で封緘されたまま残っているもの: {left} 件（この端末で開けるもの {here} 件）。',
    en: 'Still sealed only to a compromised key: {left} ({here} of them open in this browser).',
  },
  'devices.reseal.run': { ja: 'この端末で封緘し直す', en: 'Seal them again in this browser' },
  'devices.reseal.runCompared': {
    ja: '指紋が一致したので、この端末で封緘し直す',
    en: 'The fingerprints match: seal them again in this browser',
  },
  'devices.reseal.targetMade': {
    ja: '封緘し直す先は、この端末で作った現在の回答鍵です。指紋:',
    en: 'They are sealed again to the current answer key, made in this browser. Fingerprint:',
  },
  'devices.reseal.targetCompare': {
    ja:
      '封緘し直す先の現在の回答鍵は、この端末で作ったものではありません。鍵を作った端末（所属長の「端末と回答鍵」の画面で' +
      '「この端末で作成」と表示されるもの、または shokai device compromised の表示）の指紋と照合し、一致するときだけ' +
      '封緘し直してください。ハブが別の鍵を示したときは、この端末が断ります。指紋:',
    en:
      'The current answer key they are sealed again to was not made in this browser. Compare its fingerprint ' +
      'with the one the device that made it shows (the head\'s Devices page, marked "made on this device", or ' +
      'what shokai device compromised printed) and seal them again only if they match; if the hub names another ' +
      'key, this browser refuses it. Fingerprint:',
  },
  'devices.reseal.hint': {
    ja: 'この端末で開いて現在の鍵で封緘し直します。ハブは内容を読めません。中断しても続きから再開できます。',
    en: 'Each is opened here and sealed again to the current key; the hub cannot read it. It resumes where it stopped.',
  },
  'devices.reseal.progress': {
    ja: '封緘し直し済み {done} 件、残り {left} 件。',
    en: 'Sealed again: {done}; left: {left}.',
  },
  'devices.reseal.elsewhere': {
    ja: 'この端末は漏えいした鍵を持っていません。持っている端末で封緘し直してください。',
    en: 'This browser does not hold the compromised key: seal them again on a device that does.',
  },
  'answer.noDevice': {
    ja: '回答はこの所属の登録端末でのみ開封できます。この端末はまだ鍵を持っていません。',
    en: "Answers open only on the unit's enrolled devices; this browser does not hold the key yet.",
  },
  'answer.openedOnDevice': {
    ja: 'この端末で開封しました（ハブは内容を読めません）。',
    en: 'Opened on this device (the hub cannot read it).',
  },
  'subscriber.account': { ja: 'アカウント', en: 'Account' },
  'subscriber.name': { ja: '契約者氏名', en: 'Name' },
  'subscriber.nameKana': { ja: '氏名（カナ）', en: 'Name (kana)' },
  'subscriber.installationAddress': { ja: '設置場所住所', en: 'Installation address' },
  'subscriber.billingAddress': { ja: '請求先住所', en: 'Billing address' },
  'subscriber.phone': { ja: '電話番号', en: 'Phone' },
  'subscriber.email': { ja: 'メールアドレス', en: 'E-mail' },
  'subscriber.contractStart': { ja: '契約開始日', en: 'Contract start' },
  'subscriber.contractEnd': { ja: '契約終了日', en: 'Contract end' },

  'approval.title': { ja: '決裁：{ref}', en: 'Approval: {ref}' },
  'approval.what': { ja: '照会の内容', en: 'The request' },
  'approval.exact': { ja: '電子署名の対象（このとおりに署名されます）', en: 'Exactly what you sign' },
  'approval.exactHint': {
    ja: '下の正規化済みデータとその要約値に、あなたの鍵と所属の鍵で署名します。',
    en: 'Your key and your unit’s key sign the canonical data below and its digest.',
  },
  'approval.canonical': { ja: '署名対象の正規化データ', en: 'Canonical data to be signed' },
  'approval.instants': { ja: '署名される日時（あなたのタイムゾーンで）', en: 'The times you sign, in your time zone' },
  'approval.instantsHint': {
    ja:
      '署名対象のデータは日時を書かれたとおりに持ちます（発出の日時は UTC、末尾 Z）。同じ日時をあなたのタイムゾーン（{zone}、現在 UTC{offset}）で読むと次のとおりです。' +
      '署名されるのは上のデータのとおりです。',
    en:
      'The signed data holds each time as written (the issue time in UTC, ending in Z). Here are the same instants ' +
      'in your time zone ({zone}, now UTC{offset}); what is signed is the data above, unchanged.',
  },
  'approval.instantWhat': { ja: '項目', en: 'Item' },
  'approval.instantInZone': { ja: 'あなたのタイムゾーン（{zone}）で', en: 'In your time zone ({zone})' },
  'approval.instantSigned': { ja: '署名される値', en: 'Value signed' },
  'approval.instantOther': { ja: 'その他の日時', en: 'Other time' },
  'approval.issuedAt': {
    ja: '発出の日時（署名した時点の時刻に置き換わります）',
    en: 'Issued at (replaced by the moment you sign)',
  },
  'approval.dutyDesignatedAt': { ja: '当直指定の日時', en: 'Duty designated at' },
  'approval.dutyFrom': { ja: '当直の開始', en: 'Duty from' },
  'approval.dutyUntil': { ja: '当直の終了', en: 'Duty until' },
  'approval.digest': { ja: '要約値（SHA-256）', en: 'Digest (SHA-256)' },
  'approval.sign': { ja: '決裁（電子署名）', en: 'Approve and sign' },
  'approval.confirm': {
    ja: '上記の内容を確認し、照会の必要性を認めます',
    en: 'I have read the above and confirm the request is necessary',
  },
  'approval.signButton': { ja: '署名して発出する', en: 'Sign and issue' },
  'approval.reject': { ja: '差戻し', en: 'Return to the drafter' },
  'approval.rejectReason': { ja: '差戻しの理由', en: 'Reason' },
  'approval.rejectButton': { ja: '差し戻す', en: 'Return' },
  'approval.notAvailable': {
    ja: 'この照会は現在あなたの決裁を待っていません。',
    en: 'This request does not await your approval.',
  },
  'approval.back': { ja: '照会に戻る', en: 'Back to the request' },
  'approval.refused': {
    ja: 'この照会は、このままでは決裁できません。理由を付して差し戻してください：',
    en: 'This request cannot be approved as it is; return it to the drafter with the reason:',
  },
  // the same page for a civil disclosure: the claimant's counsel signs and files it, no one approves (issue 15)
  'approval.civil.title': { ja: '代理人弁護士の署名：{ref}', en: "Counsel's signature: {ref}" },
  'approval.civil.what': { ja: '発信者情報開示請求の内容', en: 'The disclosure request' },
  'approval.civil.draftedBy': { ja: '作成者', en: 'Written by' },
  'approval.civil.exactHint': {
    ja: '下の正規化済みデータとその要約値に、あなたの鍵と法律事務所の鍵で署名します。',
    en: 'Your key and your law office’s key sign the canonical data below and its digest.',
  },
  'approval.civil.sign': { ja: '代理人としての署名（電子署名）', en: 'Sign as counsel' },
  'approval.civil.confirm': {
    ja: '上記の内容を確認し、請求者の代理人としてこの開示請求を行います',
    en: "I have read the above and file this disclosure request as the claimant's counsel",
  },
  'approval.civil.signButton': { ja: '署名して請求する', en: 'Sign and file' },
  'approval.civil.notAvailable': {
    ja: 'この開示請求は現在あなたの署名を待っていません。',
    en: 'This disclosure request does not await your signature.',
  },
  'approval.civil.back': { ja: '開示請求に戻る', en: 'Back to the disclosure request' },
  'approval.civil.refused': {
    ja: 'この開示請求は、このままでは署名できません：',
    en: 'This disclosure request cannot be signed as it is:',
  },
  'approval.civil.passkeySignsHint': {
    ja: '「署名して請求する」を押すと、あなたの認証器（パスキー・セキュリティキー）が上の要約値に署名します。PIN または生体認証で本人確認を行ってください。ハブはあなたの秘密鍵を持っていません。',
    en:
      'When you press “Sign and file”, your own authenticator (passkey or security key) signs the digest above ' +
      'after your PIN or biometric check. The hub does not hold your private key.',
  },
  'approval.civil.passkeyNone': {
    ja: 'あなたの署名用パスキーはまだ登録されていません。登録すると、開示請求の署名はこの端末の認証器でのみ行えるようになり、ハブが保管していた鍵は破棄されます。',
    en:
      'You have not registered a signing passkey yet. Once you do, your disclosure requests are signed only by ' +
      'your own authenticator, and the key the hub kept for you is destroyed.',
  },
  // signing on the approver's own device (passkey)
  'passkey.signsHint': {
    ja: '「署名して発出する」を押すと、あなたの認証器（パスキー・セキュリティキー）が上の要約値に署名します。PIN または生体認証で本人確認を行ってください。ハブはあなたの秘密鍵を持っていません。',
    en:
      'When you press “Sign and issue”, your own authenticator (passkey or security key) signs the digest above ' +
      'after your PIN or biometric check. The hub does not hold your private key.',
  },
  'passkey.none': {
    ja: 'あなたの署名用パスキーはまだ登録されていません。登録すると、決裁の署名はこの端末の認証器でのみ行えるようになり、ハブが保管していた鍵は破棄されます。',
    en:
      'You have not registered a signing passkey yet. Once you do, approvals are signed only by your own ' +
      'authenticator, and the key the hub kept for you is destroyed.',
  },
  'passkey.register': { ja: 'パスキーを登録する', en: 'Register a passkey' },
  'passkey.pending': {
    ja: 'パスキーを受け付けました（鍵 {fp}）。組織の管理者または鍵管理責任者が確認すると、署名に使えるようになります（二人制）。',
    en:
      'Passkey received (key {fp}). It can sign once an administrator or the key officer of your organisation ' +
      'confirms it (two-person rule).',
  },
  'credreq.title': { ja: '署名用パスキーの確認待ち（{n}件）', en: 'Signing passkeys awaiting confirmation ({n})' },
  'credreq.intro': {
    ja: '所属長・裁判官・事業者の担当者が登録したパスキーは、二人目（管理者または鍵管理責任者）の確認を経て署名鍵になります。本人に指紋（フィンガープリント）を確かめてから確認してください。',
    en:
      'A passkey registered by a unit head, judge or provider officer becomes their signing key once a second person ' +
      '(an administrator or the key officer) confirms it. Check the fingerprint with its owner first.',
  },
  'credreq.nonePending': { ja: '確認待ちのパスキーはありません。', en: 'No passkeys await confirmation.' },
  'credreq.confirm': { ja: '{login} のパスキーを確認する', en: "Confirm {login}'s passkey" },
  'credreq.history': { ja: '処理済みのパスキー登録（{n} 件）', en: 'Decided passkey registrations ({n})' },
  'credreq.refuse': { ja: '拒否する（理由を入力）', en: 'Refuse (give the reason)' },
  'keyreg.title': {
    ja: '設置鍵・連携システムの確認待ち（{n}件）',
    en: 'Installation keys and machine clients awaiting confirmation ({n})',
  },
  'keyreg.intro': {
    ja:
      '事業者の設置鍵（回答に署名する組織の鍵）と連携システム（要請を読み回答するシステム）は、管理者が登録し、二人目（別の管理者または鍵管理責任者）が確認して初めて有効になります。' +
      'それまでは今の設置鍵が署名し、連携システムの鍵は使えません。登録した本人と、鍵を作った設置環境の指紋が一致することを確かめてから確認してください。',
    en:
      "A provider's installation key (the organisation's key that signs its answers) and a machine client (a system " +
      'that reads and answers its requests) count only once a second person (another administrator or the key ' +
      "officer) confirms the administrator's registration. Until then the current installation key signs and the " +
      "client's key opens nothing. Check the fingerprint against the installation that made the key first.",
  },
  'keyreg.nonePending': {
    ja: '確認待ちの設置鍵・連携システムはありません。',
    en: 'No installation key or machine client awaits confirmation.',
  },
  'keyreg.history': { ja: '処理済みの登録（{n} 件）', en: 'Decided registrations ({n})' },
  'keyreg.confirm': { ja: 'この{what}を確認する', en: 'Confirm this {what}' },
  'keyreg.by': { ja: '登録: {login}', en: 'registered by {login}' },
  'keyreg.byOperator': { ja: '登録: 設置の運用者', en: "registered by the installation's operator" },
  'passkey.registered': { ja: 'パスキーを登録しました（鍵 {fp}）。', en: 'Passkey registered (key {fp}).' },
  'passkey.wrongHost': {
    ja: 'このアドレス（{host}）ではパスキーを使えません（ブラウザは IP アドレスでのパスキーを認めません）。{url} のように、ハブのホスト名で開き直してください。',
    en:
      'Passkeys cannot be used at this address ({host}): browsers refuse them on an IP address. ' +
      'Open the hub by its host name instead, e.g. {url}.',
  },
  'passkey.cancelled': {
    ja: '認証器での操作が完了しませんでした（取り消し・時間切れ・未対応の端末）。',
    en: 'The authenticator did not complete (cancelled, timed out or not supported here).',
  },
  // one's own passkeys (the account's page)
  'nav.passkeys': { ja: '自分のパスキー', en: 'My passkeys' },
  'passkeys.title': { ja: '自分のパスキー', en: 'My passkeys' },
  'passkeys.intro': {
    ja:
      'パスキーは、決裁・令状の電子署名・回答・照会の取下げに、あなた自身の端末で署名するための鍵です。秘密鍵は端末の認証器の中にだけあり、ハブは公開鍵だけを保管します。登録した鍵はハブの署名付きディレクトリログに載り、' +
      '提供者はそこからあなたの署名を検証します。',
    en:
      'A passkey is the key you sign with on your own device: approvals, warrant attestations, answers, withdrawals ' +
      "of a request. Its private part stays in your device's authenticator; the hub keeps only the public key. Every " +
      "key you register enters the hub's signed directory log, from which providers verify your signatures.",
  },
  'passkeys.registerTitle': { ja: 'このブラウザで登録する', en: 'Register one on this browser' },
  'passkeys.registerHint': {
    ja:
      '登録したパスキーが今後の署名用の鍵になり、それまでの鍵は終了します（過去の署名は引き続き検証できます）。所属長・裁判官・事業者の担当者・弁護士のパスキーは、' +
      '組織の管理者または鍵管理責任者が確認してから使えるようになります（二人制）。',
    en:
      'The passkey you register becomes your signing key from now on, and the one before it ends (what it signed ' +
      'still verifies). A passkey of a unit head, judge, provider officer or lawyer signs once an administrator or ' +
      'the key officer of the organisation confirms it (two-person rule).',
  },
  'passkeys.registerButton': {
    ja: 'このブラウザでパスキーを登録する',
    en: 'Register a passkey on this browser',
  },
  'passkeys.notSigner': {
    ja: 'あなたの役割では、パスキーで署名する行為（決裁・令状の電子署名・回答・取下げ）がないため、パスキーは登録できません。',
    en:
      'Your roles sign nothing with a passkey (approvals, warrant attestations, answers, withdrawals), so the hub ' +
      'takes none from you.',
  },
  'passkeys.list': { ja: '登録したパスキー', en: 'Passkeys you registered' },
  'passkeys.none': { ja: 'まだパスキーを登録していません。', en: 'You have not registered a passkey yet.' },
  'passkeys.key': { ja: '鍵（フィンガープリント）', en: 'Key (fingerprint)' },
  'passkeys.credential': { ja: '認証器の資格情報', en: 'Credential' },
  'passkeys.created': { ja: '登録日時', en: 'Registered' },
  'passkeys.state': { ja: '状態', en: 'State' },
  'passkeys.endedAt': { ja: '終了: {at}', en: 'Ended: {at}' },
  'passkeys.revokedAt': { ja: '失効: {at}（{reason}）', en: 'Revoked: {at} ({reason})' },
  'passkeys.decidedAt': { ja: '処理: {at}', en: 'Decided: {at}' },
  'passkeys.refusal': { ja: '拒否の理由: {reason}', en: 'Reason given: {reason}' },

  'timeline.title': { ja: '経過：{ref}', en: 'Timeline: {ref}' },
  'timeline.back': { ja: '照会に戻る', en: 'Back to the request' },
  'timeline.empty': { ja: '記録はありません。', en: 'No events.' },
  'timeline.actor': { ja: '操作者', en: 'By' },
  // The entry's number in the audit log, as `shokai audit list` and `audit verify` name it.
  'timeline.entry': { ja: '監査ログの記録 #{seq}', en: 'audit log entry #{seq}' },

  'secondCheck.title': { ja: '折り返し確認（回答の前に）', en: 'Call-back check (before answering)' },
  'secondCheck.callThe': {
    ja: 'ディレクトリに登録された照会元所属の番号に、こちらから電話をかけて確認してください:',
    en: 'Call the issuing unit back on the number the directory registers for it:',
  },
  'secondCheck.noNumber': {
    ja: '（番号が登録されていません。照会元の管理者に確認してください）',
    en: '(no number is registered: ask the agency’s administrator)',
  },
  'secondCheck.note': {
    ja: '確認の記録（誰が電話に出て、何を確認したか）',
    en: 'What was confirmed (who answered the call, what they confirmed)',
  },
  'installation.taken': {
    ja: 'この要請は、当社の自社設置（{name}）が取り込みました:',
    en: 'This request was taken by your own installation ({name}):',
  },
  'installation.answersThere': {
    ja: '回答・見送りは自社設置の確認画面から送られます。二か所からの回答を避けるため、ハブの画面では回答も見送りもできません。',
    en:
      "It is answered or declined from the installation's review pages: so that two places never answer it, the " +
      "hub's pages offer neither here.",
  },
  'installation.callBack': {
    ja: '自社設置で承認された回答は、折り返し確認が記録されると次の取得で送られます（ここでも自社設置でも記録できます）。',
    en:
      'An answer approved at the installation is sent at its next cycle once the call-back is recorded (here or at ' +
      'the installation).',
  },
  'secondCheck.done': { ja: '折り返し確認済み（{who}）', en: 'Call-back check recorded ({who})' },
  'verify.credentialAge': {
    ja: '決裁者の鍵は署名の{age}前に有効になりました',
    en: "The approver's credential became valid {age} before signing",
  },
  'verify.credentialAgeSeconds': {
    ja: '決裁者の鍵は、有効になってから1分も経たないうちに署名に使われました',
    en: "The approver's credential became valid only seconds before signing",
  },
  'verify.countersignedBy': { ja: '所属長の権限への副署: {who}', en: 'Unit-head role countersigned by {who}' },
  'verify.lawyerCountersignedBy': {
    ja: '弁護士の権限への副署: {who}',
    en: 'Lawyer role countersigned by {who}',
  },
  'verify.lawyerNotCountersigned': {
    ja: '弁護士の権限は副署を経ていません（二人制以前）',
    en: 'The lawyer role was not countersigned (granted before the two-person rule)',
  },
  'verify.notCountersigned': {
    ja: '所属長の権限は副署を経ていません（二人制以前）',
    en: 'The unit-head role was not countersigned (granted before the two-person rule)',
  },
  'withheld.title': { ja: '内容の閲覧（理由の記録）', en: 'Open the content (a recorded reason)' },
  'withheld.notice': {
    ja: '要請の内容（対象・被疑事実・やり取り）は、監督機関には理由を記録するまで表示されません。',
    en:
      'The content of the request (targets, facts, the thread) is not shown to the oversight body until a reason is ' +
      'recorded.',
  },
  'withheld.reason': { ja: '閲覧が必要な理由', en: 'Why the content is needed' },
  'withheld.hint': {
    ja: '理由は監査ログに記録され、発出した所属の経過にも表示されます。内容は1時間表示されます。',
    en:
      "The reason is recorded in the audit log and shown on the issuing unit's timeline. The content opens for an " +
      'hour.',
  },
  'withheld.open': { ja: '理由を記録して内容を開く', en: 'Record the reason and open the content' },
  'shares.title': { ja: '共有（閲覧のみ）', en: 'Shared with (read only)' },
  'shares.none': {
    ja: 'この照会は発出した所属の外には共有されていません。',
    en: 'Not shared outside the issuing unit.',
  },
  'shares.add': { ja: '同じ機関の利用者と共有する', en: 'Share with a colleague of this agency' },
  'shares.user': { ja: '共有先', en: 'Colleague' },
  'shares.noColleague': {
    ja: '共有できる同僚はいません（他の所属で事件を扱う役割を持つ利用者にだけ共有できます）。',
    en: 'There is no colleague to share with (only people of another unit who work cases can be given a share).',
  },
  'shares.remove': { ja: '{name} との共有をやめる', en: 'Stop sharing with {name}' },
  'live.emergencyTitle': { ja: '緊急照会', en: 'Emergency' },
  'live.emergencyReceived': { ja: '新しい緊急照会が届きました:', en: 'A new emergency request has arrived:' },
  'live.emergencyToApprove': {
    ja: '緊急照会があなたの決裁を待っています:',
    en: 'An emergency request awaits your approval:',
  },
  'live.dismiss': { ja: '閉じる', en: 'Dismiss' },
  'nav.mail': { ja: 'メールヘッダ解析', en: 'E-mail headers' },
  'mail.title': { ja: 'メールヘッダの解析', en: 'E-mail header analysis' },
  'mail.intro': {
    ja:
      '受信したメールを貼り付けるかファイル（.eml）を選ぶと、ヘッダ（本文より前の部分）だけを解析します。From 欄は容易に偽装できるため、発信元は受信サーバーが記録した Received 欄から判断します。' +
      'メール本体は保存しません。',
    en:
      'Paste a received message or pick its file (.eml): only the header block (before the body) is analysed. The ' +
      'From field is easily forged, so the origin is read from the Received fields the receiving servers recorded. ' +
      'The message is not stored.',
  },
  'mail.upload': { ja: 'ファイルを選ぶ', en: 'Pick a file' },
  'mail.fileLimit': {
    ja:
      'メールファイル（.eml）は添付ファイルを含めて {limit} MiB（{bytes} バイト）まで送れます。' +
      'これより大きいメールはコマンド shokai mail analyze で解析してください。',
    en:
      'A message file (.eml) can be sent with its attachments up to {limit} MiB ({bytes} bytes). Analyse a larger ' +
      'one with the command shokai mail analyze.',
  },
  'mail.fileChosen': { ja: '選んだファイル: {name}（{size} MiB）', en: 'File chosen: {name} ({size} MiB)' },
  'mail.fileClear': { ja: 'ファイルをやめて貼り付ける', en: 'Paste instead' },
  'mail.fileTooLarge': {
    ja:
      'このファイルは {size} MiB で、上限の {limit} MiB を超えるため送れません。' +
      'コマンド shokai mail analyze で解析してください。',
    en:
      'This file is {size} MiB, over the limit of {limit} MiB, so it cannot be sent. ' +
      'Analyse it with shokai mail analyze.',
  },
  'mail.message': { ja: 'メール（ヘッダを含む全文）', en: 'The message (with its headers)' },
  'mail.trusted': { ja: '受信側の中継サーバー（任意）', en: "The receiving side's relays (optional)" },
  'mail.trustedHint': {
    ja: 'アドレス、ネットワーク（CIDR）またはホスト名（.example.jp でドメイン全体）。空欄なら受信記録から推定します。',
    en:
      'Addresses, networks (CIDR) or host names (.example.jp for a whole domain). Left empty, it is inferred from ' +
      'the receipts.',
  },
  'mail.analyze': { ja: '解析する', en: 'Analyse' },
  'mail.origin': { ja: '発信元', en: 'Origin' },
  'mail.port': { ja: '送信元ポート {port}', en: 'source port {port}' },
  'mail.noOrigin': {
    ja: '信頼できる受信記録から発信元のアドレスを特定できませんでした（警告を確認してください）。',
    en: 'No originating address could be read from trustworthy receipts (see the warnings).',
  },
  'mail.from': { ja: '差出人（From: 偽装可能）', en: 'From (can be forged)' },
  'mail.subject': { ja: '件名', en: 'Subject' },
  'mail.date': { ja: '日付（Date 欄）', en: 'Date field' },
  'mail.messageId': { ja: 'Message-ID', en: 'Message-ID' },
  'mail.warnings': { ja: '注意点（{n} 件）', en: 'Warnings ({n})' },
  'mail.hop': { ja: '中継', en: 'hop' },
  'mail.hops': { ja: '中継の記録（下から順に {n} 件）', en: 'Receipts, bottom up ({n})' },
  'mail.fromHost': { ja: '送信元', en: 'From' },
  'mail.by': { ja: '受信サーバー', en: 'Received by' },
  'mail.time': { ja: '受信日時', en: 'Received at' },
  'mail.trust': { ja: '信頼', en: 'Trust' },
  'mail.trusted.yes': { ja: '受信側の記録', en: 'recorded by the receiving side' },
  'mail.trusted.no': { ja: '申告（偽装の可能性）', en: 'a claim (may be forged)' },
  'mail.dnsRecords': {
    ja: '署名・SPF・DMARC の検証用の DNS レコード（任意）',
    en: 'DNS records to check signatures, SPF and DMARC (optional)',
  },
  'mail.dnsRecordsHint': {
    ja:
      'レコードを 1 行に 1 件: DKIM・ARC の鍵 s1._domainkey.example.jp TXT "v=DKIM1; k=rsa; p=..."、' +
      'SPF example.jp TXT "v=spf1 ..."、DMARC _dmarc.example.jp TXT "v=DMARC1; p=..."、SPF の a・mx・ptr・exists ' +
      'が参照するアドレスなど example.jp A 192.0.2.1、example.jp AAAA 2001:db8::1、example.jp MX 10 ' +
      'mail.example.jp、192.0.2.1 PTR mail.example.jp。その種類のレコードのない名前は example.jp A NONE、' +
      '存在しない名前は example.jp A NXDOMAIN。' +
      'DNS は引きません。入力すると本文も送信し、本文のハッシュを検証します。',
    en:
      'Records, one a line: DKIM and ARC keys s1._domainkey.example.jp TXT "v=DKIM1; k=rsa; p=...", ' +
      'SPF example.jp TXT "v=spf1 ...", DMARC _dmarc.example.jp TXT "v=DMARC1; p=...", and what SPF\'s a, mx, ' +
      'ptr and exists look up: example.jp A 192.0.2.1, example.jp AAAA 2001:db8::1, example.jp MX 10 ' +
      'mail.example.jp, 192.0.2.1 PTR mail.example.jp; example.jp A NONE for a name with none of that type, ' +
      'example.jp A NXDOMAIN for a name that does not exist. ' +
      'DNS is never queried. With records, the body is sent too, to check its hash.',
  },
  'mail.signatures': { ja: '署名の検証（提供された鍵による）', en: 'Signatures checked (against the keys supplied)' },
  'mail.signaturesNone': { ja: 'DKIM-Signature 欄はありません。', en: 'The message has no DKIM-Signature field.' },
  'mail.signer': { ja: '署名ドメイン（d=）', en: 'Signing domain (d=)' },
  'mail.selector': { ja: 'セレクタ（s=）', en: 'Selector (s=)' },
  'mail.verdict': { ja: '判定', en: 'Verdict' },
  'mail.verdict.pass': { ja: '成功', en: 'pass' },
  'mail.verdict.fail': { ja: '失敗', en: 'fail' },
  'mail.verdict.not_verified': { ja: '未検証', en: 'not verified' },
  'mail.verdict.none': { ja: 'なし', en: 'none' },
  'mail.arcChain': { ja: 'ARC チェーン（i={instances}）', en: 'ARC chain (i={instances})' },
  'mail.seal': { ja: '封印 i={instance}（{key}）', en: 'Seal i={instance} ({key})' },
  'mail.policies': {
    ja: 'SPF と DMARC（提供されたレコードによる）',
    en: 'SPF and DMARC (against the records supplied)',
  },
  'mail.spf.of': { ja: 'SPF（{domain}、接続元 {ip}）', en: 'SPF ({domain}, from {ip})' },
  'mail.dmarc.of': { ja: 'DMARC（From のドメイン {domain}）', en: 'DMARC (From domain {domain})' },
  'mail.spf.pass': { ja: '成功', en: 'pass' },
  'mail.spf.fail': { ja: '失敗', en: 'fail' },
  'mail.spf.softfail': { ja: '弱い失敗', en: 'soft fail' },
  'mail.spf.neutral': { ja: '中立', en: 'neutral' },
  'mail.spf.none': { ja: 'なし', en: 'none' },
  'mail.spf.permerror': { ja: 'レコードの誤り', en: 'record error' },
  'mail.policy.notSupplied': { ja: '未判定（レコード未提供）', en: 'not decided (records not supplied)' },
  'mail.policy.notEvaluated': { ja: '未判定', en: 'not checked' },
  'mail.dmarc.incomplete': { ja: '未判定（未検証のものあり）', en: 'not decided (something unchecked)' },
  'mail.dmarc.policyLabel': { ja: 'ポリシー', en: 'Policy' },
  'mail.policy.record': { ja: 'レコード（提供されたもの）', en: 'Record (as supplied)' },
  'mail.policy.missing': { ja: '提供されていないレコード', en: 'Records not supplied' },
  'grants.title': { ja: '権限付与への副署（副署待ち {n} 件）', en: 'Countersigning role grants ({n} waiting)' },
  'grants.intro': {
    ja: '所属長・裁判官・管理者・鍵管理責任者・弁護士・監査担当の権限は、付与した人とは別のもう一人（管理者か鍵管理責任者）が副署して初めて有効になります。',
    en:
      'Unit head, judge, administrator, key officer, lawyer and auditor roles take effect only when a second person ' +
      '— another administrator or the key officer, not the one who granted it — countersigns.',
  },
  'grants.nonePending': { ja: '副署待ちの権限付与はありません。', en: 'No role grant is waiting.' },
  'grants.countersign': { ja: '{login} への付与に副署する', en: 'Countersign the grant to {login}' },
  'grants.refuse': { ja: '副署を拒否する', en: 'Refuse' },
  'grants.refusalReason': { ja: '拒否の理由', en: 'Reason for refusing' },
  'grants.notYou': {
    ja: '（付与した本人・付与される本人は副署できません）',
    en: '(the granter and the grantee cannot countersign)',
  },
  'grants.history': { ja: '決着した権限付与（{n} 件）', en: 'Decided grants ({n})' },
  'grants.pendingNotice': {
    ja: '次の権限は副署待ちです: {roles}（別の管理者か鍵管理責任者が副署すると有効になります）',
    en: 'Waiting for a countersignature: {roles} (another administrator or the key officer makes it effective)',
  },

  'cases.title': { ja: '事件', en: 'Cases' },
  'cases.one': { ja: '事件', en: 'Case' },
  'cases.empty': { ja: '事件はありません。', en: 'No cases.' },
  'cases.reference': { ja: '事件番号', en: 'Reference' },
  'cases.caseTitle': { ja: '事件名', en: 'Title' },
  'cases.untitled': { ja: '（事件名なし：照会の起案で登録）', en: '(no title: opened when a request was drafted)' },
  'cases.new': { ja: '事件の登録', en: 'Open a case' },
  'cases.create': { ja: '登録', en: 'Open' },
  'cases.requests': { ja: 'この事件の照会（{n} 件）', en: 'Requests of this case ({n})' },
  'cases.back': { ja: '事件一覧へ', en: 'All cases' },

  'audit.title': { ja: '監査ログの検証', en: 'Audit log verification' },
  'audit.intro': {
    ja: '監査ログはハッシュチェーンで連結され、署名付きチェックポイントで封印されています。全件を検証します。',
    en: 'The audit log is hash-chained and sealed by signed checkpoints; every entry is verified.',
  },
  'audit.ok': { ja: '監査ログは改ざんされていません', en: 'The audit log is intact' },
  'audit.broken': { ja: '監査ログに不整合があります', en: 'The audit log is broken' },
  'audit.entries': { ja: '記録件数', en: 'Entries' },
  'audit.checkpoints': { ja: 'チェックポイント', en: 'Checkpoints' },
  'audit.head': { ja: '先頭ハッシュ', en: 'Head hash' },
  'audit.firstBad': { ja: '最初の不整合', en: 'First bad entry' },
  'audit.firstBadAt': { ja: '記録 #{seq}：{message}', en: 'Entry #{seq}: {message}' },
  'audit.expected': { ja: '本来の値', en: 'Expected' },
  'audit.found': { ja: '記録されていた値', en: 'Found' },
  'audit.again': { ja: '再検証', en: 'Verify again' },
  'auditLog.title': { ja: '監査ログ（監察）', en: 'Audit log (oversight)' },
  'auditLog.lead': {
    ja: '自組織の職員・システムが行ったこと、自組織の照会についてシステムと監督機関が行ったことを、新しい順に表示します。この閲覧も監査ログに記録されます。',
    en:
      "What your organisation's people and systems did, and what the system and the oversight body did about your " +
      "organisation's requests, newest first. This reading is itself recorded in the audit log.",
  },
  'auditLog.leadOversight': {
    ja: 'ハブ全体の監査ログを新しい順に表示します。この閲覧も監査ログに記録されます。',
    en: "The whole hub's audit log, newest first. This reading is itself recorded in the audit log.",
  },
  'auditLog.from': { ja: '期間（この日から）', en: 'Period from (this day)' },
  'auditLog.to': { ja: '期間（この日まで、この日を含む）', en: 'Period to (this day included)' },
  'auditLog.person': { ja: '行った人（ログイン名）', en: 'Person (login)' },
  'auditLog.personHint': { ja: '空欄ならすべての人', en: 'Empty for everyone' },
  'auditLog.group': { ja: '行為の種類', en: 'What was done' },
  'auditLog.request': { ja: '照会番号', en: 'Request number' },
  'auditLog.submit': { ja: '表示', en: 'Show' },
  'auditLog.empty': { ja: '該当する記録はありません', en: 'No entries match' },
  'auditLog.at': { ja: '日時', en: 'When' },
  'auditLog.who': { ja: '行った人', en: 'Who' },
  'auditLog.what': { ja: '行為', en: 'What' },
  'auditLog.about': { ja: '対象の照会', en: 'About request' },
  'auditLog.pages': { ja: 'ページ', en: 'Pages' },
  'auditLog.newer': { ja: '新しい記録へ', en: 'Newer entries' },
  'auditLog.older': { ja: 'さらに古い記録', en: 'Older entries' },
  'auditLog.personHintLogin': {
    ja: '組織の人のログイン名（空欄ならすべての人）',
    en: "A login of your organisation's people (empty for everyone)",
  },
  'auditLog.notLogin': {
    ja: '「{typed}」はこの組織の人のログイン名ではありません。行った人にはログイン名を入れてください。',
    en: '“{typed}” is not the login of anyone in your organisation: the person filter takes a login.',
  },
  'auditLog.notLoginOversight': {
    ja: '「{typed}」は誰のログイン名でもありません。行った人にはログイン名を入れてください。',
    en: '“{typed}” is nobody’s login: the person filter takes a login.',
  },
  'auditLog.didYouMean': { ja: 'この人ですか:', en: 'Did you mean:' },
  'auditLog.somePeople': { ja: 'この組織の人:', en: "Your organisation's people:" },
  'auditLog.badDates': {
    ja: '日付を YYYY-MM-DD の形で正しく入力してください。直して「表示」を押すまで、記録は表示しません。',
    en: 'Type the dates as YYYY-MM-DD. No entries are shown until they are corrected and you press Show.',
  },
  'auditLog.stale': {
    ja: '条件が変わりました。下の記録は前の条件のものです。「表示」を押すと新しい条件で表示します。',
    en: 'The filters have changed: the entries below are for the previous ones. Press Show to apply the new ones.',
  },
  'auditLog.toRequest': {
    ja: '照会番号 {reference} の記録に絞りました。期間と行った人の条件はそのままで、行為の種類は「すべて」にしました。',
    en: 'Narrowed to request {reference}: the period and the person are kept; what was done is back to any.',
  },

  'intake.title': { ja: '封筒の取込み', en: 'Import an envelope' },
  'intake.intro': {
    ja: '他の経路で届いた署名付き封筒（JSON）を貼り付けます。取込み時に署名・鍵・権限・再送を検証し、偽造は記録して拒否します。',
    en:
      'Paste a signed envelope (JSON) that arrived by another channel. Signatures, keys, authority and replay are ' +
      'verified on receipt; a forgery is recorded and refused.',
  },
  'intake.envelope': { ja: '封筒（JSON）', en: 'Envelope (JSON)' },
  'intake.submit': { ja: '取り込んで検証', en: 'Import and verify' },
  'intake.openStored': { ja: '記録された照会を開く', en: 'Open the recorded request' },

  'attest.title': { ja: '令状の電子署名', en: 'Attest a warrant' },
  'attest.intro': {
    ja: '令状の内容（令状番号・当事者・対象・データ種別・期間）に、ご本人のパスキーで署名します。事業者はこの署名を検証します。サーバーは裁判所に代わって署名しません。',
    en:
      "Sign the warrant's terms (number, parties, targets, categories, period) with your own passkey; providers " +
      'verify this signature. The server signs for no court.',
  },

  'nav.warrantApplications': { ja: '令状請求', en: 'Warrant applications' },
  'nav.warrantInbox': { ja: '令状請求・開示命令の受付', en: 'Warrants and disclosure orders' },
  'home.courtInboxHint': {
    ja: '当裁判所あての令状請求と、法律事務所からの発信者情報開示命令の申立てです。審査し、ご本人のパスキーで発付・発令するか、理由を付して却下します。',
    en:
      'Warrant applications to this court, and applications for disclosure orders from law offices: review them, ' +
      'then issue with your own passkey or decline with a reason.',
  },
  'wapp.title': { ja: '令状請求', en: 'Warrant applications' },
  'wapp.intro': {
    ja: '裁判所への令状請求を起案し、所属長の決裁を経て送付します。発付された令状からは、要請を手入力なしで起案できます。',
    en:
      'Draft a warrant application to a court; the unit head approves and sends it. From an issued warrant, the ' +
      'request is drafted with nothing typed again.',
  },
  'wapp.inbox': { ja: '令状請求の受付（裁判官）', en: 'Warrant applications (judge’s inbox)' },
  'wapp.inboxIntro': {
    ja: '当裁判所あての令状請求です。内容を審査し、ご本人のパスキーで発付（電子署名）するか、理由を付して却下します。',
    en:
      'Applications addressed to this court. Review each, then issue it with your own passkey or decline it with a ' +
      'reason.',
  },
  'wapp.new': { ja: '令状請求を起案', en: 'Draft a warrant application' },
  'wapp.newIntro': {
    ja: '被疑事実の要旨、対象、求める記録の種類、送達先の事業者、有効期間を記載します。',
    en:
      'Give the summary of the facts, the targets, the categories of records sought, the provider to be served and ' +
      'the validity.',
  },
  'wapp.empty': { ja: '令状請求はありません。', en: 'No warrant applications.' },
  'wapp.reference': { ja: '請求番号', en: 'Reference' },
  'wapp.state': { ja: '状態', en: 'State' },
  'wapp.court': { ja: '請求先の裁判所', en: 'Court' },
  'wapp.sentAt': { ja: '送付日時', en: 'Sent' },
  'wapp.caseReference': { ja: '事件番号', en: 'Case reference' },
  'wapp.offence': { ja: '罪名', en: 'Offence' },
  'wapp.facts': { ja: '被疑事実の要旨', en: 'Summary of the facts' },
  'wapp.necessity': { ja: '差押え等を必要とする理由', en: 'Why the records are needed' },
  'wapp.recordsFrom': { ja: '記録の期間（始期・任意）', en: 'Records from (optional)' },
  'wapp.recordsTo': { ja: '記録の期間（終期・任意）', en: 'Records to (optional)' },
  'wapp.recordsPeriod': { ja: '記録の期間', en: 'Period of the records' },
  'wapp.validDays': { ja: '求める有効期間（日）', en: 'Validity asked for (days)' },
  'wapp.validDaysHint': {
    ja: '通常は7日です。7日を超えるときは理由を記載します。',
    en: 'Seven days as a rule; give a reason for more.',
  },
  'wapp.validityReason': { ja: '7日を超える有効期間を必要とする理由', en: 'Why more than seven days' },
  'wapp.days': { ja: '{n}日', en: '{n} days' },
  'wapp.save': { ja: '起案を保存', en: 'Save the draft' },
  'wapp.heading': { ja: '令状請求 {ref}', en: 'Warrant application {ref}' },
  'wapp.what': { ja: '請求の内容', en: 'What is applied for' },
  'wapp.targets': { ja: '対象', en: 'Targets' },
  'wapp.draftedBy': { ja: '起案者', en: 'Drafted by' },
  'wapp.sentBy': { ja: '決裁・送付', en: 'Approved and sent by' },
  'wapp.signedPasskey': { ja: '本人のパスキーで署名', en: 'signed with their own passkey' },
  'wapp.returnedNote': { ja: '差戻しの理由', en: 'Returned with the note' },
  'wapp.withdrawnNote': { ja: '撤回の理由', en: 'Withdrawn because' },
  'wapp.declinedBy': { ja: '{name} が却下しました', en: 'Declined by {name}' },
  'wapp.warrant': { ja: '発付された令状', en: 'The issued warrant' },
  'wapp.judge': { ja: '裁判官', en: 'Judge' },
  'wapp.attestedHint': {
    ja: '裁判官ご本人のパスキーによる電子署名付きです。事業者は受信時にこの署名を検証します。',
    en: "Signed with the judge's own passkey; the provider verifies the signature on receipt.",
  },
  'wapp.origin': { ja: 'この請求の元', en: 'Where this application came from' },
  'wapp.originAnswer': {
    ja: 'この令状請求は、{ref} への回答で判明した識別子から起案しました。',
    en: 'This application was drafted from an identifier the answer to {ref} revealed.',
  },
  'wapp.originUnseen': { ja: '（閲覧できない照会）', en: '(a request you cannot see)' },
  'wapp.originMail': {
    ja: 'この令状請求は、解析したメールの発信元から起案しました。',
    en: 'This application was drafted from the origin of an analysed e-mail.',
  },
  'wapp.originTrace': {
    ja: '発付された令状から起案する要請は、事件の追跡でこの元に続く照会として記録されます。',
    en: "The request drafted from the issued warrant follows it in the case's trace.",
  },
  'wapp.originSource': { ja: '元', en: 'From' },
  'wapp.originRequest': { ja: '回答した照会', en: 'Request answered' },
  'wapp.originBack': { ja: '（回答に戻る）', en: '(back to the answer)' },
  'wapp.originIdentifier': { ja: '判明した識別子', en: 'Identifier revealed' },
  'wapp.originCase': { ja: '事件', en: 'Case' },
  'wapp.openRequestLink': { ja: 'この令状による要請を開く', en: 'Open the request made with this warrant' },
  'wapp.next': { ja: '次の手続', en: 'Next step' },
  'wapp.submit': { ja: '所属長の決裁に回す', en: 'Submit for the unit head’s approval' },
  'wapp.send': {
    ja: '決裁して裁判所へ送付（パスキーで署名）',
    en: 'Approve and send to the court (sign with passkey)',
  },
  'wapp.openRequest': { ja: '令状から要請を起案', en: 'Draft the request from this warrant' },
  'wapp.note': { ja: '理由・連絡事項', en: 'Reason or note' },
  'wapp.return': { ja: '起案者に差し戻す', en: 'Return to the drafter' },
  'wapp.decline': { ja: '却下する', en: 'Decline' },
  'wapp.declineWarning': {
    ja: 'この令状請求を却下します。却下した請求は発付できません（理由・連絡事項が請求元に示されます）。',
    en: 'The application will be declined. A declined application cannot be issued; the note is shown to the agency.',
  },
  'wapp.withdraw': { ja: '請求を撤回する', en: 'Withdraw the application' },
  'wapp.attest': { ja: '発付する（パスキーで電子署名）', en: 'Issue (sign with passkey)' },
  'wapp.attestIntro': {
    ja: '令状番号、発付日時（現在より後は不可）と有効期間の末日を入力します。請求された有効期間は {n} 日です。',
    en:
      'Enter the warrant number, the issue time (not in the future) and the end of validity. The validity asked for ' +
      'is {n} days.',
  },
  'trace.issuedWarrant': { ja: '発付済みの令状（令状請求から）', en: 'An issued warrant (from an application)' },
  'trace.applyHint': {
    ja: '令状がまだない場合は、裁判所を選び、この対象とデータ種別のまま令状を請求できます。',
    en: 'No warrant yet? Choose the court and apply for one with exactly these targets and categories.',
  },
  'trace.applyWarrant': { ja: 'この内容で令状を請求する', en: 'Apply for this warrant' },
  'wapp.passkeyHint': {
    ja: 'パスキーが未登録の場合、または端末を替えた場合は、ここで登録します（以後の発付はその認証器でのみ行えます）。',
    en:
      'If you have no passkey yet, or changed devices, register one here (issuing is then done with that ' +
      'authenticator only).',
  },
  'wapp.noPasskey': {
    ja: 'ご本人のパスキーが登録されていません。「端末と鍵」の画面で登録してから発付してください。',
    en: 'You have no passkey registered: register one on the devices page before issuing.',
  },
  // disclosure-order applications (issue 15 item 2)
  'nav.disclosureOrders': { ja: '開示命令の申立て', en: 'Disclosure orders' },
  'aord.title': { ja: '付随命令（提供命令・消去禁止命令）', en: 'Ancillary orders (provision, erasure prohibition)' },
  'aord.intro': {
    ja: '本案の審理中に限り申し立てられます。提供命令は経由プロバイダの名称を知り発信者情報をそのプロバイダに渡させるもの、消去禁止命令は本案の終了まで発信者情報を消去させないものです。',
    en:
      'Applied for only while the case is before the court. A provision order names the access provider and has the ' +
      'sender information given to it; an erasure prohibition keeps the sender information until the case ends.',
  },
  'aord.type': { ja: '命令の種類', en: 'Kind of order' },
  'aord.reasons': { ja: '必要性（疎明）', en: 'Why it is needed' },
  'aord.apply': { ja: 'この命令を申し立てる', en: 'Apply for this order' },
  'aord.issue': { ja: '付随命令を発令する（パスキーで署名）', en: 'Issue the order (sign with your passkey)' },
  'aord.issueIntro': {
    ja: '事件番号・発令日時・主文を入力し、ご自身のパスキーで署名します。',
    en: 'Enter the case number, the time the order is made and its operative part, then sign with your own passkey.',
  },
  'aord.lift': { ja: '効力消滅を記録する（本案の終了）', en: 'Record that the order ceased (the case ended)' },
  'aord.liftReason': { ja: '効力消滅の理由', en: 'Why it ceased' },
  'aord.signatureValid': { ja: '裁判官の電子署名は有効です', en: "The judge's signature is valid" },
  'aord.signatureInvalid': {
    ja: '裁判官の署名を確認できません（改ざん・別の命令・鍵の不一致）。裁判所に確認してください',
    en: "The judge's signature does not verify (altered, another order, or wrong key); check with the court",
  },
  'aord.receive': { ja: '署名を確認して受領する', en: 'Check the signature and receive the order' },
  'aord.received': { ja: '受領', en: 'Received' },
  'aord.provide': { ja: '提供命令を履行する', en: 'Carry out the provision order' },
  'aord.provideSigns': {
    ja: '自社の鍵を持つ提供者では、経由プロバイダごとの通知に、あなたの認証器（パスキー）で署名します（ハブは代わりに署名できません）。',
    en:
      'A provider holding its own key signs each access provider’s notice with your own passkey (the hub cannot ' +
      'sign in its name).',
  },
  'aord.passkeyNone': {
    ja: '提供の通知には、あなた自身の認証器（パスキー）での署名が必要です。まず認証器を登録してください',
    en: 'The provision notices must be signed with your own passkey: register one first',
  },
  'aord.provideIntro': {
    ja: '投稿の接続元（IPアドレス・ポート番号・日時）を1行に1件、「アドレス ポート 日時」の形で入力します。申立人には経由プロバイダの名称だけが伝わり、この情報は経由プロバイダに封緘して渡されます。',
    en:
      'One communication per line: "address port time". The applicant learns only the access provider’s name; these ' +
      'go sealed to the access provider.',
  },
  'aord.communications': { ja: '発信者の接続元', en: "The sender's communications" },
  'aord.communicationsMore': {
    ja: '記録にない接続元を足す（1行に1件、「アドレス ポート 日時」）',
    en: 'Add communications not in the records (one per line, "address port time")',
  },
  'aord.fillFromPostLog': { ja: '投稿記録から埋める', en: 'Fill from the post log' },
  'aord.fillAgain': { ja: '投稿記録を読み直す', en: 'Read the post log again' },
  'aord.fromPostLog': {
    ja: '投稿記録にある、この命令の投稿の接続元',
    en: "The communications the post log recorded for this order's posts",
  },
  'aord.fromPostLogIntro': {
    ja: 'チェックした接続元を提供します。渡すべきでないものはチェックを外し、記録にないものは下の欄に足してください。',
    en:
      'The ticked communications are given. Untick any that should not go; add any the records lack in the field ' +
      'below.',
  },
  'aord.port': { ja: 'ポート', en: 'port' },
  'aord.postSource': { ja: '（投稿 {post}、記録 {lines}）', en: '(post {post}, log line {lines})' },
  'aord.badLine': { ja: '読み取れない行です: {line}', en: 'This line cannot be read: {line}' },
  'aord.accessProviders': {
    ja: '発信者情報を保有する経由プロバイダ',
    en: 'Access providers holding the sender information',
  },
  'aord.notIdentified': {
    ja: '保有する情報からは経由プロバイダを特定できませんでした',
    en: 'No access provider could be identified from the records held',
  },
  'aord.notified': { ja: '申立てを通知済み（発信者情報を提供）', en: 'Application notified (information given to it)' },
  'aord.notNotified': { ja: '申立ての通知待ち', en: 'Waiting for your application against it' },
  'aord.notifyIntro': {
    ja: '経由プロバイダを相手方とする開示命令の申立てをしたら、ここで通知します。発信者情報はそのプロバイダに直接渡されます。',
    en:
      'Once you applied for a disclosure order against the access provider, notify it here: the sender information ' +
      'goes straight to that provider.',
  },
  'aord.noApplicationYet': {
    ja: 'この経由プロバイダを相手方とする審理中の申立てがまだありません',
    en: 'No pending application of yours against this access provider yet',
  },
  'aord.applicationAgainst': { ja: '経由プロバイダに対する申立て', en: 'Your application against it' },
  'aord.notify': { ja: '申立てを通知する', en: 'Notify the application' },
  'aord.pageTitle': { ja: '裁判所の命令', en: 'Court orders' },
  'aord.pageIntro': {
    ja: '当社を名宛人とする提供命令・消去禁止命令です。裁判官の電子署名を確認してから受領してください。',
    en:
      'Provision and erasure-prohibition orders addressed to you. ' +
      'Receive one after its judge’s signature is checked.',
  },
  'aord.none': { ja: '命令はありません', en: 'No orders' },
  'aord.notices': { ja: '提供された発信者情報', en: 'Sender information provided to you' },
  'aord.noticesIntro': {
    ja: '提供命令に基づき他の事業者（コンテンツプロバイダ、または当社に回線を卸す事業者）から提供された通知です。当社の鍵で封緘されており、当社の端末で開封します。',
    en:
      'Notices another provider (a content provider, or the wholesaler of your lines) gave you under a provision ' +
      'order, sealed to your key: they open on your devices.',
  },
  'aord.noNotices': { ja: '提供された通知はありません', en: 'No notices' },
  'pnot.title': { ja: '提供命令による通知', en: 'Notice under provision order' },
  'pnot.court': { ja: '命令を発した裁判所', en: 'Court that issued the order' },
  'pnot.contentProvider': {
    ja: '提供した事業者（コンテンツプロバイダ・回線の卸元）',
    en: 'Provider that gave it (content provider, or the wholesaler of the line)',
  },
  'pnot.application': {
    ja: '当社を相手方とする開示命令の申立て',
    en: 'The application for a disclosure order against you',
  },
  'pnot.lawOffice': { ja: '申立てをした法律事務所', en: 'Law office that applied' },
  'pnot.sentAt': { ja: '通知された日時', en: 'Released to you' },
  'pnot.open': { ja: 'この端末で開封して読む', en: 'Open and read on this device' },
  'pnot.signed': {
    ja: '提供したプロバイダの署名を確認しました（鍵 {key}…）',
    en: 'Signed by the provider that gave it: signature checked (key {key}…)',
  },
  'pnot.signedByPerson': {
    ja: '提供したプロバイダの {person} が認証器（パスキー）で署名したことを確認しました（鍵 {key}…）',
    en: 'Signed with the passkey of {person}, of the provider that gave it: signature checked (key {key}…)',
  },
  'pnot.sealedOnHub': {
    ja: 'この通知は、提供したプロバイダがハブの画面で入力した内容をハブが封緘したもので、プロバイダの署名がありません（ハブの申告です）',
    en:
      "This notice was sealed by the hub from what the provider that gave it entered in the hub's pages: it " +
      "carries no signature of that provider (it is the hub's word)",
  },
  'pnot.noDevice': {
    ja: 'この通知は当社の登録端末でのみ開封できます。この端末はまだ鍵を持っていません。',
    en: "This notice opens only on your organisation's enrolled devices; this browser does not hold the key yet.",
  },
  'pnot.at': { ja: '日時（{zone} の時刻）', en: 'Time (in {zone})' },
  'pnot.next': { ja: '次の手順', en: 'Next step' },
  'pnot.lookUp': { ja: 'このアドレスの利用者を調べる', en: 'Look up who held this address' },
  'pnot.copy': { ja: '値をコピーする（社内の検索用）', en: 'Copy the values (for your own search)' },
  'pnot.copied': { ja: 'コピーしました', en: 'Copied' },
  'pnot.copyIntro': {
    ja: '社内の仕組みで調べるときは、値をコピーして貼り付けてください（アドレス、ポート番号、時差付きの日時の順、タブ区切り）。',
    en:
      'To search your own systems, copy the values and paste them there (address, port, time with its offset, ' +
      'tab-separated).',
  },
  'pnot.nextIntro': {
    ja:
      '「ログによる利用者の特定」は、この設置に取り込んだ接続記録を調べます。社内の別の仕組みで調べるときは、値をコピーして貼り付けてください（アドレス、' +
      'ポート番号、時差付きの日時の順、タブ区切り）。照会はいずれも記録されます。',
    en:
      '“Who held this address” searches the connection logs this installation ingested. To search your own systems, ' +
      'copy the values and paste them there (address, port, time with its offset, tab-separated). Every lookup is ' +
      'recorded.',
  },
  'chain.namedUnder': {
    ja: 'この相手方を示した提供命令',
    en: 'The provision order that named this respondent',
  },
  'chain.notifiedCase': { ja: '通知した申立て', en: 'notified with' },
  'chain.provideIntro': {
    ja:
      'この命令は、{provider}から受けた提供命令 {reference} による通知に基づきます。通知を開いてその接続元を入れ（打ち直しません）、各件について、' +
      '当社の記録が示す回線の保有者（当社が回線を卸している事業者：MVNO・仮想ISPなど）を選んでください。申立人にはその事業者の名称だけが伝わり、接続元はその事業者に封緘して渡されます。',
    en:
      'This order rests on the notice you received under provision order {reference} from {provider}. Open it to ' +
      'fill in its communications (not retyped) and name, for each, the provider your records show holds the line ' +
      '(one you wholesale it to: an MVNO, a virtual ISP). The applicant learns only that provider’s name; the ' +
      'communications go to it sealed.',
  },
  'chain.open': { ja: '通知を開いて接続元を入れる', en: 'Open the notice and fill in its communications' },
  'chain.empty': { ja: '通知に接続元がありません', en: 'The notice holds no communications' },
  'chain.whose': { ja: '回線の保有者（当社の記録）', en: 'Whose line (your records)' },
  'chain.whomToAsk': {
    ja: '照会先の判定に任せる（名称を示さない）',
    en: 'Leave it to the whom-to-ask service (name none)',
  },
  'nav.courtOrders': { ja: '裁判所の命令', en: 'Court orders' },
  'dord.title': { ja: '開示命令の申立て', en: 'Applications for disclosure orders' },
  'dord.intro': {
    ja: '裁判所に発信者情報開示命令を申し立て、発令された命令から開示請求を作成します。命令には裁判官の電子署名が付き、事業者が確認します。',
    en:
      'Apply to the court for a sender-information disclosure order, and draft the request from the order once ' +
      "issued. The order carries the judge's signature, which the provider checks.",
  },
  'dord.inbox': { ja: '開示命令の申立て（裁判官）', en: 'Disclosure order applications (judge’s inbox)' },
  'dord.inboxIntro': {
    ja: '法律事務所からの申立てです。発令はご本人のパスキーで電子署名し、却下には理由を記載します。',
    en: 'Applications from law offices. Issue an order by signing with your own passkey; a decline needs its reason.',
  },
  'dord.empty': { ja: '申立てはありません', en: 'No applications' },
  'dord.new': {
    ja: '申立てを作成（開示請求の画面で「裁判所の命令」を選択）',
    en: "Apply (choose the court's order on the request form)",
  },
  'dord.one': { ja: '開示命令の申立て', en: 'Disclosure order application' },
  'dord.lawOffice': { ja: '申立人の法律事務所', en: 'Law office' },
  'dord.filedAt': { ja: '申立日時', en: 'Filed' },
  'dord.filedBy': { ja: '申立てをした弁護士', en: 'Filed by' },
  'dord.applied': { ja: '申立ての内容', en: 'What was applied for' },
  'dord.rights': { ja: '侵害された権利', en: 'Rights infringed' },
  'dord.declined': { ja: '却下の理由', en: 'Why it was declined' },
  'dord.order': { ja: '発令された命令', en: 'The order issued' },
  'dord.decidedBy': { ja: '裁判官', en: 'Judge' },
  'dord.signedHint': {
    ja: 'この命令には裁判官本人のパスキーによる電子署名が付いています。開示請求に添付され、事業者が署名を確認します。',
    en:
      "The order is signed with the judge's own passkey; it goes with the request and the provider checks the " +
      'signature.',
  },
  'dord.theRequest': { ja: 'この命令による開示請求', en: 'The request made with this order' },
  'dord.openRequest': { ja: 'この命令で開示請求を作成', en: 'Draft the request from this order' },
  'dord.reason': { ja: '理由', en: 'Reason' },
  'dord.decline': { ja: '却下する', en: 'Decline' },
  'dord.declineWarning': {
    ja: 'この申立てを却下します。却下した申立てには発令できません（理由が申立人に示されます）。',
    en:
      'The application will be declined. A declined application cannot be ordered; the reason is shown to the ' +
      'applicant.',
  },
  'dord.withdraw': { ja: '申立てを取り下げる', en: 'Withdraw the application' },
  'dord.issue': { ja: '発令する（パスキーで署名）', en: 'Issue the order (sign with your passkey)' },
  'dord.issueIntro': {
    ja: '事件番号、発令の日時（未来は不可）、主文を入力し、ご本人のパスキーで署名します。署名は申立人・事業者・投稿・発信者情報を含む命令全体に及びます。',
    en:
      'Give the case number, the time the order is made (not in the future) and its operative part, then sign with ' +
      'your own passkey. The signature covers the whole order: the claimant, the provider, the posts and the ' +
      'information.',
  },
  'dord.heard.title': { ja: '当事者の陳述聴取', en: 'Parties heard' },
  'dord.heard.none': { ja: '陳述聴取の記録はまだありません', en: 'No hearing of a party recorded yet' },
  'dord.heard.party': { ja: '陳述を聴いた当事者', en: 'Party heard' },
  'dord.heard.at': { ja: '陳述を聴いた日時', en: 'Heard at' },
  'dord.heard.manner': { ja: '方法', en: 'How' },
  'dord.heard.note': { ja: '要旨', en: 'Summary' },
  'dord.heard.recordedBy': { ja: '記録した裁判官', en: 'Recorded by' },
  'dord.heard.needProvider': {
    ja:
      '相手方（事業者）の陳述を聴いた記録がないため、まだ発令できません（不適法又は理由がないことが明らかな申立ては、' +
      '陳述を聴かずに却下できます）。',
    en:
      'The respondent (provider) has not been recorded as heard, so the order cannot be issued yet (an application ' +
      'clearly unlawful or without grounds may be dismissed without hearing it).',
  },
  'dord.heard.record': {
    ja: '陳述聴取を記録する（パスキーで署名）',
    en: 'Record a party heard (sign with your passkey)',
  },
  'dord.heard.withdrawSign': {
    ja: 'この記録を取り消す（パスキーで署名）',
    en: 'Withdraw this record (sign with your passkey)',
  },
  'dord.heard.signature': { ja: '記録した裁判官の電子署名', en: 'Recording judge’s signature' },
  'dord.heard.withdrawSignature': { ja: '取り消した裁判官の電子署名', en: 'Withdrawing judge’s signature' },
  'dord.heard.digest': { ja: '署名された内容のハッシュ（SHA-256）', en: 'Digest signed (SHA-256)' },
  'dord.heard.sig.verified': {
    ja: '検証済み（この裁判所の裁判官の鍵で、ハブが検証しました）',
    en: 'Verified by the hub (under the key of a judge of this court)',
  },
  'dord.heard.sig.failed': {
    ja: '検証できません（記録または署名が署名後に変わっています）。この記録は発令の要件に数えられません',
    en: 'Does not verify (the record or its signature changed after signing): it does not count for the order',
  },
  'dord.heard.sig.unsigned': {
    ja: '署名なし（電子署名の導入前の記録です）。この記録は発令の要件に数えられません。署名してあらためて記録してください',
    en:
      'Unsigned (recorded before hearings were signed): it does not count for the order; record it again, ' + 'signed',
  },
  'dord.heard.sig.notJudge': {
    ja: '受け付けません（署名した時点で、署名者はこの裁判所の裁判官ではありませんでした）。発令の要件に数えられません',
    en: 'Not taken (the signer was not a judge of this court when signing): it does not count for the order',
  },
  'dord.heard.sig.notInLog': {
    ja: '受け付けません（署名の鍵がハブの署名付きディレクトリ記録にありません）。発令の要件に数えられません',
    en: "Not taken (the signing key is not in the hub's signed directory log): it does not count for the order",
  },
  'dord.heard.sig.copy': {
    ja: '数えません（署名は検証済みですが、同じ内容に署名された別の記録が既に数えられているか、取り消されています）',
    en:
      'Not counted: the signature verifies, but another record of the same signed statement is already counted ' +
      'or was withdrawn',
  },
  'dord.heard.wsig.failed': {
    ja: '検証できません（取消しまたはその署名が署名後に変わっています）。記録は取り消されたままで、発令の要件に数えられません',
    en:
      'Does not verify (the withdrawal or its signature changed after signing); the record stays withdrawn and ' +
      'does not count for the order',
  },
  'dord.heard.wsig.unsigned': {
    ja: '署名なし（電子署名の導入前の取消しです）。記録は取り消されたままで、発令の要件に数えられません',
    en: 'Unsigned (withdrawn before withdrawals were signed); the record stays withdrawn and does not count',
  },
  'dord.heard.wsig.notJudge': {
    ja: '署名した時点で、署名者はこの裁判所の裁判官ではありませんでした。記録は取り消されたままで、発令の要件に数えられません',
    en: 'The signer was not a judge of this court when signing; the record stays withdrawn and does not count',
  },
  'dord.heard.wsig.notInLog': {
    ja: '署名の鍵がハブの署名付きディレクトリ記録にありません。記録は取り消されたままで、発令の要件に数えられません',
    en: "The signing key is not in the hub's signed directory log; the record stays withdrawn and does not count",
  },
  'dord.heard.withdraw': { ja: 'この記録を取り消す', en: 'Withdraw this record' },
  'dord.heard.withdrawIntro': {
    ja:
      '誤って記録した陳述聴取を取り消します。記録は削除されず、取消し済みとして理由とともに残り、発令の要件には数えられません。' +
      '取消しはご本人のパスキーで署名します。発令の後は取り消せません。',
    en:
      'Withdraw a hearing recorded by mistake. The record is not deleted: it stays, marked withdrawn with the ' +
      'reason, and no longer counts for issuing the order. Sign the withdrawal with your own passkey. It cannot ' +
      'be withdrawn once the order is issued.',
  },
  'dord.heard.withdrawn': { ja: 'この記録は取り消されました', en: 'This record was withdrawn' },
  'dord.heard.withdrawReason': { ja: '取消しの理由', en: 'Why it was withdrawn' },
  'dord.heard.withdrawnBy': { ja: '取り消した裁判官', en: 'Withdrawn by' },
  'dord.heard.withdrawnAt': { ja: '取り消した日時', en: 'Withdrawn at' },
  'dord.heard.recordIntro': {
    ja:
      '発令の前に、相手方（事業者）の陳述を聴く必要があります。聴いた当事者、日時、方法（書面・審尋期日）と要旨を記録し、' +
      'ご本人のパスキーで署名します。',
    en:
      'Before the order is issued the respondent (provider) must be heard. Record who was heard, when, how (in ' +
      'writing or at a hearing date) and a summary, and sign it with your own passkey.',
  },
  'dord.apply': { ja: 'この内容で裁判所に開示命令を申し立てる', en: 'Apply to the court for this order' },
  'dord.pickIntro': {
    ja: '裁判所が発令した命令を選ぶと、その内容（請求者・投稿・発信者情報・裁判官の署名）で開示請求が作成されます。',
    en:
      'Pick an order the court issued: the request is drafted from it (claimant, posts, sender information and the ' +
      "judge's signature).",
  },
  'dord.noneIssued': { ja: '発令済みで未使用の命令はありません', en: 'No issued order waiting to be used' },
  'dord.pick': { ja: 'この命令で作成', en: 'Use this order' },
  'dord.handEntered': {
    ja: 'システム外で発令された命令を下に手入力することもできます。その場合、事業者には「未確認（裁判官の署名なし）」と表示されます。',
    en:
      'An order made outside the system may be entered by hand below; the provider then sees it as unverified (no ' +
      'judge’s signature).',
  },
  'dstand.title': { ja: '命令の効力（異議の訴え・確定）', en: 'The order’s standing (objection suit, finality)' },
  'dstand.standing': { ja: '効力', en: 'Standing' },
  'dstand.finalFrom': {
    ja: '異議の訴えがなければ確定しうる最も早い日時',
    en: 'Earliest it can be final without an objection suit',
  },
  'dstand.periodHint': {
    ja:
      '異議の訴えは、決定の告知を受けた日から1か月以内（不変期間）に、決定をした裁判所に提起できます。告知を受けた日は数えず、' +
      '末日が土曜・日曜・国民の祝日・12月29日〜1月3日に当たるときは翌開庁日まで延びます。上の末日は発令日に告知を受けた場合で、' +
      '告知がそれより後の当事者の末日は後になります。国民の祝日はシステムが数えます（祝日法の祝日・振替休日・国民の休日）。' +
      'それ以外に裁判所が閉庁していた日は、裁判官が記録時に入力します。' +
      '告知日は書面によるため、確定は裁判官が記録します。',
    en:
      'An objection suit may be brought before the court that made the order within one month (an unextendable ' +
      'period) of being notified of it. The day of the notice is not counted; a last day on a Saturday, Sunday, ' +
      'national holiday or 29 December – 3 January moves to the next day the court is open. The last day above is ' +
      'for a notice on the day of the order: a party notified later has a later one. The system counts the national ' +
      "holidays (those of the holidays act, substitute holidays and citizens' holidays); a judge names any other day " +
      'the court was closed when recording. The notice is on paper, so a judge records when the order became final.',
  },
  'dstand.periodLastDay': {
    ja: '異議の訴えの期間の末日（発令日に告知を受けた場合）',
    en: 'Last day for an objection suit (if notified on the day of the order)',
  },
  'dstand.noticedOn': { ja: '告知を受けた日', en: 'Notified on' },
  'dstand.noticedOnNotNamed': {
    ja: '記録なし（発令日から数えて期間内）',
    en: 'Not recorded (within the month from the order)',
  },
  'dstand.noticedOnHint': {
    ja: '異議の訴えを提起した当事者が決定の告知を受けた日（裁判所の記録による・日本時間）。空欄のときは発令日から数えます。',
    en:
      "The day the party bringing the suit was notified of the order (from the court's record, Japan time). Left " +
      'empty, the month is counted from the day of the order.',
  },
  'dstand.holidays': {
    ja: '期間の末日に当たるその他の閉庁日',
    en: 'Other days the court was closed at the end of the period',
  },
  'dstand.holidaysHint': {
    ja:
      'YYYY-MM-DD で、複数あればカンマで区切ります。土曜・日曜・国民の祝日と12月29日〜1月3日はシステムが数えるため、' +
      '入力は不要です。',
    en:
      'As YYYY-MM-DD, separated by commas. Saturdays, Sundays, national holidays and 29 December – 3 January the ' +
      'system counts itself: no need to name them.',
  },
  'dstand.finalNoticedProvider': {
    ja: '相手方（事業者）が告知を受けた日',
    en: 'The respondent (provider) notified on',
  },
  'dstand.finalNoticedClaimant': { ja: '申立人が告知を受けた日', en: 'The claimant notified on' },
  'dstand.finalNoticedHint': {
    ja:
      '裁判所の記録による告知を受けた日（日本時間）。両当事者とも異議の訴えを提起できなくなった後（それぞれの告知の日から' +
      '数えた1か月の末日の翌日以降）でなければ確定を記録できません。告知の日は署名に含まれます。',
    en:
      "From the court's record of the notices (Japan time). The order is final only once neither party can bring " +
      "a suit any more (from the day after the later of the months counted from each party's notice); the days " +
      'are signed with the record.',
  },
  'dstand.objectionLastDay': { ja: '期間の末日', en: 'Last day of its period' },
  'dstand.countedFromOrder': { ja: '（発令日から数えた場合）', en: '(counted from the day of the order)' },
  'dstand.objectionFiledAt': { ja: '異議の訴えの提起', en: 'Objection suit filed' },
  'dstand.objectionBy': { ja: '提起した当事者', en: 'Brought by' },
  'dstand.objectionCaseNumber': { ja: '異議の訴えの事件番号', en: 'Case number of the suit' },
  'dstand.outcome': { ja: '異議の訴えの結果', en: 'Outcome of the suit' },
  'dstand.outcomeAt': { ja: '判決の確定', en: 'Judgment final' },
  'dstand.outcomeReason': { ja: '判決の要旨', en: 'What the judgment says' },
  'dstand.ground': { ja: '取消しの理由の区分', en: 'Ground for setting it aside' },
  'dstand.groundHint': {
    ja: '区分はハブの公開ディレクトリに載り、事業者の設備が取消しを確認します（判決の要旨は載りません）',
    en:
      "The category is published in the hub's directory, where providers' installations see the set-aside (what the " +
      'judgment says is not)',
  },
  'dstand.groundNone': { ja: '選んでください', en: 'Choose one' },
  'dstand.changedContent': { ja: '変更後の主文', en: 'The operative part as changed' },
  'dstand.finalAt': { ja: '確定日時', en: 'Final since' },
  'dstand.setAside': {
    ja: 'この開示命令は異議の訴えにより取り消されました。この命令に基づく開示請求には回答できず、既に開示された情報は使用できません（複製を含め消去してください）。',
    en:
      'This disclosure order was set aside on an objection suit. A request under it can no longer be answered, and ' +
      'information already disclosed must not be used (erase it and any copies).',
  },
  'dstand.contested': {
    ja: '異議の訴えが係属中です。結果（認可・変更・取消し）が出るまで、この命令に基づく回答・請求の作成はできません。',
    en:
      'An objection suit is pending. Until it ends (upheld, changed or set aside) no answer is given and no request ' +
      'is drafted under this order.',
  },
  'dstand.heldAsRecorded': {
    ja: 'この記録の裁判官の署名は検証できていませんが、ハブは記録どおり回答を受け付けません（回答しない側に倒します）。事業者の設備は、固定済みディレクトリで検証できない異議の訴えの記録を考慮しません。裁判所に確認してください。',
    en:
      "The judge's signature over this record does not verify, yet the hub accepts no answer, as recorded (refusing " +
      "is the safe side). A provider's installation ignores a suit's record that does not verify against its pinned " +
      'directory: check with the court.',
  },
  'dstand.endUnverified': {
    ja: '異議の訴えの結果の記録の裁判官の署名を検証できないため、ハブはこの命令に基づく回答を受け付けません。裁判所に確認してください。',
    en:
      "The judge's signature over how the suit ended does not verify, so the hub accepts no answer under this order: " +
      'check with the court.',
  },
  'dstand.changed': {
    ja: '命令は異議の訴えにより変更されました。変更後の主文に従ってください。',
    en: 'The order was changed on an objection suit: follow the operative part as changed.',
  },
  'dstand.recordObjection': { ja: '異議の訴えの提起を記録する', en: 'Record an objection suit' },
  'dstand.recordOutcome': { ja: '異議の訴えの結果を記録する', en: 'Record how the suit ended' },
  'dstand.recordFinal': { ja: '確定を記録する', en: 'Record that the order is final' },
  'dstand.recordHint': {
    ja: 'ご本人の認証器（パスキー）で電子署名して記録します。裁判所の記録として監査ログに残り、両当事者（代理人・事業者）に署名の検証結果とともに表示されます。',
    en:
      'Signed with your own passkey, kept as the court’s record in the audit log, and shown to both parties (the ' +
      'lawyer and the provider) with whether the signature verifies.',
  },
  'dstand.signature': { ja: '裁判官の電子署名', en: 'Judge’s signature' },
  'dstand.sig.verified': {
    ja: '検証済み（ハブの署名済みディレクトリログにあるこの裁判所の裁判官の鍵で、ハブが検証しました）',
    en: "Verified by the hub (under a key of a judge of this court in the hub's signed directory log)",
  },
  'dstand.sig.notInLog': {
    ja: '検証できません（署名の鍵がハブの署名済みディレクトリログにありません）。裁判所に確認してください',
    en: "Not verified (the signing key is not in the hub's signed directory log): check with the court",
  },
  'dstand.sig.notJudge': {
    ja:
      '受け付けません（署名は鍵と一致しますが、ハブの署名済みディレクトリログでは、署名した時点で署名者はこの裁判所の' +
      '裁判官ではありませんでした。異動などで役割が終わった後の署名です）。裁判所に確認してください',
    en:
      "Not taken (the signature matches its key, but by the hub's signed directory log the signer was not a judge of " +
      'this court when signing: signed after their role ended, e.g. a move to another court): check with the court',
  },
  'dstand.sig.failed': {
    ja: '検証できません（記録または署名が署名後に変わっています）。裁判所に確認してください',
    en: 'Does not verify (the record or its signature changed after signing): check with the court',
  },
  'dstand.sig.unsigned': {
    ja: '署名なし（電子署名の導入前の記録には署名がありません。ハブの記録のみのため、裁判所に確認してください）',
    en: 'Unsigned (records made before these records were signed have none: the hub’s word only, check with the court)',
  },
  'dstand.setAsideWarning': {
    ja: '取消しを記録すると、この命令による請求には回答できなくなり、付随命令も効力を失います。',
    en: 'Recording a set-aside ends every answer under this order and its ancillary orders.',
  },
  'attest.submit': { ja: '署名する', en: 'Sign' },
  'attest.result': { ja: '電子署名（照会元に交付）', en: 'Attestation (give to the agency)' },

  'admin.title': { ja: '管理', en: 'Administration' },
  'admin.organisations': { ja: '組織', en: 'Organisations' },
  'admin.name': { ja: '名称', en: 'Name' },
  'admin.kind': { ja: '種類', en: 'Kind' },
  'admin.carrier': { ja: '電気通信事業者', en: 'Telecom carrier' },
  'admin.newOrganisation': { ja: '組織の登録', en: 'Register an organisation' },
  'admin.nameJa': { ja: '名称（日本語）', en: 'Name (Japanese)' },
  'admin.nameEn': { ja: '名称（英語）', en: 'Name (English)' },
  'admin.create': { ja: '登録', en: 'Register' },
  'admin.back': { ja: '組織一覧へ', en: 'All organisations' },
  'admin.myOrganisation': { ja: '自組織（{name}）の管理', en: 'Manage my organisation ({name})' },
  'admin.idForCommands': { ja: 'コマンドで使う ID:', en: 'ID for the command line:' },
  'admin.notYours': {
    ja: '他の組織の所属・利用者・鍵は、その組織の管理者が管理します。',
    en: "Another organisation's units, users and keys are managed by its own administrators.",
  },
  'admin.units': { ja: '所属（{n}）', en: 'Units ({n})' },
  'admin.newUnit': { ja: '所属を追加', en: 'Add unit' },
  'admin.users': { ja: '利用者', en: 'Users' },
  'admin.newUser': { ja: '利用者の登録', en: 'Add a user' },
  'admin.displayName': { ja: '表示名', en: 'Display name' },
  'admin.roles': { ja: '役割', en: 'Roles' },
  'admin.unit': { ja: '所属', en: 'Unit' },
  'admin.status': { ja: '状態', en: 'Status' },
  'admin.actions': { ja: '操作', en: 'Actions' },
  'admin.active': { ja: '有効', en: 'Active' },
  'admin.secondFactorLocked': {
    ja: '正しいパスワードで確認コードの誤りが{n}回（{since}から）。ふだんのブラウザー以外からはログインできません。パスワードが漏れています：やり直し（再登録）を',
    en:
      '{n} wrong codes after the right password (since {since}): sign-in is locked except from their usual ' +
      'browser. The password is known to someone: reset the account',
  },
  'admin.unlockSecondFactor': { ja: '{login} の停止を解除', en: 'Lift the lock of {login}' },
  'admin.unlockSecondFactorConfirm': {
    ja:
      '確認コードの誤りが {login} さん本人のもの（打ち間違い・端末の時刻のずれ）だと本人に確かめてから解除してください。' +
      '本人のものでなければパスワードが漏れています：解除せず、やり直し（再登録）をしてください。',
    en:
      'Lift it only once {login} has told you the wrong codes were theirs (a mistyping, a phone’s clock). If ' +
      'not, their password is known: do not lift it, reset the account instead.',
  },
  'admin.secondFactorUnlocked': {
    ja: '{login} の二要素目の停止を解除しました。本人の画面にも知らせます。',
    en: 'The second-factor lock of {login} is lifted; they are told on their screen.',
  },
  'admin.disabled': { ja: '無効', en: 'Disabled' },
  'admin.disable': { ja: '{login} を無効にする', en: 'Disable {login}' },
  'admin.rolePeriods': { ja: '{login} の役割の経緯', en: 'Roles of {login} over time' },
  'admin.rolePeriodsNone': { ja: '記録された役割はありません', en: 'No role is recorded' },
  'admin.rolePeriodsPending': {
    ja: '付与済みで二人目の副署待ちの役割（まだ保持していません）',
    en: 'Granted and awaiting a second person’s countersignature (not held yet)',
  },
  'admin.endRole': { ja: '{login} の「{role}」を終了', en: 'End {login}’s role {role}' },
  'admin.grantRole': { ja: '登録済みの人に役割を付与', en: 'Grant a role to a person' },
  'admin.grantRoleIntro': {
    ja: '異動から戻った人などに、役割をもう一度付与します。ディレクトリのログでは新しい期間になり、役割が終わっていた間の署名は受け付けられないままです。',
    en:
      'Grant a role again, to someone back from another court or department. The directory log opens a new period: ' +
      'what they signed while the role had ended stays refused.',
  },
  'admin.grantRolePerson': { ja: '付与する人', en: 'Person' },
  'admin.grantRoleDone': { ja: '{login} に「{role}」を付与しました。', en: 'Granted {login} the role {role}.' },
  'admin.grantRolePending': {
    ja: '{login} への「{role}」の付与は副署待ちです（別の管理者か鍵管理責任者が副署すると有効になります）。',
    en: 'Granting {login} the role {role} waits for a countersignature (another administrator or the key officer).',
  },
  'admin.endRoleConfirm': {
    ja:
      '{login} の「{role}」の役割を今終了します。アカウントは残ります。ディレクトリのログに終了時刻が記録され、' +
      'これ以後にこの役割で署名したものは受け付けられません（それ以前の署名は有効なままです）。もう一度付与すると新しい期間になります。',
    en:
      'End {login}’s role {role} now. Their account stays. The directory log records the end: what they sign ' +
      'in this role afterwards is not taken (what they signed before still verifies). A new grant opens a new period.',
  },
  'admin.createUser': { ja: '利用者を登録', en: 'Add user' },
  'admin.userCreatedCode': {
    ja:
      '利用者を登録しました。登録コード：{code}（有効期限 {until}）。本人にだけ直接渡してください。' +
      '本人がログイン画面の「初めての方」からこのコードで登録し、自分のパスワードを決めます。このコードは二度と表示されません。',
    en:
      'User added. Enrolment code: {code} (valid until {until}). Hand it to the person only, directly: they ' +
      'enrol with it from the sign-in page ("First time here?") and choose their own password. ' +
      'The code is not shown again.',
  },
  'admin.enrolmentReissued': {
    ja:
      '{login} の新しい登録コード：{code}（有効期限 {until}）。本人にだけ直接渡してください。' +
      'それまでのパスワードと二要素認証は使えなくなりました。',
    en:
      'New enrolment code for {login}: {code} (valid until {until}). Hand it to the person only, directly. ' +
      'Their previous password and second factor no longer work.',
  },
  'admin.resetAwaiting': {
    ja:
      '{login} のやり直しを依頼しました。特権のある役割を持つ人のため、二人目の管理者か鍵管理責任者が 24 時間以内に' +
      '同じ操作をすると、その人に登録コードが発行されます。',
    en:
      'Asked to reset {login}. They hold a privileged role, so the code is issued to a second administrator or ' +
      'the key officer who does the same within 24 hours.',
  },
  'resets.title': {
    ja: 'やり直しへの副署（二人目待ち {n} 件）',
    en: 'Resets awaiting a second person ({n})',
  },
  'resets.intro': {
    ja:
      '特権のある役割を持つ人のやり直しは、依頼した管理者とは別の管理者か鍵管理責任者が完了させます。' +
      '本人からの依頼であることを確かめてから完了し、発行された登録コードを本人にだけ渡してください。依頼は 24 時間で失効します。',
    en:
      'The reset of a person holding a privileged role is completed by an administrator or the key officer other ' +
      'than the one who asked. Check that the person asked for it, then complete it and hand the enrolment code ' +
      'to them only. A request lapses after 24 hours.',
  },
  'resets.askedBy': { ja: '依頼: {login}', en: 'asked by {login}' },
  'resets.complete': { ja: '{login} のやり直しを完了する', en: 'Complete the reset of {login}' },
  'resets.notYou': {
    ja: '自分の依頼・自分自身のやり直しは完了できません',
    en: 'Not yours to complete (your own request, or your own account)',
  },
  'admin.resetAwaitingShort': { ja: 'やり直しの二人目待ち', en: 'Reset awaiting a second person' },
  'admin.awaitingEnrolment': { ja: '本人の登録待ち（期限 {until}）', en: 'Awaiting enrolment (until {until})' },
  'admin.enrolmentLapsed': { ja: '登録コードの期限切れ', en: 'Enrolment code lapsed' },
  'admin.reissue': { ja: '{login} に登録コードを発行し直す', en: 'Issue {login} a new enrolment code' },
  'admin.reissueConfirm': {
    ja: '{login} のパスワードと二要素認証を使えなくして、新しい登録コードを発行します。よろしいですか。',
    en: "{login}'s password and second factor will stop working, and a new enrolment code is issued. Go on?",
  },
  'admin.keys': { ja: '鍵', en: 'Keys' },
  'admin.newKey': { ja: '鍵の作成・更新', en: 'Create or rotate a key' },
  'admin.fingerprint': { ja: '指紋', en: 'Fingerprint' },
  'admin.owner': { ja: '保有者', en: 'Owner' },
  'admin.ownerOrg': { ja: '組織', en: 'Organisation' },
  'admin.ownerUnit': { ja: '所属', en: 'Unit' },
  'admin.ownerUser': { ja: '利用者', en: 'Person' },
  'admin.ownerClient': { ja: '連携システム', en: 'Machine client' },
  'admin.ownerSystem': { ja: 'この設置のシステム', en: "This installation's system" },
  'admin.ownerOther': { ja: 'その他', en: 'Other' },
  'admin.purpose': { ja: '用途', en: 'Purpose' },
  'admin.validFrom': { ja: '有効期間の始期', en: 'Valid from' },
  'admin.revoke': { ja: '失効させる', en: 'Revoke' },
  'admin.revokeReason': { ja: '失効の理由（鍵を失効させるとき）', en: 'Reason for revocation (when revoking a key)' },
  'admin.revokedAt': { ja: '失効 {at}', en: 'Revoked {at}' },
  'admin.createKey': { ja: '作成', en: 'Create' },

  'policyAdmin.title': { ja: '事業者ポリシー', en: 'Provider policy' },
  'policyAdmin.caption': {
    ja: 'データの種類ごとに応じる条件（法定の最低基準より緩くはできません）',
    en: 'What the provider accepts per category (never less than the legal floor)',
  },
  'policyAdmin.minimumBasis': { ja: '必要な根拠', en: 'Minimum basis' },
  'policyAdmin.emergency': { ja: '緊急照会に応じる', en: 'Accepts emergency' },
  'policyAdmin.civil': { ja: '発信者情報開示に応じる', en: 'Accepts civil disclosure' },
  'policyAdmin.involvement': { ja: '発信者への関与', en: 'Subscriber involvement' },
  'policyAdmin.deadlines': { ja: '回答期限', en: 'Response periods' },
  'policyAdmin.deadline.inquiryDays': { ja: '照会（日）', en: 'Inquiry (days)' },
  'policyAdmin.deadline.warrantDays': { ja: '令状（日）', en: 'Warrant (days)' },
  'policyAdmin.deadline.preservationDays': { ja: '保全要請（日）', en: 'Preservation (days)' },
  'policyAdmin.deadline.emergencyHours': { ja: '緊急（時間）', en: 'Emergency (hours)' },
  'policyAdmin.deadline.civilDisclosureDays': { ja: '発信者情報開示（日）', en: 'Civil disclosure (days)' },
  'policyAdmin.deadline.cafeRecordsDays': { ja: 'ネットカフェ（日）', en: 'Café records (days)' },
  'policyAdmin.publish': { ja: '新しい版として公開', en: 'Publish as a new version' },
  'policyAdmin.saved': { ja: '保存しました。', en: 'Saved.' },
  'networks.title': { ja: '保有ネットワーク', en: 'Networks held' },
  'networks.hint': {
    ja: 'IPアドレス・AS番号・ドメインから照会先の事業者を判断するために使われます（1行に1件）。',
    en: 'Used to find the provider behind an address, AS number or domain (one per line).',
  },
  'networks.cidrs': { ja: 'アドレス範囲（CIDR）', en: 'Address ranges (CIDR)' },
  'networks.asns': { ja: 'AS番号', en: 'AS numbers' },
  'networks.domains': { ja: 'ドメイン', en: 'Domains' },
  'networks.save': { ja: '保存', en: 'Save' },
  'networks.fromInstallation': {
    ja:
      'この事業者は設置鍵を登録しているため、保有ネットワークは事業者の設置から設置鍵で署名して申告します（shokai provider networks declare）。' +
      'ハブの画面からは変更できません（ハブが事業者の名義で申告を作れないようにするためです）。',
    en:
      'This provider has registered an installation key, so its networks are declared from its own installation, ' +
      "signed with that key (shokai provider networks declare). They cannot be changed on the hub's page (so that " +
      "the hub cannot make a declaration in the provider's name).",
  },
  // whom to ask (evidence)
  'nav.whom': { ja: '照会先の確認', en: 'Whom to ask' },
  'whom.title': { ja: '照会先の確認（IP アドレス）', en: 'Whom to ask (IP address)' },
  'whom.intro': {
    ja: 'アドレスから照会先を調べます。事業者がディレクトリに届け出たネットワークを先に、次に取り込んだ IP アドレス登録データを見ます。',
    en:
      'Finds whom to ask about an address: first the networks providers declared in the directory, then the imported ' +
      'IP registry data.',
  },
  'whom.pasteTitle': { ja: '回答の行を貼り付け', en: 'Paste a line from an answer' },
  'whom.paste': { ja: 'アドレス・ポート・日時の行', en: 'A line with address, port and time' },
  'whom.pasteHint': {
    ja: '例：203.0.113.45:51234 2026-11-30T23:42:17+09:00（時差のない日時は下の時間帯で読みます）',
    en: 'e.g. 203.0.113.45:51234 2026-11-30T23:42:17+09:00 (a time without an offset is read in the zone below)',
  },
  'whom.pasteRead': { ja: '読み込む', en: 'Read' },
  'whom.pasteUnread': {
    ja: 'アドレスと日時の行として読めませんでした。',
    en: 'The line could not be read as an address with a time.',
  },
  'whom.address': { ja: 'IP アドレス', en: 'IP address' },
  'whom.port': { ja: '送信元ポート番号（任意）', en: 'Source port (optional)' },
  'whom.portHint': {
    ja: '共用アドレス（CGNAT）の利用者を特定するには必要です。',
    en: 'Needed to identify the user of a shared (CGNAT) address.',
  },
  'whom.at': { ja: '日時（任意）', en: 'Date and time (optional)' },
  'whom.ask': { ja: '照会先を調べる', en: 'Find whom to ask' },
  'whom.answer': { ja: '照会先', en: 'Whom to ask' },
  'whom.holder': { ja: 'ディレクトリ上の事業者', en: 'Provider in the directory' },
  'whom.matched': { ja: '届出：', en: 'declared:' },
  'whom.noHolder': { ja: '届け出た事業者はありません', en: 'No provider declared it' },
  'whom.why': { ja: '判断の理由', en: 'Why' },
  'whom.registry': { ja: 'IP アドレス登録データ', en: 'IP registry data' },
  'whom.noRegistry': {
    ja: 'このアドレスを含む登録データは取り込まれていません。',
    en: 'No imported registry data covers this address.',
  },
  'whom.reg.registry': { ja: '登録機関', en: 'Registry' },
  'whom.reg.country': { ja: '国', en: 'Country' },
  'whom.reg.range': { ja: '範囲', en: 'Range' },
  'whom.reg.cidrs': { ja: 'CIDR', en: 'CIDR' },
  'whom.reg.holder': { ja: '保有者', en: 'Holder' },
  'whom.reg.handle': { ja: 'ハンドル', en: 'Handle' },
  'whom.reg.abuse': { ja: '不正利用の連絡先', en: 'Abuse contact' },
  'whom.reg.asns': { ja: 'AS 番号', en: 'AS numbers' },
  'whom.sources': { ja: '出典（取り込んだファイル）', en: 'Sources (imported files)' },
  'whom.src.file': { ja: 'ファイル', en: 'File' },
  'whom.src.format': { ja: '形式', en: 'Format' },
  'whom.src.range': { ja: '記録の範囲', en: 'Range of the record' },
  'whom.src.dataDate': { ja: 'データの日付', en: 'Data date' },
  'whom.src.imported': { ja: '取込み日時', en: 'Imported' },
  // statistics and search (issue 14: numbers)
  'nav.statistics': { ja: '統計', en: 'Statistics' },
  'stats.title': { ja: '統計', en: 'Statistics' },
  'stats.lead': {
    ja: '照会の記録から毎回集計し、監査ログと照合した件数です（手入力の数字はありません）。',
    en: 'Counted from the request records each time and checked against the audit log (no number is typed in).',
  },
  'stats.filters': { ja: '集計の条件', en: 'What to count' },
  'stats.from': { ja: '開始日（日本時間）', en: 'From (Japan time)' },
  'stats.to': { ja: '終了日（この日を含む）', en: 'To (this day included)' },
  'stats.groupBy': { ja: '内訳', en: 'Break down' },
  'stats.period': { ja: '期間の単位', en: 'Period length' },
  'stats.total': { ja: '件数', en: 'Requests' },
  'stats.disclosureRate': { ja: '開示率', en: 'Disclosure rate' },
  'stats.p50': { ja: '回答までの時間（中央値）', en: 'Time to answer (median)' },
  'stats.p90': { ja: '回答までの時間（90%）', en: 'Time to answer (90th percentile)' },
  'stats.p95': { ja: '回答までの時間（95%）', en: 'Time to answer (95th percentile)' },
  'stats.overdue': { ja: '期限超過', en: 'Overdue' },
  'stats.overdueValue': { ja: '期限後の回答 {late} 件・未回答 {open} 件', en: '{late} answered late, {open} open' },
  'stats.emergencies': { ja: '緊急照会', en: 'Emergencies' },
  'stats.emergenciesValue': {
    ja: '{n} 件（回答 {answered} 件、中央値 {p50}）',
    en: '{n} ({answered} answered, median {p50})',
  },
  'stats.byKind': { ja: '種別', en: 'By kind' },
  'stats.byOutcome': { ja: '結果', en: 'By outcome' },
  'stats.byCategory': { ja: '求めたデータの種別', en: 'By data category asked for' },
  'stats.byDeclineReason': { ja: '回答拒否の理由', en: 'By reason for declining' },
  'stats.group': { ja: '区分', en: 'Group' },
  'stats.groupTable': { ja: '内訳の表', en: 'Breakdown table' },
  'stats.paper': { ja: '紙の場合との比較（推計）', en: 'Compared with paper (estimate)' },
  'stats.paperSaved': {
    ja: '書留 {letters} 通分、郵送料 {yen} 円と郵送日数 延べ {days} 日を省きました。',
    en: 'Saved {letters} registered letters: ¥{yen} of postage and {days} days in the post in all.',
  },
  'stats.paperAssumptions': {
    ja: '前提：書留1通 {yen} 円、1往路あたり約 {days} 日。照会の送付、回答または拒否の通知、確認のやり取り1通ごとに1通と数えます（国際共助は除く）。',
    en:
      'Assumptions: ¥{yen} per registered letter and about {days} days per hop; one letter for the request, one for ' +
      'the answer or refusal, one per clarification letter (mutual legal assistance excluded).',
  },
  'stats.empty': {
    ja: 'この期間に数える照会はありません。率と所要時間は、数える照会があるときに示します。',
    en: 'No requests to count in this period. Rates and times are shown once there are requests to count.',
  },
  'stats.auditOk': { ja: '監査ログと一致：', en: 'Matches the audit log:' },
  'stats.auditMismatch': { ja: '監査ログと一致しません：', en: 'Does not match the audit log:' },
  'stats.auditCheckItem': { ja: '{name} 記録 {records}／ログ {log}', en: '{name}: records {records} / log {log}' },
  // Delivered to the provider: an agency's MLAT package is never delivered, so "received" beside the total
  // would read as a shortfall.
  'stats.check.received': { ja: '事業者に到達', en: 'delivered to a provider' },
  'stats.check.answered': { ja: '回答', en: 'answered' },
  'stats.check.declined': { ja: '拒否', en: 'declined' },
  'stats.scope.unit': { ja: '所属が発出した照会を数えています。', en: 'Counting the requests your unit issued.' },
  'stats.scope.organisation': {
    ja: '{name}のすべての所属が発出した照会を数えています（件数のみ。期間は日本時間の日単位）。',
    en: 'Counting the requests every unit of {name} issued (counts only, over whole days in Japan time).',
  },
  'stats.scope.provider': {
    ja: '貴組織に届いた照会を数えています。',
    en: 'Counting the requests delivered to your organisation.',
  },
  'stats.scope.all': {
    ja: 'この設置のすべての照会を数えています。',
    en: 'Counting every request of this installation.',
  },
  'nav.search': { ja: '検索', en: 'Search' },
  'search.title': { ja: '照会の検索', en: 'Search requests' },
  'search.lead': {
    ja: '照会番号・事件番号・対象の識別子・関係機関の名前で、閲覧できる照会の中から探します（語はすべて含むものに絞ります）。',
    en:
      'Finds, among the requests you may see, those whose reference, case reference, identifiers or parties contain ' +
      'every word.',
  },
  'search.leadOversight': {
    ja: '監督機関は照会番号と関係機関の名前で探せます（内容は検索しません）。',
    en: 'The oversight body searches references and parties (not the content).',
  },
  'search.words': { ja: '検索語', en: 'Words' },
  'search.provider': { ja: '照会先', en: 'Provider' },
  'search.from': { ja: '日付（から、日本時間）', en: 'Date from (Japan time)' },
  'search.to': { ja: '日付（まで、この日を含む）', en: 'Date to (this day included)' },
  'search.sort': { ja: '並び順', en: 'Order' },
  'search.submit': { ja: '検索', en: 'Search' },
  'search.count': { ja: '{n} 件', en: 'Requests found: {n}' },
  'search.countTruncated': { ja: '先頭の {n} 件（条件を絞ってください）', en: 'The first {n} (narrow the search)' },
  'search.csv': { ja: 'CSV で保存', en: 'Download CSV' },
  'search.none': {
    ja: '条件に合う照会はありません（閲覧できる照会の中で）。検索語を減らすか、日付の範囲を広げてみてください。',
    en: 'No request you may see matches. Try fewer words or a wider range of dates.',
  },
  'download.busy': { ja: 'ファイルを用意しています…', en: 'Preparing the file…' },
  'auditLog.csv': { ja: '該当する記録をすべて CSV で保存', en: 'Download every matching entry as CSV' },
  'auditLog.csvHint': {
    ja: '（このページだけでなく条件に合う全件。最大 10,000 件。保存したことも記録されます）',
    en: '(every entry the filters match, not only this page; at most 10,000; the download is recorded too)',
  },
  'caseSummary.title': { ja: 'これまでに判明したこと', en: 'Identified so far' },
  'caseSummary.requests': { ja: '照会', en: 'Requests' },
  'caseSummary.answered': { ja: '回答済み', en: 'Answered' },
  'caseSummary.declined': { ja: '回答拒否', en: 'Declined' },
  'caseSummary.open': { ja: '進行中', en: 'Open' },
  'caseSummary.closed': { ja: '完結・取下げ', en: 'Closed or withdrawn' },
  'caseSummary.overdue': { ja: '期限超過', en: 'Overdue' },
  'caseSummary.revealed': {
    ja: '回答から判明し、次の照会につながった識別子（{n}）',
    en: 'Identifiers answers revealed and that were followed ({n})',
  },
  'caseSummary.noneRevealed': { ja: 'まだありません。', en: 'None yet.' },
  'caseSummary.revealedBy': { ja: '判明：', en: 'revealed by' },
  'caseSummary.askedIn': { ja: '照会：', en: 'asked in' },
  'caseSummary.asked': { ja: '照会した識別子（{n}）', en: 'Identifiers asked about ({n})' },
  'stats.asOf': {
    ja: '集計時刻 {at}（監査ログ {size} 件の時点）。集計結果のダイジェスト：',
    en: 'Counted at {at} (audit log of {size} entries). Digest of the result:',
  },
  // whom to ask in the request editor
  'addressee.holder': { ja: '照会先の候補：', en: 'Holder to ask:' },
  'addressee.choose': { ja: '{name} を照会先にする', en: 'Address the request to {name}' },
  'addressee.mismatch': {
    ja: '選択中の照会先（{chosen}）はこのアドレスを保有していません。保有者は {holder} です。',
    en: 'The chosen provider ({chosen}) does not hold this address; {holder} does.',
  },
  'addressee.mismatchRecords': {
    ja: '選択中の照会先（{chosen}）はこのアドレスの保有者ではありません（保有者は {holder}）。答えられるのは、このアドレスについて自ら記録したこと（投稿・ログイン）に限られます。',
    en:
      'The chosen provider ({chosen}) does not hold this address ({holder} does): it can answer only what it ' +
      'recorded of it (posts, logins).',
  },
  'addressee.refused': { ja: '対象 {n}：', en: 'Target {n}:' },
  // attribution lookup (provider operators)
  'nav.attribution': { ja: '利用者の特定（ログ）', en: 'Who held an address' },
  'attr.title': { ja: 'ログによる利用者の特定', en: 'Who held this address (from our logs)' },
  'attr.intro': {
    ja: 'この設置に取り込んだ自社の RADIUS・DHCP・CGNAT ログから、その時点でアドレス（とポート）を使っていた契約者を調べます。照会はすべて監査ログに記録されます。',
    en:
      'Finds who held the address (and port) at that instant, from the RADIUS, DHCP and CGNAT logs ingested into ' +
      'this installation. Every lookup is audited.',
  },
  'attr.at': { ja: '日時', en: 'Date and time' },
  'attr.lookup': { ja: '調べる', en: 'Look up' },
  'attr.result': { ja: '結果', en: 'Result' },
  'attr.verdict.unique': { ja: '一人に特定', en: 'One holder' },
  'attr.verdict.ambiguous': { ja: '複数の候補', en: 'Several candidates' },
  'attr.verdict.none': { ja: '該当なし', en: 'No holder found' },
  'attr.candidates': { ja: '候補（{n} 件）', en: 'Candidates ({n})' },
  'attr.account': { ja: 'アカウント', en: 'Account' },
  'attr.inside': { ja: '内部アドレス', en: 'inside address' },
  'attr.holder': { ja: '契約者', en: 'Subscriber' },
  'attr.noHolder': { ja: '加入者台帳にありません', en: 'Not in the subscriber directory' },
  'attr.period': { ja: '保持していた期間', en: 'Held from – to' },
  'attr.sources': { ja: '根拠の記録（ファイル:行）', en: 'Source records (file:line)' },

  // emergencies as they happen, preservation (issue 15)
  'protection.hint': {
    ja: '保護事案（自殺予告など犯罪によらないもの）は事件番号・罪名なしで起案できます。',
    en: 'A protection case (a suicide notice, no offence) may be drafted without a case number or offence.',
  },
  'protection.noOffence': { ja: '保護事案（犯罪によらない）', en: 'Protection (no offence)' },
  'followUp.paperwork': {
    ja: '事後の照会書・令状の期限',
    en: 'Paperwork due after the emergency answer',
  },
  'followUp.preservationEnd': { ja: '保全期間の終了', en: 'Preservation ends' },
  'followUp.doneBy': { ja: '送付済み：', en: 'Sent:' },
  'preservation.extendReason': {
    ja: '延長の理由（事業者に伝えられます）',
    en: 'Why it is extended (the provider is told)',
  },
  // the duty approver (issue 15)
  'nav.duty': { ja: '当直責任者', en: 'Duty approver' },
  'duty.title': { ja: '当直責任者の指定', en: 'Duty approvers' },
  'duty.intro': {
    ja: '所属長が不在の間、所属の捜査員を当直責任者に指定し、期間中に限り緊急の要請を決裁させます。指定は所属長の認証器で署名され、事業者が検証します。',
    en:
      'While the unit head is away, a member of the unit is designated to approve what cannot wait, within the ' +
      'period only. The head signs the designation on his passkey; providers verify it.',
  },
  'duty.list': { ja: '指定の一覧', en: 'Designations' },
  'duty.none': { ja: '指定はありません。', en: 'No designations.' },
  'duty.designee': { ja: '当直責任者', en: 'Duty approver' },
  'duty.from': { ja: '開始', en: 'From' },
  'duty.until': { ja: '終了', en: 'Until' },
  'duty.kinds': { ja: '決裁できる要請', en: 'May approve' },
  'duty.status': { ja: '状況', en: 'Status' },
  'duty.status.active': { ja: '当直中', en: 'On duty' },
  'duty.status.upcoming': { ja: '開始前', en: 'Upcoming' },
  'duty.status.ended': { ja: '終了', en: 'Ended' },
  'duty.status.revoked': { ja: '取消し', en: 'Revoked' },
  'duty.reason': { ja: '理由', en: 'Reason' },
  'duty.revoke': { ja: '指定を取り消す', en: 'Revoke' },
  'duty.revokeReason': { ja: '取消しの理由', en: 'Why it is revoked' },
  'duty.new': { ja: '当直責任者を指定する', en: 'Designate a duty approver' },
  'duty.sign': { ja: '認証器で署名して指定する', en: 'Sign on your passkey and designate' },
  // outgoing mutual legal assistance (issue 15)
  'mlat.assistance': { ja: '求める共助', en: 'Assistance asked' },
  'mlat.central': { ja: '日本の中央当局', en: "Japan's central authority" },
  'mlat.centralDefault': { ja: '条約の既定（警察庁）', en: "The treaty's default (NPA)" },
  'mlat.chooseTreaty': { ja: '条約・協定を選ぶ', en: 'Choose the treaty or agreement' },
  'mlat.route': { ja: '共助要請の経路と相手国の回答', en: "The request's route and the foreign reply" },
  'mlat.inForce': { ja: '{date}発効', en: 'in force since {date}' },
  'mlat.approves': { ja: '承認者', en: 'Approved by' },
  'mlat.state.done': { ja: '済', en: 'done' },
  'mlat.state.current': { ja: '処理中', en: 'in progress' },
  'mlat.state.waiting': { ja: '未着手', en: 'waiting' },
  'mlat.state.returned': { ja: '差戻し', en: 'returned' },
  'mlat.reminder': { ja: '督促の目安', en: 'Reminder due' },
  'mlat.awaiting': { ja: '待っているもの', en: 'Awaiting' },
  'mlat.event': { ja: '記録する経過', en: 'Step to record' },
  'mlat.at': { ja: '日時', en: 'When' },
  'mlat.official': { ja: '担当者（氏名・役職）', en: 'Official (name and title)' },
  'mlat.reference': { ja: '相手方の文書番号', en: 'Their reference' },
  'mlat.note': { ja: '備考・理由', en: 'Note or reason' },
  'mlat.record': { ja: '経過を記録する', en: 'Record the step' },
  'mlat.events': { ja: '経過', en: 'What happened' },
  'mlat.recordedBy': { ja: '記録者', en: 'Recorded by' },
  // do-not-notify (issue 15)
  'secrecy.title': { ja: '秘匿（契約者に知らせない）', en: 'Do not notify the subscriber' },
  'secrecy.ask': {
    ja: '契約者への意見照会・通知を行わないよう求める',
    en: 'Ask that the subscriber be neither heard nor notified',
  },
  'secrecy.basis': { ja: '根拠', en: 'Legal basis' },
  'secrecy.reason': { ja: '知らせることで生じる支障', en: 'Why telling the subscriber would harm the investigation' },
  'secrecy.marked': {
    ja: 'この要請は契約者に知らせないよう求めています。意見照会・通知はできません。',
    en: 'This request asks that the subscriber not be told: no hearing, no notice.',
  },
  // the subscriber's hearing (issue 15)
  'hearing.title': { ja: '発信者への意見照会', en: "The subscriber's hearing" },
  'hearing.subscriberName': { ja: '発信者（契約者）の氏名', en: "The subscriber's name" },
  'hearing.subscriberAddress': { ja: '送付先住所', en: 'Postal address' },
  'hearing.send': { ja: '意見照会書を作成して送付する', en: 'Write and send the hearing letter' },
  'hearing.sentOnce': {
    ja: '回答用アドレスと回答コードは今だけ表示されます。書面に記載して送付してください。',
    en: 'The reply address and code are shown only now: print them on the letter you send.',
  },
  'hearing.link': { ja: '回答用アドレス', en: 'Reply address' },
  'hearing.code': { ja: '回答コード', en: 'Reply code' },
  'hearing.letter': { ja: '意見照会書', en: 'Hearing letter' },
  'hearing.due': { ja: '回答期限', en: 'Reply due' },
  'hearing.status': { ja: '状況', en: 'Status' },
  'hearing.status.awaiting_reply': { ja: '回答待ち', en: 'Awaiting the reply' },
  'hearing.status.replied': { ja: '回答あり', en: 'Replied' },
  'hearing.status.lapsed': { ja: '期限までに回答なし', en: 'No reply by the deadline' },
  'hearing.status.decided': { ja: '判断済み', en: 'Decided' },
  'hearing.status.impossible': { ja: '意見照会不能', en: 'The subscriber cannot be asked' },
  'hearing.status.closed': { ja: '要請の終了により締切', en: 'Closed: the request no longer awaits a reply' },
  'hearing.impossible': { ja: '意見照会ができない', en: 'The subscriber cannot be asked' },
  'hearing.impossibleReason': { ja: '照会できない理由', en: 'Why the subscriber cannot be asked' },
  'hearing.impossibleNote': {
    ja: '経緯（事業者内の記録。請求者には示されません）',
    en: 'What happened (kept by the provider; not shown to the requester)',
  },
  'hearing.impossibleNoted': { ja: '経緯（事業者内の記録）', en: 'What happened (kept here)' },
  'hearing.recordImpossible': { ja: '意見照会不能として記録する', en: 'Record that the subscriber cannot be asked' },
  'hearing.reply': { ja: '発信者の回答', en: "The subscriber's reply" },
  'hearing.reasons': { ja: '理由', en: 'Reasons' },
  'hearing.decide': { ja: '開示するかどうかの判断', en: 'Decide on the disclosure' },
  'hearing.decisionNote': { ja: '判断の理由', en: 'Why' },
  'hearing.record': { ja: '判断を記録する', en: 'Record the decision' },
  'hearing.locked': {
    ja: '回答コードの誤りが続いたため、回答用リンクは使えなくなっています。',
    en: 'The reply link is locked after repeated wrong codes.',
  },
  'reply.title': { ja: '意見照会へのご回答', en: 'Your reply to the hearing letter' },
  'reply.from': { ja: '照会元', en: 'From' },
  'reply.lead': {
    ja: '書面に記載された回答コードを入力し、開示に同意されるかどうかをお答えください。',
    en: 'Enter the reply code printed on the letter, then tell us whether you consent to the disclosure.',
  },
  'reply.reasonsHint': {
    ja: '同意されない場合は、その理由を具体的にお書きください。',
    en: 'If you object, please say why.',
  },
  'reply.submit': { ja: '回答を送信する', en: 'Send the reply' },
  'reply.thanks': {
    ja: 'ご回答を受け付けました。事業者はご回答を踏まえて判断します。',
    en: 'Your reply has been received. The provider will decide with it in mind.',
  },
  'reply.closed': {
    ja: 'この照会への回答は受け付けを終了しています。',
    en: 'Replies to this letter are no longer accepted.',
  },
  // the consultation desk (issue 15)
  'nav.consultations': { ja: '生活相談窓口', en: 'Consultation desk' },
  'consult.title': { ja: '生活相談窓口', en: 'Consultation desk' },
  'consult.new': { ja: '相談を受理する', en: 'Record a consultation' },
  'consult.empty': { ja: '相談の記録はありません。', en: 'No consultations recorded.' },
  'consult.reference': { ja: '相談番号', en: 'Reference' },
  'consult.receivedAt': { ja: '受理日時', en: 'Received' },
  'consult.category': { ja: '相談の種別', en: 'Category' },
  'consult.channel': { ja: '受理の方法', en: 'How it came' },
  'consult.urgency': { ja: '緊急性', en: 'Urgency' },
  'consult.state': { ja: '状況', en: 'Status' },
  'consult.personName': { ja: '相談者の氏名', en: "The person's name" },
  'consult.personContact': { ja: '相談者の連絡先', en: "The person's contact" },
  'consult.account': { ja: '相談の内容', en: 'What happened' },
  'consult.accountHint': {
    ja: '相談者の話を要約して記録します。自殺予告や危害の告知をうかがわせる言葉があれば緊急性を知らせます。',
    en: 'Summarise what the person said. Words pointing to a suicide notice or a threat raise the urgency.',
  },
  'consult.postUrl': { ja: '書込みの URL', en: 'URL of the post' },
  'consult.postId': { ja: '投稿番号', en: 'Post number' },
  'consult.mailHeaders': { ja: '受信したメールのヘッダ', en: 'Headers of the e-mail received' },
  'consult.mailHeadersHint': {
    ja: 'メールソフトの「ヘッダを表示」でヘッダ全体をコピーして貼り付けます（転送では経路が失われます）。',
    en: "Paste the whole header block from the mail program's 'show headers' (forwarding loses the route).",
  },
  'consult.submit': { ja: '受理する', en: 'Record' },
  'consult.playbook': { ja: 'この種別の対応手順', en: 'What the desk does for this category' },
  'consult.referrals': { ja: '紹介先', en: 'Referrals' },
  'consult.noReferrals': { ja: '外部の紹介先はありません。', en: 'No outside referral.' },
  'consult.caseLikely': {
    ja: 'この種別は事件化されることが多い種別です。',
    en: 'Consultations of this category often become cases.',
  },
  'consult.signals': { ja: '相談内容から検知した言葉', en: 'Words detected in the account' },
  'consult.urgentTitle': { ja: '緊急性のある相談です', en: 'This consultation is urgent' },
  'consult.urgentLead': {
    ja: '人命を最優先してください。緊急照会の要件を確かめ、直ちに事件化して照会を決裁に回せます。',
    en:
      'Life comes first. Confirm the conditions of an emergency request, then open the case and send the request for ' +
      'approval at once.',
  },
  'consult.conditions': {
    ja: '自殺予告の4要件（すべて確認が必要）',
    en: 'The four conditions of a suicide notice (all needed)',
  },
  'consult.statement': { ja: '緊急性の判断の理由', en: 'Why it is urgent' },
  'consult.emergencyNeeds': {
    ja: '事件番号と緊急性の判断の理由を書くと、緊急照会を決裁に回せます。',
    en: 'Enter the case reference and why it is urgent to send the emergency request for approval.',
  },
  'consult.openEmergency': {
    ja: '事件化して緊急照会を決裁に回す',
    en: 'Open the case and send the emergency request for approval',
  },
  'consult.openCase': { ja: '事件化する', en: 'Open a case' },
  'consult.caseReference': { ja: '事件番号', en: 'Case reference' },
  'consult.offence': { ja: '罪名', en: 'Offence' },
  'consult.provider': { ja: '照会先（掲示板の運営者）', en: 'Provider to ask (the board operator)' },
  'consult.providerAuto': {
    ja: '（書込みの URL から自動で選ぶ）',
    en: '(chosen from the URL of the post)',
  },
  'consult.firstStep.board_inquiry': {
    ja: '事件化と同時に、掲示板の運営者への照会（投稿の接続記録）を起案します。',
    en: "Opening the case drafts an inquiry to the board operator for the post's access records.",
  },
  'consult.firstStep.mail_analysis': {
    ja: '事件化と同時に、メールのヘッダを解析して送信元を調べます。',
    en: "Opening the case analyses the e-mail's headers to find where it came from.",
  },
  'consult.firstStep.none': {
    ja: '事件を登録します（最初の照会はあとで起案します）。',
    en: 'The case is opened; the first request is drafted later.',
  },
  'consult.advise': { ja: '教示・紹介で完結する', en: 'Close with advice and referrals' },
  'consult.adviceNote': { ja: '教示した内容', en: 'Advice given' },
  'consult.adviseSubmit': { ja: '完結として記録', en: 'Record and close' },
  'consult.outcome': { ja: '対応の結果', en: 'Outcome' },
  'consult.case': { ja: '事件', en: 'Case' },
  'consult.firstRequests': { ja: '最初の照会', en: 'First requests' },
  'consult.mailOrigin': { ja: 'メールの送信元（ヘッダ解析）', en: "The e-mail's origin (header analysis)" },
  'consult.mailOriginNone': {
    ja: '送信元アドレスは特定できませんでした。メール解析画面で信頼する中継サーバを設定して解析してください。',
    en: 'No originating address could be named; analyse it on the mail screen with the trusted relays set.',
  },
  'consult.statistics': { ja: '相談の統計（過去1年）', en: 'Consultation statistics (past year)' },
  'consult.total': { ja: '件数', en: 'Consultations' },
  'consult.allCategories': { ja: '合計', en: 'All categories' },
  'consult.urgentCount': { ja: '緊急', en: 'Urgent' },
  'consult.caseCount': { ja: '事件化', en: 'Cases' },
  'consult.advisedCount': { ja: '教示で完結', en: 'Advised' },
  'consult.person': { ja: '相談者', en: 'The person' },
  'consult.targets': { ja: '対象', en: 'What it points at' },
  'consult.back': { ja: '相談一覧へ', en: 'All consultations' },
  // trace (issue 12)
  'trace.title': { ja: '追跡（発信者までの経路）', en: 'Trace (the chain to the sender)' },
  'trace.empty': { ja: 'この事件にはまだ照会がありません。', en: 'This case has no request yet.' },
  'trace.asks': { ja: '照会の対象', en: 'Asks about' },
  'trace.revealed': { ja: '回答で判明', en: 'Revealed by the answer' },
  'trace.followedBy': { ja: '次の照会', en: 'Followed by' },
  'trace.notFollowed': { ja: 'まだ次の照会はありません', en: 'not followed yet' },
  'trace.openAnswer': { ja: '照会を開いて回答を確認する', en: 'Open the request to read the answer' },
  'trace.mail': { ja: '解析したメールの発信元', en: 'Origin of an analysed e-mail' },
  'trace.follows': { ja: 'この照会の元', en: 'This request follows' },
  'trace.followedByThis': { ja: 'この照会から続く照会', en: 'Requests following this one' },
  'trace.fromMail': { ja: 'メールの解析', en: 'an analysed e-mail' },
  'trace.draftNext': { ja: '次の照会を起案', en: 'Draft the next request' },
  'trace.draftNextFor': { ja: '{record} について次の照会を起案', en: 'Draft the next request about {record}' },
  'trace.civilNext': { ja: '経由プロバイダへの開示請求を作成', en: 'Draft the request to the access provider' },
  'trace.civilNextFor': {
    ja: '{record} について経由プロバイダへの開示請求を作成',
    en: 'Draft the request to the access provider about {record}',
  },
  'trace.civilNextIntro': {
    ja:
      '開示されたこの通信（{record}）を対象に、経由プロバイダ（接続事業者）への発信者情報開示請求を作成します。' +
      '宛先の経由プロバイダは作成画面で選んでください。',
    en:
      'Draft a disclosure request to the access provider (the ISP) naming this disclosed connection ' +
      '({record}). Choose the access provider on the form.',
  },
  'trace.proposal': { ja: '次の照会の案', en: 'The next request' },
  'trace.holder': { ja: '照会先', en: 'Holder to ask' },
  'trace.kind': { ja: '照会の種別', en: 'Kind of request' },
  'trace.targets': { ja: '対象（記録のとおり）', en: 'Targets (exactly as recorded)' },
  'trace.reasons': { ja: '理由', en: 'Why' },
  'trace.noneDraftable': {
    ja: 'この識別子について起案できる照会はありません。',
    en: 'No request can be drafted for this identifier.',
  },
  'trace.warrantNeeded': {
    ja: '令状が必要です：裁判所が上の対象とデータ種別について発付した電子令状を入力してください。',
    en: 'A warrant is needed: enter the electronic warrant the court issued for exactly these targets and categories.',
  },
  'trace.preserveFirst': { ja: '先に保全要請も起案する', en: 'Also draft a preservation request first' },
  'trace.preservationSuggested': { ja: '保全の提案', en: 'Preservation suggested' },
  'trace.create': { ja: 'この内容で起案する', en: 'Create this draft' },
  'trace.creating': { ja: '起案中…', en: 'Drafting…' },
  'trace.close': { ja: '閉じる', en: 'Close' },
  'trace.approvalNote': {
    ja: '起案だけが作られます。送付には通常どおり所属長の決裁が必要です。',
    en: 'Only a draft is created: it is sent after the usual approval by the unit head.',
  },
  // printable documents (issue 14 item 1)
  'nav.documentVerify': { ja: '文書の検証', en: 'Verify a document' },
  'documents.verifyTitle': { ja: '文書（PDF）の検証', en: 'Verify a document (PDF)' },
  'documents.verifyIntro': {
    ja:
      'shokai が出力した照会書などの PDF を、埋め込まれた署名済みデータと照合します。印字の書き換えや、埋め込みデータの改ざんを検出します。' +
      '署名の鍵と、印字された名称・氏名・期限は、この shokai の鍵の一覧（ディレクトリ）と記録にも照合します。',
    en:
      'Checks a PDF that shokai issued (a letter of inquiry, …) against the signed data it carries: altered print or ' +
      'altered data is detected. The signing keys and the printed names and deadline are also compared with this ' +
      "shokai's directory and records.",
  },
  'documents.dropZone': { ja: 'PDF の投入欄', en: 'Drop area for the PDF' },
  'documents.drop': {
    ja: 'ここに PDF をドロップするか、ファイルを選んでください',
    en: 'Drop the PDF here, or choose it',
  },
  'documents.choose': { ja: 'PDF を選ぶ', en: 'Choose the PDF' },
  'documents.checking': { ja: '検証中…', en: 'Checking…' },
  'documents.ok': {
    ja: '検証に成功しました（署名済みデータと一致）',
    en: 'Verified: it matches the signed data it carries',
  },
  'documents.failed': { ja: '検証に失敗しました', en: 'Verification failed' },
  'documents.unsignedTitle': {
    ja: '署名の対象外の印字があります',
    en: 'Part of the print is not signed',
  },
  'documents.unsignedLead': {
    ja:
      '次の印字は文書に埋め込まれたデータのもので、署名の対象外です。名称・氏名・期限は、下の検査で鍵の一覧（ディレクトリ）と記録に照合しています。' +
      '電話で確かめるときは、この文書に印字された番号ではなく、ご自身で調べた所属の公表されている番号にかけてください。',
    en:
      "The print below is the embedded data's and is not signed; the names and the deadline are compared with the " +
      'directory and records in the checks below. To check by telephone, do not call the number printed on this ' +
      'document: call the unit on a number you find yourself, from a public source.',
  },
  'documents.file': { ja: 'ファイル', en: 'File' },
  'documents.type': { ja: '文書の種類', en: 'Document' },
  'documents.serial': { ja: '文書番号', en: 'Document number' },
  'documents.code': { ja: '検証コード', en: 'Verification code' },
  'documents.approverKey': { ja: '決裁者の鍵', en: "Approver's key" },
  'documents.unitKey': { ja: '所属の鍵', en: "Unit's key" },
  'documents.courtKey': { ja: '裁判所の鍵', en: "Court's key" },
  'documents.download': { ja: '{document}（PDF）', en: '{document} (PDF)' },
  'documents.print': { ja: '印刷', en: 'Print' },
  // whom to ask about a site (domain or URL)
  'whomDomain.title': { ja: 'サイトの照会先（ドメイン・URL）', en: 'Whom to ask about a site (domain or URL)' },
  'whomDomain.intro': {
    ja: '運営者が分からないサイトについて、取り込んだドメイン登録情報（RDAP）から登録事業者と登録者を、設定された DNS サーバーでの名前解決からホスティング事業者を調べます。',
    en:
      'For a site whose operator is unknown: the registrar and registrant from imported domain registration data ' +
      '(RDAP), and the hosting provider through the configured DNS resolver.',
  },
  'whomDomain.url': { ja: 'URL またはドメイン名', en: 'URL or domain name' },
  'whomDomain.ask': { ja: 'サイトの照会先を調べる', en: 'Find whom to ask about the site' },
  'whomDomain.registration': { ja: 'ドメイン登録情報', en: 'Domain registration' },
  'whomDomain.domain': { ja: '登録ドメイン', en: 'Registered domain' },
  'whomDomain.registrar': { ja: '登録事業者（レジストラ）', en: 'Registrar' },
  'whomDomain.registrant': { ja: '登録者', en: 'Registrant' },
  'whomDomain.nameservers': { ja: 'ネームサーバー', en: 'Name servers' },
  'whomDomain.expires': { ja: '有効期限', en: 'Expires' },
  'whomDomain.noRegistration': {
    ja: 'このドメインの登録情報は取り込まれていません。',
    en: 'No registration data for this domain has been imported.',
  },
  'whomDomain.hosting': {
    ja: 'ホスティング（名前解決したアドレス）',
    en: 'Hosting (the addresses the name resolves to)',
  },
  'mail.whom': { ja: 'この発信元の照会先を確認する', en: 'Find whom to ask about this origin' },
  'whomDomain.noAddresses': { ja: 'アドレスは得られませんでした。', en: 'No address was obtained.' },
} as const satisfies Record<string, Bilingual>;

export type MessageKey = keyof typeof messages;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}
