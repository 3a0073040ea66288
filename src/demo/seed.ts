import { principalOfLogin } from '../auth/auth-service.ts';
import { enrol as enrolPerson } from '../auth/enrolment.ts';
import { buildSealedAnswer, installationKeySigner, passkeySigner } from '../client/answer-seal.ts';
import { confirmCredential } from '../directory/credential-requests.ts';
import { registerCredential, registrationOptions, relyingPartyId } from '../directory/credentials.ts';
import { hasOrganisations, listUnitRows } from '../directory/directory.repository.ts';
import { declareNetworks } from '../directory/networks.ts';
import { createOrganisation, createUnit } from '../directory/organisations.ts';
import { publishPolicy } from '../directory/policies.ts';
import { countersignGrant, listGrants } from '../directory/role-grants.ts';
import { type Principal, SYSTEM_CALLER } from '../domain/access.ts';
import type { AnswerContent } from '../domain/answer-content.ts';
import { defaultProviderPolicy } from '../domain/policy.ts';
import type { OrganisationKind, ProviderCategory, Role } from '../domain/vocabulary.ts';
import { signingPreview } from '../exchange/approval.ts';
import { createDraft } from '../exchange/drafting.ts';
import { mlatDefaults } from '../exchange/next-request.ts';
import { findRequest } from '../exchange/request.repository.ts';
import { answerKeys } from '../exchange/sealed-answers.ts';
import { transition } from '../exchange/transitions.ts';
import { sendHearingLetter } from '../hearing/hearing-service.ts';
import type { AppContext } from '../kernel/context.ts';
import { run } from '../kernel/unit-of-work.ts';
import { createDemoUser, newDemoPassword } from './accounts.ts';
import { type DemoDevice, enrolDemoDevices, enrolDemoGroup } from './custody.ts';
import { type DemoInstallationKey, demoInstallationSigner, registerDemoInstallationKey } from './installation.ts';
import type { DemoIspTrace } from './isp-records.ts';
import {
  DEMO_RESELLER,
  DEMO_RESELLER_NETWORKS,
  LOST_MACHINE_LABEL,
  seedCompromisedEarlierKey,
  seedProvisionChain,
} from './reseller.ts';
import { challengeOf, demoOrigin, type SoftCredential, softAssert, softRegister } from './soft-authenticator.ts';
import { applyForWarrant, issueWarrant } from './warrants.ts';

export interface DemoLogin {
  login: string;
  password: string;
  totpSecret: string;
  displayName: string;
  roles: Role[];
  /** The organisation's name in Japanese (tests find logins by it). */
  organisation: string;
  /** The same in English, printed when the CLI speaks English. */
  organisationEn: string;
}
export interface DemoRequest {
  id: string;
  reference: string;
  kind: string;
  state: string;
  provider: string | null;
  /** What the request shows, in English (tests find a demo request by its start). */
  summary: string;
  /** The same in Japanese, printed when the CLI speaks Japanese. */
  summaryJa: string;
}
export interface DemoResult {
  logins: DemoLogin[];
  requests: DemoRequest[];
  /**
   * The demo's software authenticators by login (DEMO ONLY): the private keys of the passkeys its
   * signers registered through the ceremony. Kept in data/demo-authenticators.json, never in the store.
   */
  authenticators?: Record<string, SoftCredential>;
  /** DEMO ONLY: the demo members' device keys (answers open on devices), kept in the demo's own file. */
  devices?: DemoDevice[];
  /** DEMO ONLY: the demo providers' installation keys (they sign answers), kept in the demo's own file. */
  installationKeys?: DemoInstallationKey[];
  /** What the ISP is asked (the board's answer's address, port and time): its own records are written for it. */
  ispTrace?: DemoIspTrace;
}

/** Does the store already hold a directory? (the demo seeds only an empty store) */
export async function storeIsEmpty(ctx: AppContext): Promise<boolean> {
  return !(await hasOrganisations(ctx.store.db));
}

