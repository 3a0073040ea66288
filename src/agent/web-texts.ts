import { MAX_ATTACHMENT_BYTES } from '../domain/attachments.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { HUB_ENDED_NOTED } from './hub-ended-texts.ts';
import { ORDER_LOG_HEADING } from './order-log-texts.ts';
import { MAX_RECORDS_FILE_BYTES } from './records.ts';
import { esc, type Lang } from './render.ts';

// Every text of the installation's own pages (web-*.ts), in Japanese and English: one place to translate
// them, and a text that several places show (a link and the page it opens, a column of two tables) said
// once. The labels of closed lists are not here: they live with their list (the vocabulary, the record
// files, the review form, the transport's refusals).

export const WEB_TEXTS = {
  'page.title': { ja: '照会への回答（自社設置）', en: 'Answering requests (own installation)' },
  'page.otherLanguage': { ja: 'English', en: '日本語' },
  'page.signOut': { ja: 'サインアウト', en: 'Sign out' },
  // A link of the navigation and the title of the page it opens.
  'page.requests': { ja: '要請一覧', en: 'Requests' },
  'page.records': { ja: '記録の取込み', en: 'Records' },
  'page.status': { ja: '稼働状況', en: 'Status' },
  'page.provisionOrders': { ja: '提供命令', en: 'Provision orders' },

  'prov.none': { ja: '当社宛ての提供命令はありません', en: 'No provision order addressed to this provider' },
  'prov.reference': { ja: '命令', en: 'Order' },
  'prov.court': { ja: '裁判所', en: 'Court' },
  'prov.caseNumber': { ja: '事件番号', en: 'Case number' },
  'prov.orderedAt': { ja: '発令日時', en: 'Ordered at' },
  'prov.content': { ja: '主文', en: 'Operative part' },
  'prov.lawOffice': { ja: '申立人代理人', en: "Applicant's counsel" },
  'prov.posts': { ja: '命令の対象の投稿', en: 'The posts the order concerns' },
  'prov.check': { ja: '署名の確認', en: 'Signature check' },
  'prov.state': { ja: '状態', en: 'State' },
  'prov.open': { ja: '履行待ち', en: 'To carry out' },
  'prov.done': { ja: '履行済み', en: 'Carried out' },
  'prov.closed': { ja: '履行できません', en: 'Cannot be carried out' },
  'prov.fill': { ja: '投稿記録から埋める', en: 'Fill from the post log' },
  'prov.fillIntro': {
    ja: '投稿記録にある、この命令の投稿の接続元を読み出します（個人情報の閲覧として記録されます）。',
    en:
      "Reads the communications this installation's post log holds " +
      "for the order's posts (recorded as a read of personal data).",
  },
  'prov.offered': { ja: '投稿記録にある接続元', en: 'The communications in the post log' },
  'prov.offeredIntro': {
    ja: 'チェックした接続元を提供します。渡すべきでないものはチェックを外し、記録にないものは下の欄に足してください。',
    en: 'The ticked communications are given. Untick any that should not go; add any the records lack below.',
  },
  'prov.more': {
    ja: '記録にない接続元（1行に1件、「アドレス ポート 日時」、ポートは省略可）',
    en: 'Communications not in the records (one per line, "address port time", the port optional)',
  },
  'prov.carryOut': {
    ja: '確認して履行する（経由プロバイダごとに封緘して送る）',
    en: 'Confirm and carry out (sealed to each access provider)',
  },
  'prov.carryOutIntro': {
    ja: '接続元から経由プロバイダをこの設置で特定し、それぞれの鍵に封緘してハブに渡します。ハブと申立人代理人は接続元を読めません。申立人代理人には経由プロバイダの名称だけが伝わります。',
    en:
      "This installation finds each communication's access provider and seals to its key before the " +
      "hub gets anything: neither the hub nor the applicant's counsel can read the communications; " +
      "counsel learns only the access providers' names.",
  },
  'prov.accessProviders': {
    ja: '経由プロバイダ（名称のみ申立人代理人に通知）',
    en: "Access providers (only their names go to the applicant's counsel)",
  },
  'prov.notIdentified': {
    ja: '保有する情報からは経由プロバイダを特定できませんでした（申立人代理人にその旨が伝わります）',
    en: "No access provider could be identified from the records held (the applicant's counsel is told so)",
  },
  'prov.preview': {
    ja: '送り先を確認する（まだ何も送りません）',
    en: 'Preview where each goes (nothing is sent yet)',
  },
  'prov.plan': { ja: '送り先の確認', en: 'Where each communication goes' },
  'prov.planIntro': {
    ja: '各接続元を封緘して送る経由プロバイダです（名称は固定済みディレクトリによる）。この内容のとおりに履行します。確認後に送り先が変わった場合は、何も送らずにお知らせします。',
    en:
      'The access provider each communication will be sealed to (named from the pinned directory). ' +
      'Carrying out follows exactly this plan; if it changes before you confirm, ' +
      'nothing is sent and you are told.',
  },
  'prov.ignored': {
    ja: '次の申告は送り先を求めるのに使っていません（この事業者は設置鍵で署名して申告しています）',
    en:
      'These declarations were not used to find where to send (the ' +
      'provider declares its networks signed with its installation key)',
  },
  'prov.planNone': {
    ja: '経由プロバイダが見つかりません（送りません）',
    en: 'No access provider found (not sent)',
  },
  'prov.address': { ja: '接続元アドレス', en: 'Source address' },
  'prov.at': { ja: '日時', en: 'Time' },
  'prov.sealedTo': { ja: '封緘する経由プロバイダ', en: 'Sealed to' },
  'prov.back': { ja: '戻って修正する', en: 'Back to change them' },
  'prov.port': { ja: 'ポート', en: 'port' },
  'prov.source': { ja: '根拠', en: 'from' },

  // Shared by several pages' tables and sections.
  'common.target': { ja: '対象', en: 'Target' },
  'common.fileName': { ja: 'ファイル名', en: 'File name' },
  'common.counts': { ja: '件数', en: 'Counts' },

  'signIn.title': { ja: 'サインイン', en: 'Sign in' },
  'signIn.code': { ja: 'アクセスコード', en: 'Access code' },
  'signIn.badCode': { ja: 'アクセスコードが正しくありません', en: 'The access code is not right' },

  'request.reference': { ja: '参照番号', en: 'Reference' },
  'request.kind': { ja: '種別', en: 'Kind' },
  'request.state': { ja: '状態', en: 'State' },
  'request.received': { ja: '受領日時', en: 'Received' },
  'request.automatic': { ja: '自動（方針による）', en: 'automatic (policy)' },
  'request.decided': { ja: '判断', en: 'Decided' },
  'request.none': { ja: '要請はありません', en: 'No requests' },
  // A send the hub refused (./send-refusal.ts): the hub's words follow.
  'sendRefused.short': { ja: '要対応: ハブが送付を拒否', en: 'Needs action: the hub refuses the send' },
  'sendRefused.hubSays': { ja: 'ハブの理由', en: 'What the hub says' },
  'sendRefused.since': { ja: '最初の拒否', en: 'First refused' },
  'sendRefused.last': { ja: '最後の試行', en: 'Last attempt' },
  'sendRefused.attempts': { ja: '試行回数', en: 'Attempts' },
  'sendRefused.retry': {
    ja: 'この設置は取得のたびに送付をやり直します。ハブの求めに応じて対応すると、次の取得で送られます',
    en: 'This installation tries again at every cycle: once what the hub asks for is done, the next cycle sends it',
  },
  'sendRefused.callBackBelow': {
    ja: '折り返し確認は、下の「照会元所属への折り返し確認」からこの設置で記録できます',
    en: 'The call-back can be recorded from this installation, below under "Call-back to the issuing unit"',
  },
  'facts.heading': { ja: '要請の内容', en: 'The request' },
  'facts.agency': {
    ja: '依頼元（固定済みディレクトリの名称）',
    en: 'Requesting agency (named by the pinned directory)',
  },
  'facts.unit': { ja: '所属（固定済みディレクトリの名称）', en: 'Unit (named by the pinned directory)' },
  'facts.drafter': { ja: '起案者', en: 'Drafted by' },
  'facts.approver': { ja: '決裁者', en: 'Approved by' },
  'facts.perHub': { ja: 'ハブの記録による', en: 'per the hub' },
  'facts.unknown': {
    ja: '（ハブに接続できないため名前は不明。署名はこの設置で検証済み）',
    en: '(the hub cannot be reached for the name; the signature was verified here)',
  },
  'facts.issuedAt': { ja: '決裁・署名の日時', en: 'Approved and signed at' },
  'facts.verified': { ja: '検証', en: 'Verification' },
  'facts.verifiedText': {
    ja: 'この設置が受領時に、固定済みのハブのディレクトリに照らして検証しました（決裁者と所属の署名、決裁の権限、宛先が当社であること、内容の形式）',
    en:
      "Verified by this installation on receipt against the hub's pinned directory (the approver's and the " +
      "unit's signatures, the approver's authority, this provider as the addressee, the content's form)",
  },
  'facts.deadline': { ja: '回答期限', en: 'Deadline' },
  'facts.noDeadline': { ja: '期限の定めはありません', en: 'No deadline is set' },
  'facts.left': { ja: '残り', en: 'time left:' },
  'facts.passed': { ja: '期限を過ぎています:', en: 'past the deadline by' },
  'facts.paused': {
    ja: '要請元の確認回答待ちのため期限は停止中。停止した日時:',
    en: "the clock stands still while the requester's clarification is awaited; stopped at",
  },
  'facts.requestedBy': { ja: '依頼元の希望', en: "the requester's wish" },
  'facts.case': { ja: '事件番号・事案', en: 'Case' },
  'facts.offence': { ja: '罪名', en: 'Offence' },
  'facts.facts': { ja: '事実', en: 'Facts' },
  'facts.necessity': { ja: '必要性', en: 'Necessity' },
  'facts.basis': { ja: '緊急の根拠', en: 'Emergency basis' },
  'facts.conditions': {
    ja: '自殺予告の4要件（依頼元の表明）',
    en: 'The four conditions of a suicide notice (as the requester affirms them)',
  },
  'facts.statement': { ja: '緊急性の説明', en: 'Why it is urgent' },
  'facts.warrant': { ja: '令状', en: 'Warrant' },
  'facts.validUntil': { ja: '令状の有効期間', en: 'Warrant valid until' },
  'facts.recordsPeriod': { ja: '記録の期間（令状に記載）', en: 'Period of the records (as the warrant says)' },
  'facts.categories': { ja: '求める情報', en: 'Information asked for' },
  'callBack.heading': { ja: '照会元所属への折り返し確認', en: 'Call-back to the issuing unit' },
  'callBack.needed': {
    ja: 'この緊急要請は、回答の前に照会元所属の登録番号へ電話して、要請が本当にその所属から出たことを確かめ、記録する必要があります（ハブの求め）。記録するまで、承認した回答はハブに受け付けられません',
    en:
      'The hub asks that, before this emergency is answered, ' +
      'a person calls the issuing unit on its registered number to make sure the request truly came ' +
      'from it, and records the call. Until it is recorded, the hub does not take the approved answer',
  },
  'callBack.neededHere': {
    ja:
      'この緊急要請は、回答の前に照会元所属の登録番号へ電話して要請が本当にその所属から出たことを確かめ、' +
      'この設置で記録する必要があります（この設置の求め。ハブが求めていなくても）。記録するまで、承認した回答はこの設置から送られません',
    en:
      'This installation asks that, before this emergency is answered, a person calls the issuing unit on its ' +
      'registered number to make sure the request truly came from it, and records the call here (whether or ' +
      'not the hub asks it). Until it is recorded, the approved answer does not leave this installation',
  },
  'callBack.why': { ja: '理由', en: 'Why' },
  'callBack.number': {
    ja: '電話する番号（ハブのディレクトリに登録された番号。要請文中の番号ではありません）',
    en: "The number to call (registered in the hub's directory; not a number written in the request)",
  },
  'callBack.noNumber': {
    ja: 'ハブに照会元所属の番号が登録されていません。ハブの運営者に問い合わせてください',
    en: "The hub holds no registered number for the issuing unit: ask the hub's operator",
  },
  'callBack.calledAt': { ja: '電話した日時', en: 'When you called' },
  'callBack.outcome': {
    ja: '結果（電話に出た人と、確認した内容）',
    en: 'Outcome (whom you reached and what they confirmed)',
  },
  'callBack.confirmed': {
    ja: '照会元所属が、この要請を発したことを確認しました',
    en: 'The issuing unit confirmed that it issued this request',
  },
  'callBack.who': {
    ja: 'サインインしている確認者の名前で、ハブとこの設置の両方に記録します',
    en: 'Recorded at the hub and here, in the name of the reviewer signed in',
  },
  'callBack.record': { ja: '折り返し確認を記録する', en: 'Record the call-back' },
  'callBack.recorded': { ja: '折り返し確認は記録済みです', en: 'The call-back is recorded' },
  'callBack.recordedBy': { ja: '記録した者（ハブの記録）', en: 'Recorded by (per the hub)' },
  'callBack.recordedByHere': { ja: '記録した者（この設置の記録）', en: 'Recorded by (per this installation)' },
  'callBack.recordedAt': { ja: '記録日時', en: 'Recorded at' },
  'callBack.note': { ja: '内容', en: 'What was recorded' },
  'status.sendRefused': {
    ja: 'ハブが送付を拒否している要請があります（送付されていません。対応が必要です）',
    en: 'The hub refuses the send of these requests (not sent: they need a person)',
  },
  // A request the hub says was withdrawn or closed since it was taken in (the hub's word).
  'orderLog.heading': ORDER_LOG_HEADING,
  'hubEnded.heading': { ja: 'ハブでの取下げ・終結', en: 'Withdrawn or closed at the hub' },
  'hubEnded.at': { ja: '日時（ハブの記録）', en: 'When (per the hub)' },
  'hubEnded.note': { ja: '依頼元の理由', en: "The requester's reason" },
  'hubEnded.check': { ja: '検証', en: 'Check' },
  'hubEnded.noted': HUB_ENDED_NOTED,
  'hubEnded.kept': {
    ja: 'ハブの記録による表示です。この設置は要請を削除していません。回答・見送り・回答案の編集はできませんが、内容は読めます',
    en:
      "This is the hub's word. This installation deleted nothing: " +
      'the request can still be read, but it is no longer answered, declined or edited here',
  },

  'finding.window': { ja: '検索範囲', en: 'Window searched' },
  'finding.candidates': { ja: '候補', en: 'Candidates' },
  'finding.sources': { ja: '根拠となる記録', en: 'Source records' },
  'finding.reasons': { ja: '理由', en: 'Why' },
  'finding.resolveBy': { ja: '一意にするには', en: 'What would make it unique' },
  'finding.line': { ja: '回線', en: 'Line' },
  'finding.installed': { ja: '設置場所', en: 'Installed at' },
  'finding.billed': { ja: '請求先', en: 'Billed to' },

  'draft.heading': { ja: '回答案（送付される内容。封緘されます）', en: 'Draft answer (what will be sent, sealed)' },
  'draft.none': {
    ja: '回答案はありません。担当者が記入してください',
    en: 'There is no draft: a person writes the answer',
  },
  'draft.accessLog': { ja: '通信記録', en: 'Access log' },
  'draft.terminalUse': { ja: '端末利用記録', en: 'Terminal use' },
  'draft.exitNotLogged': { ja: '退店記録なし', en: 'no exit recorded' },
  'draft.reviewed': {
    ja: '要請の内容（依頼元・検証・事実・期限）を読み、回答案を確認しました',
    en: 'I have read the request (who asks, the check, the facts, the deadline) and checked the answer',
  },
  'draft.approve': { ja: 'この回答を承認し、署名・封緘して送る', en: 'Approve this answer: sign, seal and send' },
  'draft.editJson': { ja: '回答案を直接編集する（JSON、上級者向け）', en: 'Edit the draft directly (JSON, advanced)' },
  'draft.json': { ja: '回答案（JSON）', en: 'Draft answer (JSON)' },
  'draft.saveJson': { ja: '回答案を保存', en: 'Save the draft' },
  'draft.declineReason': { ja: '見送りの理由', en: 'Reason for declining' },
  'draft.declineNote': { ja: '補足（個人情報を書かないこと）', en: 'Note (write no personal data)' },
  'draft.decline': { ja: '回答を見送る', en: 'Decline to answer' },

  'edit.heading': { ja: '回答案を項目ごとに編集する', en: 'Edit the draft, field by field' },
  'edit.result': { ja: '結果', en: 'Result' },
  'edit.notFound': {
    ja: '「該当あり」以外の結果にすると、この対象については何も開示しません',
    en: 'Any result other than Found discloses nothing for this target',
  },
  'edit.fields': {
    ja: '開示する契約者情報（チェックを外した項目は開示しません）',
    en: 'Subscriber details disclosed (an unchecked one is withheld)',
  },
  'edit.candidates': {
    ja: '開示する候補（一意に特定できないため、2件以上残します）',
    en: 'Candidates disclosed (the finding is ambiguous: keep at least two)',
  },
  'edit.candidate': { ja: '候補', en: 'Candidate' },
  'edit.note': { ja: 'この対象についての補足', en: 'Note on this target' },
  'edit.save': { ja: '編集した回答案を保存', en: 'Save the edited draft' },

  'files.heading': { ja: '回答に添付するファイル', en: 'Files attached to the answer' },
  'files.none': { ja: '添付ファイルはありません', en: 'No files attached' },
  'files.type': { ja: '種類', en: 'Type' },
  'files.size': { ja: '大きさ', en: 'Size' },
  'files.added': { ja: '添付した人・日時', en: 'Added by, at' },
  'files.uploaded': { ja: 'ハブへの送付', en: 'Sent to the hub' },
  'files.notYet': { ja: '未送付', en: 'not yet' },
  'files.remove': { ja: '削除', en: 'Remove' },
  'files.choose': { ja: '添付するファイル', en: 'File to attach' },
  'files.attach': { ja: 'ファイルを添付する', en: 'Attach the file' },
  'files.hint': {
    ja:
      `PNG・JPEG・GIF・WebP の画像、PDF、テキスト・CSV で、${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB まで。` +
      '承認すると回答と同じ鍵で封緘して送られ、回答の署名にファイルの SHA-256 が含まれます。ファイル名・種類・大きさはハブにも見えるため、ファイル名に個人情報を書かないでください',
    en:
      `PNG, JPEG, GIF or WebP images, PDF, plain text or CSV, up to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB. ` +
      'On approval each file is sealed to the same keys as the answer and sent, ' +
      'and the signed answer names its SHA-256. The hub sees its name, type and size: ' +
      'put no personal data in the file name',
  },
  'requestFiles.heading': { ja: '要請の添付ファイル', en: 'Files attached to the request' },
  'requestFiles.check': { ja: '照合', en: 'Check' },
  'requestFiles.download': { ja: 'ダウンロード', en: 'Download' },
  'requestFiles.hint': {
    ja: '要請者のブラウザで自社の鍵に封緘されたファイルです。この設置の端末で開封し、決裁者が署名した SHA-256 と一致したものだけを提供します（ダウンロードは記録されます）',
    en:
      "Sealed to the provider's key in the requester's browser, opened on this installation's device; " +
      'only a file matching the SHA-256 the approver signed is offered (each download is recorded)',
  },

  'status.lastCycle': { ja: '直近の取得', en: 'Last cycle' },
  'status.hubOk': { ja: 'ハブに接続できました', en: 'reached the hub' },
  'status.hubFail': { ja: 'ハブに接続できませんでした', en: 'could not reach the hub' },
  'status.unreachable': { ja: '応答がありません', en: 'no answer' },
  'status.notYet': { ja: 'まだ実行していません', en: 'not run yet' },
  'status.refused': { ja: '拒否した受領', en: 'Refused envelopes' },
  'source.pull': { ja: 'ハブから取得', en: 'pulled from the hub' },
  'source.file': { ja: 'ファイルで受領', en: 'carried by file' },
  'status.pinRefused': {
    ja: 'ハブのディレクトリを拒否しました。固定済みのものを検証できないため、新しい要請は受領していません',
    en: "The hub's directory was refused: the pin cannot be brought up to date, so no new request is taken in",
  },
  'status.networksForeign': {
    ja:
      'ハブのディレクトリに、自社名義のネットワーク申告で、この設置の設置鍵で署名していないものがあります。' +
      '自社の申告でなければハブの運営者に問い合わせ、正しい申告を shokai provider networks declare で署名してやり直してください',
    en:
      "The hub's directory holds a networks declaration in your own name that this " +
      'installation did not sign with its installation key. If you did not make it, ' +
      "ask the hub's operator, and declare again, signed, with shokai provider networks declare",
  },
  'status.pinRefusedSince': { ja: '最初の拒否', en: 'First refused' },
  'status.pin': { ja: '固定済みのハブのディレクトリ', en: "The hub's pinned directory" },
  'status.pinHead': { ja: 'ハブが署名した時点', en: 'Signed by the hub at' },
  'status.pinEntries': { ja: '項目数', en: 'Entries' },
  'status.pinConfirmed': { ja: 'ハブの最新と最後に確認した時点', en: "Last confirmed as the hub's current log" },
  'status.pinNotConfirmed': {
    ja: '固定してから、まだハブの最新と確認していません（新しい要請を取得するときに確認します）',
    en: "Not yet confirmed as the hub's current log since it was pinned (confirmed when a pull meets a new request)",
  },
  'status.notPinned': { ja: 'ハブのディレクトリが固定されていません', en: 'No hub directory is pinned' },

  'records.import': { ja: 'ファイルを取り込む', en: 'Import a file' },
  'records.kind': { ja: '記録の種類', en: 'Kind of records' },
  'records.file': { ja: 'ファイル（CSV または JSON）', en: 'File (CSV or JSON)' },
  'records.go': { ja: '取り込む', en: 'Import' },
  'records.hint': {
    ja: `${MAX_RECORDS_FILE_BYTES / 1024 / 1024} MiB まで。不正な行が1つでもあれば、何も取り込みません。同じ内容のファイルは二度取り込みません。列:`,
    en:
      `Up to ${MAX_RECORDS_FILE_BYTES / 1024 / 1024} MiB. One bad line and nothing is imported; ` +
      'a file with the same content is not imported twice. Columns:',
  },
  'records.done': { ja: '取り込みました', en: 'Imported' },
  'records.taken': { ja: '取り込んだ行', en: 'Rows taken' },
  'records.present': { ja: '取込み済みだった行', en: 'Rows already present' },
  'records.refused': { ja: '取り込めませんでした（何も保存していません）', en: 'Not imported (nothing was stored)' },
  'records.line': { ja: '行', en: 'Line' },
  'records.field': { ja: '列', en: 'Field' },
  'records.value': { ja: '値', en: 'Value' },
  'records.why': { ja: '理由', en: 'What is wrong' },
  'records.purge': { ja: '保存期間を過ぎた記録の消去（カフェ）', en: 'Purging records past retention (café)' },
  'records.purgeHint': {
    ja: '利用の終了から3年を過ぎた端末利用記録と、その後に利用のない会員の本人確認記録を消去します。まず件数を数え、確認してから消去します。',
    en:
      'Deletes terminal use that ended more than three years ago, ' +
      'and the ID checks of members with no later use. It counts them first and deletes only once you confirm.',
  },
  'records.count': { ja: '消去する記録を数える', en: 'Count what is due' },
  'records.due': { ja: '次の日時より前に終わった記録を消去します', en: 'These records of services ended before' },
  'records.confirm': { ja: '消去する（元に戻せません）', en: 'Delete them (cannot be undone)' },
  'records.cancel': { ja: 'やめる', en: 'Cancel' },
  'records.purged': { ja: '消去しました', en: 'Purged' },
  'records.terminalUse': { ja: '端末利用', en: 'Terminal use' },
  'records.idChecks': { ja: '本人確認', en: 'ID checks' },
  'records.history': { ja: '取込みと消去の履歴', en: 'Imports and purges' },
  'records.none': { ja: '履歴はありません', en: 'Nothing yet' },
  'records.at': { ja: '日時', en: 'When' },
  'records.by': { ja: '操作した人', en: 'Who' },
  'records.what': { ja: '内容', en: 'What' },
  'records.operator': { ja: '運用担当（コマンド）', en: 'operator (command line)' },
  'records.purgedAct': { ja: '消去', en: 'Purge' },
  'records.counted': { ja: '件数の確認のみ', en: 'counted only' },
} satisfies Record<string, Bilingual>;

export type WebText = keyof typeof WEB_TEXTS;

/** A text of the pages in one language, as written (a page's title, which `page` makes safe). */
export const plain = (k: WebText, lang: Lang): string => WEB_TEXTS[k][lang];

/** How an envelope arrived (`pull`, `file`) in words; null for a source these texts do not know. */
export const arrivalSourceText = (source: string, lang: Lang): string | null =>
  source === 'pull' || source === 'file' ? WEB_TEXTS[`source.${source}`][lang] : null;

/** A text of the pages in one language, made safe in HTML. */
export const t = (k: WebText, lang: Lang): string => esc(WEB_TEXTS[k][lang]);