/** The demo's mutual legal assistance to the United States: the partners table's authority and treaty, the provider. */
export const DEMO_US_MLAT = {
  requestedCountry: 'US',
  ...mlatDefaults('US'),
  foreignProvider: 'Example Social, Inc.',
  language: 'en',
};

const iso = (d: Date) => d.toISOString().replace('Z', '+00:00');
const jst = (d: Date): string => {
  const t = new Date(d.getTime() + 9 * 3600_000).toISOString();
  return `${t.slice(0, 19)}+09:00`;
};

/**
 * Creates demo organisations, users, keys and requests carried to various states — all through the
 * real service layer (the same code as the API), so every step is validated, signed and audited.
 * The demo's accounts share one password drawn at random for this installation (in the result).
 */
export async function seedDemo(ctx: AppContext, options: { deviceCustody?: boolean } = {}): Promise<DemoResult> {
  const logins: DemoLogin[] = [];
  const password = newDemoPassword();
  const now = ctx.clock();
  const sys = SYSTEM_CALLER;

  const organisation = (kind: OrganisationKind, nameJa: string, nameEn: string) =>
    run(ctx, createOrganisation, sys, { kind, nameJa, nameEn });
  // A provider: what kind of service it runs, and whether it is a telecommunications carrier.
  const provider = (nameJa: string, nameEn: string, providerCategory: ProviderCategory, isTelecomCarrier: boolean) =>
    run(ctx, createOrganisation, sys, { kind: 'provider', nameJa, nameEn, isTelecomCarrier, providerCategory });
  // Each provider answers from one unit, its desk for legal requests.
  const legalDesk = (organisationId: string) =>
    run(ctx, createUnit, sys, organisationId, {
      nameJa: '法務・捜査対応窓口',
      nameEn: 'Legal and law-enforcement desk',
    });

  const mpd = await organisation('agency', '警視庁', 'Tokyo Metropolitan Police Department');
  const cyber = await run(ctx, createUnit, sys, mpd.id, {
    nameJa: 'サイバー犯罪対策課 第一係',
    nameEn: 'Cybercrime Division, Section 1',
    // The number a provider calls back to check an emergency (a fictitious one).
    callbackPhone: '03-0000-0110',
  });
  const osaka = await organisation('agency', '大阪府警察', 'Osaka Prefectural Police');
  const osakaUnit = await run(ctx, createUnit, sys, osaka.id, {
    nameJa: 'サイバー犯罪捜査課',
    nameEn: 'Cybercrime Investigation Division',
    // Whom another force calls when both ask about one identifier (a fictitious number).
    callbackPhone: '06-0000-0110',
  });
  const court = await organisation('court', '東京地方裁判所', 'Tokyo District Court');
  const hosting = await provider('さくら掲示板株式会社', 'Sakura Board K.K.', 'board', false);
  const isp = await provider('日本ネットワーク通信株式会社', 'Nihon Network Communications K.K.', 'isp', true);
  const cafe = await provider('まんがカフェ新宿店', 'Manga Cafe Shinjuku', 'cafe', false);
  // The claimant's lawyer (issue 15): a law office files civil disclosure requests; it is its own unit.
  const lawOffice = await organisation('law_office', '乙川綜合法律事務所', 'Otogawa Law Office');
  const oversight = await organisation('oversight', '照会ハブ監督室', 'shokai Hub Oversight Office');
  for (const org of [hosting, isp, cafe]) await legalDesk(org.id);

  // The ISP publishes a stricter policy: subscribers are told afterwards when their data was disclosed.
  const ispPolicy = defaultProviderPolicy(true);
  ispPolicy.categories.subscriber.subscriberInvolvement = 'notify_after';
  ispPolicy.notes = { ja: '接続記録は令状によってのみ提供します。', en: 'Access logs only under a warrant.' };
  await run(ctx, publishPolicy, sys, isp.id, ispPolicy);
  await run(ctx, declareNetworks, sys, isp.id, {
    cidrs: ['203.0.113.0/24', '2001:db8:1000::/36'],
    asns: [64500],
    domains: ['nihon-net.example'],
  });
  await run(ctx, declareNetworks, sys, hosting.id, {
    cidrs: ['198.51.100.0/24'],
    asns: [64501],
    domains: ['sakura-board.example'],
  });
  await run(ctx, declareNetworks, sys, cafe.id, { cidrs: ['192.0.2.128/25'], asns: [], domains: [] });

  const person = async (
    organisation: { id: string; nameJa: string; nameEn: string },
    unitId: string | null,
    login: string,
    displayName: string,
    roles: Role[],
    bar?: { barRegistrationNumber: string; barAssociation: string },
  ) => {
    const r = await run(ctx, createDemoUser, sys, {
      organisationId: organisation.id,
      unitId,
      login,
      displayName,
      roles,
      ...bar,
    });
    // Each demo person enrols with their code as a real person would (the demo's one password is printed).
    const enrolled = await enrolPerson(ctx, { login, code: r.enrolment.code, password }, { client: 'demo-seed' });
    logins.push({
      login,
      password,
      totpSecret: enrolled.totpSecret,
      displayName,
      roles,
      organisation: organisation.nameJa,
      organisationEn: organisation.nameEn,
    });
  };
  const unitOf = async (orgId: string) => {
    const [unit] = await listUnitRows(ctx.store.db, orgId);
    if (!unit) throw new Error(`demo: organisation ${orgId} has no unit`);
    return unit.id;
  };

  // Each organisation's first administrator is registered by the installation's operator; every other
  // privileged role (unit heads, judges, auditors, statistics officers) waits for that administrator's
  // countersignature below.
  await person(mpd, null, 'mpd.admin', '警視庁 システム管理者', ['admin']);
  await person(mpd, cyber.id, 'sato', '佐藤 巡査部長', ['investigator']);
  await person(mpd, cyber.id, 'tanaka', '田中 課長', ['unit_head']);
  await person(mpd, null, 'mpd.keys', '警視庁 鍵管理責任者', ['key_officer']);
  // The force's own oversight (監察): reads its part of the audit log at /audit/log, nothing else.
  await person(mpd, null, 'mpd.kansatsu', '警視庁 監察官', ['auditor']);
  // The force's statistics officer (統計担当): every unit's counts at /statistics, no request.
  await person(mpd, null, 'mpd.toukei', '警視庁 統計担当', ['statistician']);
  await person(osaka, null, 'osaka.admin', '大阪府警察 システム管理者', ['admin']);
  await person(osaka, osakaUnit.id, 'osaka', '大阪 捜査員', ['investigator']);
  await person(court, null, 'court.admin', '東京地裁 システム管理者', ['admin']);
  await person(court, null, 'judge', '裁判官 山本', ['judge']);
  await person(hosting, await unitOf(hosting.id), 'board.intake', 'さくら掲示板 受付', ['provider_intake']);
  await person(hosting, await unitOf(hosting.id), 'board.legal', 'さくら掲示板 法務', [
    'provider_legal',
    'provider_operator',
  ]);
  await person(hosting, null, 'board.admin', 'さくら掲示板 管理者', ['admin']);
  await person(isp, await unitOf(isp.id), 'isp.legal', '日本ネット 法務', ['provider_legal']);
  await person(isp, await unitOf(isp.id), 'isp.operator', '日本ネット データ担当', [
    'provider_operator',
    'provider_intake',
  ]);
  await person(cafe, await unitOf(cafe.id), 'cafe.staff', 'まんがカフェ 店長', [
    'provider_intake',
    'provider_legal',
    'provider_operator',
  ]);
  await person(lawOffice, null, 'law.admin', '乙川綜合法律事務所 管理者', ['admin']);
  // A fictitious registration number; the bar association is a real one's name.
  await person(lawOffice, null, 'lawyer', '弁護士 乙川 一郎', ['lawyer'], {
    barRegistrationNumber: '99999',
    barAssociation: '第一東京弁護士会',
  });
  await person(lawOffice, null, 'law.assistant', '事務職員 丙野', ['legal_assistant']);
  await person(oversight, null, 'admin', 'ハブ管理者', ['admin']);
  await person(oversight, null, 'auditor', '監査官', ['auditor']);
  // The second person: each organisation's administrator countersigns what was granted.
  const countersignAll = async (adminLogin: string, organisationId: string) => {
    const admin = await principalOfLogin(ctx.store.db, adminLogin);
    for (const g of await run(ctx, listGrants, admin, organisationId, { state: 'pending' })) {
      await run(ctx, countersignGrant, admin, g.id);
    }
  };
  await countersignAll('mpd.admin', mpd.id);
  await countersignAll('court.admin', court.id);
  await countersignAll('law.admin', lawOffice.id);
  await countersignAll('admin', oversight.id);

  // Signers get their own credentials through the same ceremony as people do, with a software
  // authenticator standing in for their device (demo only: its keys go to the demo's file).
  const authenticators: Record<string, SoftCredential> = {};
  const origin = demoOrigin(relyingPartyId());
  // A unit head's or judge's new passkey counts once a second person of the organisation confirms it.
  const enrol = async (login: string, confirmer?: string) => {
    const p = await principalOfLogin(ctx.store.db, login);
    const made = softRegister(await run(ctx, registrationOptions, p), origin);
    const reg = await run(ctx, registerCredential, p, { response: made.response });
    if (reg.confirmation.requestId) {
      if (!confirmer) throw new Error(`demo: ${login}'s passkey needs a second person to confirm it`);
      const second = await principalOfLogin(ctx.store.db, confirmer);
      await run(ctx, confirmCredential, second, reg.confirmation.requestId);
    }
    authenticators[p.id] = made.credential;
    authenticators[login] = made.credential;
  };
  await enrol('tanaka', 'mpd.keys');
  // The judge attests with his own passkey: the hub holds no court key (issue 11).
  await enrol('judge', 'court.admin');
  await enrol('lawyer', 'law.admin');

  // The providers sign their answers themselves (issue 11): each registers an installation key made on
  // its own machine (its administrator, or the operator for a provider without one; the board has no
  // second administrator or key officer, so the operator confirms its administrator's registration), and
  // its legal officers register passkeys; from then on the hub holds no key to sign an answer with. A store not
  // yet migrated (deviceCustody: false) keeps the hub-side answers.
  const migrated = options.deviceCustody !== false;
  const installationKeys: DemoInstallationKey[] = [];
  if (migrated) {
    const boardAdmin = await principalOfLogin(ctx.store.db, 'board.admin');
    for (const [org, caller, name] of [
      [hosting, boardAdmin, 'board'],
      [isp, sys, 'isp'],
      [cafe, sys, 'cafe'],
    ] as const) {
      installationKeys.push(await registerDemoInstallationKey(ctx, caller, org.id, name));
    }
    // The board's administrator confirms its officer's passkey (the two-person rule); the ISP and the
    // café have no one to confirm, so theirs count at once.
    await enrol('board.legal', 'board.admin');
    for (const login of ['isp.legal', 'cafe.staff']) await enrol(login);
  }

  const sato = await principalOfLogin(ctx.store.db, 'sato');
  const tanaka = await principalOfLogin(ctx.store.db, 'tanaka');
  const osakaInv = await principalOfLogin(ctx.store.db, 'osaka');
  const judge = await principalOfLogin(ctx.store.db, 'judge');
  const boardLegal = await principalOfLogin(ctx.store.db, 'board.legal');
  const ispLegal = await principalOfLogin(ctx.store.db, 'isp.legal');
  const cafeStaff = await principalOfLogin(ctx.store.db, 'cafe.staff');
  const lawyer = await principalOfLogin(ctx.store.db, 'lawyer');

  const requests: DemoRequest[] = [];
  const postAt = new Date(now.getTime() - 3 * 24 * 3600_000);
  const base = {
    caseReference: '令和8年 第1234号 脅迫被疑事件',
    offence: '脅迫（刑法222条）',
    facts: '掲示板「さくら掲示板」に、被害者の実名と住所を挙げて危害を加える旨の書き込みがなされた。',
    necessity: '書き込みの発信者を特定し、被害者の安全を確保するため。',
  };
  const draft = async (p: Principal, content: Record<string, unknown>) => run(ctx, createDraft, p, { content });
  const act = async (p: Principal, id: string, body: Record<string, unknown>) => run(ctx, transition, p, id, body);
  // The unit head reviews exactly what will be signed, then signs that digest on their own device.
  // A person signs a digest on their own device (the demo's software authenticator stands in for it).
  const signOf = (p: Principal, digest: string) => {
    const passkey = authenticators[p.id];
    return passkey ? { assertion: softAssert(passkey, challengeOf(digest), origin) } : {};
  };
  const approve = async (p: Principal, id: string) => {
    const { digest } = await run(ctx, signingPreview, p, id);
    return act(p, id, { action: 'approve', digest, ...signOf(p, digest) });
  };
  // A request drafted and submitted by `drafter`, then approved and signed by `approver`: delivered.
  const issue = async (drafter: Principal, approver: Principal, content: Record<string, unknown>) => {
    const r = await draft(drafter, content);
    await act(drafter, r.id, { action: 'submit' });
    await approve(approver, r.id);
    return r;
  };
  // The provider answers from its own side: signed with its legal officer's passkey (the browser) or
  // its installation key (its own system), sealed there; the hub sees ciphertext only.
  const answer = async (p: Principal, id: string, content: AnswerContent, via: 'passkey' | 'installation') => {
    if (!migrated) return act(p, id, { action: 'answer', answer: content });
    const keys = await run(ctx, answerKeys, p, id);
    const own = installationKeys.find((k) => k.organisationId === p.organisationId);
    const passkey = authenticators[p.id];
    const signer =
      via === 'passkey' && passkey && keys.signers.passkey
        ? passkeySigner(keys.signers.passkey.keyId, async (challenge) => softAssert(passkey, challenge, origin))
        : own
          ? installationKeySigner(own.keyId, await demoInstallationSigner(own))
          : undefined;
    if (!signer) throw new Error(`demo: ${p.id} has no credential to answer with`);
    const sealed = await buildSealedAnswer({
      request: keys.request,
      answer: content,
      answeredAt: ctx.clock().toISOString(),
      unitKey: keys.unitKey,
      ownKey: keys.ownKey,
      signer,
    });
    return act(p, id, { action: 'answer', sealed });
  };
  const note = async (id: string, summary: string, summaryJa: string) => {
    const r = await findRequest(ctx.store.db, id);
    if (!r) throw new Error(`demo: request ${id} is missing`);
    requests.push({
      id: r.id,
      reference: r.reference,
      kind: r.kind,
      state: r.state,
      provider: r.provider_organisation_id,
      summary,
      summaryJa,
    });
  };

  // 1. Inquiry to the board: answered with the post's source address and port.
  const r1 = await issue(sato, tanaka, {
    kind: 'inquiry',
    providerOrganisationId: hosting.id,
    ...base,
    targets: [{ type: 'url', url: 'https://sakura-board.example/thread/8812#res-45', postId: '8812-45' }],
    categories: ['subscriber', 'access_log'],
  });
  await act(boardLegal, r1.id, { action: 'start_review' });
  await answer(
    boardLegal,
    r1.id,
    {
      outcome: 'full',
      items: [
        {
          targetIndex: 0,
          result: 'found',
          subscriber: { account: 'user-77812', email: 'anon77812@mail.example' },
          accessLog: [{ at: iso(postAt), address: '203.0.113.7', port: 40211, action: 'post' }],
        },
      ],
    },
    'passkey',
  );
  await note(
    r1.id,
    'inquiry → answered (post time, source IP and port)',
    '照会 → 回答済み（投稿日時、発信元の IP アドレスとポート）',
  );

  // 2. The ISP holds 203.0.113.7: the unit applies to the court for a warrant for its access log and
  // subscriber, the judge attests it with his passkey, and the request is drafted from the warrant.
  const ipTarget = { type: 'ip', address: '203.0.113.7', port: 40211, at: jst(postAt), toleranceSeconds: 1 };
  const wApp = await applyForWarrant(
    ctx,
    { sato, tanaka, judge, sign: signOf },
    {
      courtOrganisationId: court.id,
      providerOrganisationId: isp.id,
      warrantType: 'electronic_record_provision_order',
      ...base,
      targets: [ipTarget],
      categories: ['subscriber', 'access_log'],
      validDays: 7,
    },
  );
  const wIssued = ctx.clock();
  const issued = await issueWarrant(ctx, { judge, sato, sign: signOf }, wApp, {
    warrantNumber: '令和8年(む)第567号',
    issuedAt: iso(wIssued),
    validUntil: iso(new Date(now.getTime() + 7 * 24 * 3600_000)),
  });
  const r2 = { id: issued.requestId ?? '' };
  await act(sato, r2.id, { action: 'submit' });
  await approve(tanaka, r2.id);
  await act(ispLegal, r2.id, { action: 'start_review' });
  await note(
    r2.id,
    'warrant (electronic provision order) → under review at the ISP',
    '令状（電磁的記録提供命令）→ ISP で審査中',
  );
  // A second application waits in the judge's inbox: the board's access log of the account.
  await applyForWarrant(
    ctx,
    { sato, tanaka, sign: signOf },
    {
      courtOrganisationId: court.id,
      providerOrganisationId: hosting.id,
      warrantType: 'record_order_seizure',
      ...base,
      targets: [{ type: 'account', id: 'user-77812', service: 'sakura-board' }],
      categories: ['access_log'],
      recordsPeriod: { from: jst(new Date(postAt.getTime() - 30 * 24 * 3600_000)), to: jst(postAt) },
      validDays: 7,
    },
  );

  // 3. Preservation at the ISP: preserved for 30 days.
  const r3 = await issue(sato, tanaka, {
    kind: 'preservation',
    providerOrganisationId: isp.id,
    ...base,
    targets: [ipTarget],
    categories: ['access_log'],
    preservation: { days: 30 },
  });
  await act(ispLegal, r3.id, { action: 'start_review' });
  await answer(
    ispLegal,
    r3.id,
    {
      outcome: 'full',
      items: [{ targetIndex: 0, result: 'found', preservedUntil: iso(new Date(now.getTime() + 30 * 24 * 3600_000)) }],
    },
    'installation',
  );
  await note(r3.id, 'preservation → preserved for 30 days', '保全要請 → 30 日間保全');

  // 4. Emergency: a suicide notice posted on the board — incoming, hours left.
  const r4 = await issue(sato, tanaka, {
    kind: 'emergency',
    providerOrganisationId: hosting.id,
    caseReference: '緊急 令和8年 第88号',
    offence: '自殺予告（人命救助）',
    facts: '本日未明、掲示板に今夜自宅で命を絶つ旨の具体的な書き込みがあった。',
    necessity: '生命に対する差し迫った危険を避けるため、発信者を直ちに特定する必要がある。',
    targets: [{ type: 'url', url: 'https://sakura-board.example/thread/9931#res-2', postId: '9931-2' }],
    categories: ['subscriber', 'access_log'],
    emergency: {
      basis: 'suicide_notice',
      conditions: { imminent: true, realistic: true, intentExpressed: true, notJokeOrFiction: true },
      statement: '時期・方法が具体的で、冗談とうかがわせる事情はない。',
    },
  });
  await note(r4.id, 'emergency (suicide notice) → received, hours left', '緊急照会（自殺予告）→ 受付済み、残り数時間');

  // 5. Civil disclosure, filed by the claimant's lawyer and signed on the lawyer's own passkey: the
  // board sent the subscriber the hearing letter, whose two weeks are running.
  const r5 = await issue(lawyer, lawyer, {
    kind: 'civil_disclosure',
    providerOrganisationId: hosting.id,
    caseReference: '甲野花子 発信者情報開示請求（当事務所 2026-民-031）',
    facts: '掲示板「さくら掲示板」に、請求者の実名を挙げて「前科がある」との虚偽の書込みがなされた。',
    necessity: '発信者に対し不法行為に基づく損害賠償を請求するため、発信者を特定する必要がある。',
    targets: [{ type: 'url', url: 'https://sakura-board.example/thread/8812#res-51' }],
    categories: ['subscriber', 'access_log'],
    civil: {
      route: 'lawyer_request',
      claimant: '甲野 花子',
      claimantAddress: '東京都千代田区霞が関1-1-1',
      rights: ['honour'],
      rightsInfringed:
        '前科があるとの摘示は事実に反し、請求者の社会的評価を低下させる。違法性阻却事由はうかがわれない。',
      purposes: ['damages'],
      senderInformation: ['email', 'ip_and_port', 'timestamp'],
    },
  });
  await act(boardLegal, r5.id, { action: 'start_review' });
  await run(
    ctx,
    sendHearingLetter,
    boardLegal,
    r5.id,
    { subscriberName: '投稿者（登録メールアドレスの利用者）' },
    origin,
  );
  // Two deadlines run: the subscriber's reply (OPINION_HEARING_DAYS, 14) and the board's answer to the
  // request (its policy's civilDisclosureDays, 30), which is the one the lists show.
  await note(
    r5.id,
    'civil disclosure by the lawyer → hearing letter sent: the subscriber has 14 days to reply, the board 30 to answer',
    '弁護士の発信者情報開示請求 → 意見照会書を送付: 発信者の回答期限は 14 日、掲示板の回答期限は 30 日',
  );

  // 6. Internet café records: clarification requested.
  const r6 = await issue(sato, tanaka, {
    kind: 'cafe_records',
    providerOrganisationId: cafe.id,
    ...base,
    targets: [
      {
        type: 'terminal',
        terminal: 'PC-12',
        from: jst(new Date(postAt.getTime() - 3600_000)),
        to: jst(new Date(postAt.getTime() + 3600_000)),
      },
    ],
    categories: ['subscriber', 'access_log'],
  });
  await act(cafeStaff, r6.id, { action: 'start_review' });
  await act(cafeStaff, r6.id, {
    action: 'request_clarification',
    message: '当店の端末番号は「A-12」形式です。PC-12 は旧番号ですか？',
  });
  await note(r6.id, 'café records → clarification requested', 'インターネットカフェの利用記録 → 照会元へ確認中');

  // 7. A draft, 8. one awaiting approval, 9. an outgoing MLAT package.
  const r7 = await draft(sato, {
    kind: 'inquiry',
    providerOrganisationId: hosting.id,
    ...base,
    targets: [{ type: 'account', id: 'user-77812', service: 'sakura-board' }],
    categories: ['subscriber'],
  });
  await note(r7.id, 'inquiry → draft', '照会 → 起案中');
  const r8 = await draft(sato, {
    kind: 'inquiry',
    providerOrganisationId: hosting.id,
    ...base,
    targets: [{ type: 'email', address: 'anon77812@mail.example' }],
    categories: ['subscriber'],
  });
  await act(sato, r8.id, { action: 'submit' });
  await note(r8.id, 'inquiry → awaiting approval', '照会 → 決裁待ち');
  const r9 = await issue(sato, tanaka, {
    kind: 'mlat',
    ...base,
    targets: [{ type: 'account', id: 'threat-poster-99', service: 'example-social.com' }],
    categories: ['subscriber', 'access_log'],
    mlat: DEMO_US_MLAT,
  });
  await note(r9.id, 'mlat package → issued', '国際捜査共助の要請書類 → 発出済み');

  // 10. Another prefecture asks the board about an account: declined, not their customer.
  const r10 = await draft(osakaInv, {
    kind: 'inquiry',
    providerOrganisationId: hosting.id,
    caseReference: '大阪 令和8年 第77号',
    offence: '名誉毀損',
    facts: '名誉毀損の書き込み。',
    necessity: '発信者特定のため。',
    targets: [{ type: 'account', id: 'osaka-unknown-1' }],
    categories: ['subscriber'],
  });
  await act(osakaInv, r10.id, { action: 'submit' });
  await person(osaka, osakaUnit.id, 'osaka.head', '大阪 所属長', ['unit_head']);
  await countersignAll('osaka.admin', osaka.id);
  await enrol('osaka.head', 'osaka.admin');
  await approve(await principalOfLogin(ctx.store.db, 'osaka.head'), r10.id);
  await act(boardLegal, r10.id, {
    action: 'decline',
    reason: 'not_our_customer',
    note: '該当アカウントは存在しません。',
  });
  await note(
    r10.id,
    'inquiry from Osaka → declined (not our customer)',
    '大阪府警察からの照会 → 回答拒否（当社の利用者ではない）',
  );
  // A second investigator of the cyber unit: the one a head designates as duty approver (当直責任者).
  await person(mpd, cyber.id, 'ito', '伊藤 警部補', ['investigator']);

  const byLogin = () =>
    Object.fromEntries(Object.entries(authenticators).filter(([k]) => logins.some((l) => l.login === k)));
  // Answers open only on the members' devices: the demo's units and providers move there (issue 11);
  // without it (a test of the migration) they stay in the hub's legacy custody.
  if (options.deviceCustody === false) return { logins, requests, authenticators: byLogin() };
  const devices = await enrolDemoDevices(ctx);

  // A reseller (MVNO) on the ISP's lines, with its own installation key, passkey and devices (one of
  // them lost, later): a chain of provision orders reaches it, and its earlier key is found compromised.
  const mvno = await run(ctx, createOrganisation, sys, DEMO_RESELLER);
  await legalDesk(mvno.id);
  await run(ctx, declareNetworks, sys, mvno.id, DEMO_RESELLER_NETWORKS);
  await person(mvno, await unitOf(mvno.id), 'hibari.legal', 'ひばりモバイル 法務', ['provider_legal']);
  await person(mvno, await unitOf(mvno.id), 'hibari.ops', 'ひばりモバイル 回線担当', [
    'provider_operator',
    'provider_intake',
  ]);
  installationKeys.push(await registerDemoInstallationKey(ctx, sys, mvno.id, 'hibari'));
  await enrol('hibari.legal');
  const [head, ...others] = await enrolDemoGroup(ctx, { head: 'hibari.legal', members: ['hibari.ops'] }, [
    LOST_MACHINE_LABEL,
  ]);
  const lost = others.find((d) => d.login === 'hibari.legal' && d.kind === 'machine');
  const ispDevice = devices.find((d) => d.login === 'isp.legal' && d.kind === 'machine');
  if (!head || !lost || !ispDevice) throw new Error('demo: the reseller or the ISP has no machine');
  await seedProvisionChain(ctx, {
    lawyer,
    judge,
    board: boardLegal,
    isp: ispLegal,
    sign: signOf,
    courtId: court.id,
    boardId: hosting.id,
    ispId: isp.id,
    resellerId: mvno.id,
    ispDevice,
    postedAt: jst(new Date(postAt.getTime() - 26 * 3600_000)),
  });
  const remaining = [head, ...others.filter((d) => d !== lost)];
  const mvnoLegal = await principalOfLogin(ctx.store.db, 'hibari.legal');
  await seedCompromisedEarlierKey(ctx, mvnoLegal, remaining, lost);
  devices.push(...remaining);
  const ispTrace: DemoIspTrace = {
    address: ipTarget.address,
    port: ipTarget.port,
    at: jst(postAt),
    toleranceSeconds: ipTarget.toleranceSeconds,
  };
  return { logins, requests, authenticators: byLogin(), devices, installationKeys, ispTrace };
}
