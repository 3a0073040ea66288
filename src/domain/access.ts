import type { Bilingual } from '../kernel/text.ts';
import { DomainError } from './errors.ts';
import type { LifecycleAction } from './lifecycle.ts';
import type { OrganisationKind, RequestKind, Role } from './vocabulary.ts';
import {
  isOneOf,
  ORGANISATION_KIND_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_KINDS_BY_ORGANISATION_KIND,
  ROLE_LABELS,
  ROLES,
  withArticle,
} from './vocabulary.ts';

/**
 * Who may do what: the one permission table, the one rule deciding on which side of a request a
 * principal stands, the scope of their lists, and the relational checks (same unit, not the drafter)
 * that roles alone cannot express. Pure: services feed it facts and call `requirePermission` /
 * `mayTakeAction`; nothing else decides access.
 */

/** The authenticated caller of a service: a person or a provider's machine client. */
export interface Principal {
  kind: 'user' | 'client';
  id: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  unitId: string | null;
  roles: Role[];
  displayName: string;
}

/**
 * The installation's own operator acting through the command line on the local store (bootstrap:
 * the first organisations and administrators; the attribution and registry commands). It holds every
 * administrative permission and those of the local data feeds; it never takes a side in a request.
 */
export interface SystemCaller {
  kind: 'system';
}
export const SYSTEM_CALLER: SystemCaller = { kind: 'system' };
export type Caller = Principal | SystemCaller;

export const PERMISSIONS = [
  // cases and requests, agency side
  'case.create',
  'case.read',
  'request.draft',
  'request.submit',
  'request.approve',
  'request.clarify',
  'request.withdraw',
  'request.extend_preservation',
  'request.track_mlat',
  'answer.open',
  // provider side
  'request.intake',
  'request.review',
  'request.hear_subscriber',
  'request.answer',
  'answer.read_own',
  'request.share',
  // evidence (e-mail headers, the IP registry)
  'evidence.analyze',
  // either side
  'request.close',
  // oversight
  'request.read_all',
  'request.break_glass',
  'audit.verify',
  // an organisation's own auditor (監察) reads its part of the audit log: who did what, when, about what
  'audit.read',
  // court: the police apply for a warrant (令状請求), the unit head sends the application, a judge
  // reviews it and attests (issues) or declines it
  'warrant.apply',
  'warrant.send',
  'warrant.review',
  'warrant.attest',
  // court: the claimant's lawyer applies for a disclosure order (開示命令の申立て); a judge issues or
  // declines it
  'disclosure_order.apply',
  'disclosure_order.decide',
  // administration
  'organisation.create',
  'unit.create',
  'user.create',
  'user.list',
  'user.disable',
  // lift a person's second-factor lock (failed codes after their right password), as disabling: theirs
  'user.unlock_second_factor',
  // end one of a person's roles while their account stays (a judge moved to another court)
  'role.end',
  'role.countersign',
  'key.manage',
  // the provider's own installation: say whether a key in its name in the hub's log is its own
  'key.confirm_own',
  // the installation's own operator only (the command line): the one hub directory every verification on
  // this installation trusts — no role of any organisation holds it
  'directory.pin',
  'client.register',
  'policy.publish',
  'networks.declare',
  // attribution (a provider's own logs and subscriber directory) and IP registry data
  'attribution.lookup',
  'attribution.import',
  'registry.lookup',
  'registry.import',
  // statistics and transparency reports: counts only, never content (issue 14: numbers)
  'statistics.read',
  // a force's statistics officer (統計担当): those counts over every unit of its organisation, not its own unit's
  'statistics.read_organisation',
  // deconfliction between forces and retention (issue 14)
  'overlap.notices',
  'retention.purge',
  // answers in device custody: register the recovery key, remove a member and rotate the unit's key
  'custody.manage',
  // the consultation desk (issue 15)
  'consultation.record',
  'consultation.read',
  // one's own account: the person's own passkeys (registering one is for those who sign: credentials.ts)
  'credential.read_own',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What every person holds whatever their role: seeing their own passkeys. */
const OWN: readonly Permission[] = ['credential.read_own'];

const ADMIN_OF_ANY: readonly Permission[] = [
  ...OWN,
  'unit.create',
  'user.create',
  'user.list',
  'user.disable',
  'user.unlock_second_factor',
  'role.end',
  'role.countersign',
  'key.manage',
];
/** The designated key officer countersigns grants of privileged roles and sees who holds them. */
const KEY_OFFICER: readonly Permission[] = [...OWN, 'role.countersign', 'user.list'];
/**
 * An organisation's own auditor (監察): reads its part of the audit log (auditScope) and the list of its
 * people (to ask what one of them did). Never the requests or answers themselves, and no administration:
 * the one who watches is not the one who grants roles (an administrator does not read the log).
 */
const AUDITOR: readonly Permission[] = [...OWN, 'audit.read', 'user.list'];

/**
 * The one permission table: for each kind of organisation, what each role held there may do. A role
 * absent from a kind cannot be held there at all (ROLES_BY_ORGANISATION_KIND).
 */
export const ROLE_PERMISSIONS: Record<OrganisationKind, Partial<Record<Role, readonly Permission[]>>> = {
  agency: {
    investigator: [
      ...OWN,
      'case.create',
      'case.read',
      'request.draft',
      'request.submit',
      'request.clarify',
      'request.withdraw',
      'request.close',
      'request.track_mlat',
      'answer.open',
      'request.share',
      'evidence.analyze',
      'registry.lookup',
      'statistics.read',
      'consultation.record',
      'consultation.read',
      'warrant.apply',
    ],
    unit_head: [
      ...OWN,
      'case.create',
      'case.read',
      'request.approve',
      'request.clarify',
      'request.withdraw',
      'request.extend_preservation',
      'request.close',
      'request.track_mlat',
      'answer.open',
      'request.share',
      'evidence.analyze',
      'user.list',
      'registry.lookup',
      'statistics.read',
      'overlap.notices',
      'custody.manage',
      'consultation.record',
      'consultation.read',
      'warrant.send',
    ],
    // Registry data (IP blocks, domain registrations) is shared by every organisation's lookups: only the
    // oversight body's administrator imports it at the hub (and the operator on any installation).
    admin: ADMIN_OF_ANY,
    key_officer: KEY_OFFICER,
    auditor: AUDITOR,
    // The force's numbers (the annual report, questions in the Diet, the budget): the statistics of every unit,
    // counts only — no request, case, content or answer, no list of requests (statisticsScope).
    statistician: [...OWN, 'statistics.read', 'statistics.read_organisation'],
  },
  // Subscriber identities come only from a lookup: the operator who runs the logs and legal who
  // decides the answer look up; the operator and the administrator feed the data in.
  provider: {
    provider_intake: [
      ...OWN,
      'request.intake',
      'request.review',
      'request.close',
      'evidence.analyze',
      'registry.lookup',
    ],
    provider_legal: [
      ...OWN,
      'request.intake',
      'request.review',
      'request.hear_subscriber',
      'request.answer',
      'answer.read_own',
      'request.close',
      'policy.publish',
      'attribution.lookup',
      'registry.lookup',
      'statistics.read',
      'custody.manage',
      'key.confirm_own',
      // Who its own people are (names, logins, roles; the hub lists only the caller's organisation): legal
      // says whether a person's key in the log is the provider's, and the log names nobody.
      'user.list',
    ],
    provider_operator: [
      ...OWN,
      'request.intake',
      'request.review',
      'request.answer',
      'answer.read_own',
      'request.close',
      'attribution.lookup',
      'attribution.import',
      'registry.lookup',
    ],
    admin: [
      ...ADMIN_OF_ANY,
      'client.register',
      'policy.publish',
      'networks.declare',
      'attribution.import',
      'statistics.read',
      'key.confirm_own',
    ],
    key_officer: KEY_OFFICER,
    auditor: AUDITOR,
  },
  court: {
    judge: [...OWN, 'warrant.review', 'warrant.attest', 'disclosure_order.decide'],
    admin: ADMIN_OF_ANY,
    key_officer: KEY_OFFICER,
    auditor: AUDITOR,
  },
  // A law office (issue 15): the claimant's lawyer files civil disclosure requests and signs them
  // with their own passkey; an assistant may prepare them. The office is its own (single) unit.
  law_office: {
    lawyer: [
      ...OWN,
      'case.create',
      'case.read',
      'request.draft',
      'request.submit',
      'request.approve',
      'request.clarify',
      'request.withdraw',
      'request.close',
      'answer.open',
      'user.list',
      'custody.manage',
      'disclosure_order.apply',
    ],
    legal_assistant: [...OWN, 'case.create', 'case.read', 'request.draft', 'request.submit', 'request.clarify'],
    admin: ADMIN_OF_ANY,
    key_officer: KEY_OFFICER,
    auditor: AUDITOR,
  },
  oversight: {
    auditor: [
      ...OWN,
      'request.read_all',
      'request.break_glass',
      'audit.verify',
      'audit.read',
      'user.list',
      'statistics.read',
    ],
    admin: [...ADMIN_OF_ANY, 'organisation.create', 'audit.verify', 'registry.import', 'statistics.read'],
  },
};

const PERMISSION_LABELS: Record<Permission, Bilingual> = {
  'case.create': { ja: '事件の登録', en: 'open a case' },
  'case.read': { ja: '事件の参照', en: 'read cases' },
  'request.draft': { ja: '要請の起案', en: 'draft requests' },
  'request.submit': { ja: '決裁に回す', en: 'submit for approval' },
  'request.approve': { ja: '決裁', en: 'approve requests' },
  'request.clarify': { ja: '確認への回答', en: 'answer clarifications' },
  'request.withdraw': { ja: '取下げ', en: 'withdraw requests' },
  'request.extend_preservation': { ja: '保全期間の延長', en: 'extend preservation' },
  'request.track_mlat': {
    ja: '国際捜査共助の経過の記録',
    en: 'record the progress of a mutual legal assistance request',
  },
  'answer.open': { ja: '回答の開封', en: 'open answers' },
  'request.intake': { ja: '外部からの要請の受付', en: 'receive requests from outside' },
  'request.review': { ja: '要請の審査', en: 'review requests' },
  'request.hear_subscriber': { ja: '発信者への意見照会', en: 'hear the subscriber' },
  'request.answer': { ja: '回答', en: 'answer requests' },
  'answer.read_own': { ja: '自社が行った回答の確認', en: 'read back what the provider disclosed' },
  'request.close': { ja: '完結', en: 'close requests' },
  'request.read_all': { ja: '全要請の概要の参照', en: 'read the metadata of every request' },
  'request.break_glass': {
    ja: '理由を記録したうえでの要請内容の閲覧',
    en: 'read a request’s content on a recorded reason',
  },
  'request.share': { ja: '要請の共有', en: 'share a request with a colleague' },
  'evidence.analyze': { ja: 'メールヘッダの解析', en: 'analyse e-mail headers' },
  'audit.verify': { ja: '監査ログの検証', en: 'verify the audit log' },
  'audit.read': { ja: '監査ログの参照（監察）', en: 'read the audit log (oversight)' },
  'warrant.apply': { ja: '令状請求の起案', en: 'draft warrant applications' },
  'warrant.send': { ja: '令状請求の決裁・送付', en: 'approve and send warrant applications' },
  'warrant.review': { ja: '令状請求の審査', en: 'review warrant applications' },
  'warrant.attest': { ja: '令状の電子署名', en: 'attest warrants' },
  'disclosure_order.apply': { ja: '開示命令の申立て', en: 'apply for disclosure orders' },
  'disclosure_order.decide': { ja: '開示命令の発令・却下', en: 'issue or decline disclosure orders' },
  'organisation.create': { ja: '組織の登録', en: 'register organisations' },
  'unit.create': { ja: '所属の登録', en: 'create units' },
  'user.create': { ja: '利用者の登録', en: 'create users' },
  'user.list': { ja: '利用者一覧の参照', en: 'list users' },
  'user.disable': { ja: '利用者の無効化', en: 'disable users' },
  'user.unlock_second_factor': { ja: '二要素目の停止の解除', en: "lift a person's second-factor lock" },
  'role.end': { ja: '利用者の役割の終了', en: "end a person's role" },
  'role.countersign': { ja: '権限付与への副署', en: 'countersign role grants' },
  'key.manage': { ja: '鍵の管理', en: 'manage keys' },
  'directory.pin': {
    ja: 'この設置が信頼するハブのディレクトリの固定（設置の運用者がコマンドラインで行います）',
    en: 'pin the hub directory this installation trusts (its operator does, on the command line)',
  },
  'key.confirm_own': {
    ja: 'ハブのログにある自社名義の鍵が自社のものか確認する',
    en: "confirm or disown the keys in the organisation's name in the hub's log",
  },
  'client.register': { ja: 'システム連携の登録', en: 'register machine clients' },
  'policy.publish': { ja: '対応方針の公開', en: 'publish the policy' },
  'networks.declare': { ja: '管理するネットワークの申告', en: 'declare networks' },
  'attribution.lookup': { ja: 'ログによる利用者の特定', en: 'look up who held an address' },
  'attribution.import': { ja: 'ログ・契約者情報の取込み', en: 'import logs and the subscriber directory' },
  'registry.lookup': { ja: 'IP アドレス登録情報の参照', en: 'look up IP registry data' },
  'registry.import': { ja: 'IP アドレス登録情報の取込み', en: 'import IP registry data' },
  'statistics.read': { ja: '統計・透明性レポートの参照', en: 'read statistics and transparency reports' },
  'statistics.read_organisation': {
    ja: '組織全体（すべての所属）の統計の参照',
    en: "read the statistics of the whole organisation's units",
  },
  'overlap.notices': { ja: '他の警察からの重複照会の通知の確認', en: 'see overlap notices with other forces' },
  'retention.purge': { ja: '保存期間を過ぎた個人データの消去', en: 'purge personal data past its retention' },
  'custody.manage': {
    ja: '回答鍵の管理（回復鍵の登録・構成員の除外）',
    en: 'manage the answer key (recovery key, removing a member)',
  },
  'consultation.record': { ja: '相談の受理・対応', en: 'record and handle consultations' },
  'consultation.read': { ja: '相談記録の参照', en: 'read consultations' },
  'credential.read_own': { ja: '自分のパスキーの参照', en: 'see your own passkeys' },
};

/**
 * The roles that hold `permission` in some kind of organisation (`request.approve`: a police unit's head
 * and a law office's lawyer). The directory log publishes the grants of these, for offline checks.
 */
export function rolesHolding(permission: Permission): Role[] {
  const roles = Object.values(ROLE_PERMISSIONS).flatMap((table) =>
    (Object.entries(table) as Array<[Role, readonly Permission[]]>).filter(([, ps]) => ps.includes(permission)),
  );
  return [...new Set(roles.map(([r]) => r))];
}

/** The permissions a principal holds through its roles in its kind of organisation. */
export function permissionsOf(p: Pick<Principal, 'organisationKind' | 'roles'>): Set<Permission> {
  const table = ROLE_PERMISSIONS[p.organisationKind];
  return new Set(p.roles.flatMap((r) => table[r] ?? []));
}

type Holder = Pick<Principal, 'organisationKind' | 'roles'> | SystemCaller;

export function can(p: Holder, permission: Permission): boolean {
  if ('kind' in p && p.kind === 'system') return ADMINISTRATIVE.has(permission);
  return permissionsOf(p as Pick<Principal, 'organisationKind' | 'roles'>).has(permission);
}

/**
 * What the local operator may do: the administration, and the attribution and registry commands it
 * runs on the installation's own store (audited as the system, like every other act of it).
 */
const ADMINISTRATIVE = new Set<Permission>([
  'organisation.create',
  'directory.pin',
  'unit.create',
  'user.create',
  'user.list',
  'user.disable',
  'user.unlock_second_factor',
  'role.end',
  'key.manage',
  'client.register',
  'policy.publish',
  'networks.declare',
  'audit.verify',
  // The operator reads the log of the store it runs from the command line (`shokai audit list`), audited.
  'audit.read',
  'attribution.lookup',
  'attribution.import',
  'registry.lookup',
  'registry.import',
  // The operator exports a provider's transparency report from the command line (counts, no content).
  'statistics.read',
  'retention.purge',
]);

/** FORBIDDEN unless the principal holds the permission; the message names the act and the roles that may. */
export function requirePermission(p: Holder, permission: Permission): void {
  if (can(p, permission)) return;
  const kind = 'organisationKind' in p ? p.organisationKind : 'oversight';
  // The table's own roles, in its order (its keys are roles by its type; checked rather than cast).
  const table = ROLE_PERMISSIONS[kind];
  const holders = Object.keys(table).flatMap((r) =>
    isOneOf(ROLES, r) && table[r]?.includes(permission) ? [ROLE_LABELS[r]] : [],
  );
  const label = PERMISSION_LABELS[permission];
  throw new DomainError(
    'FORBIDDEN',
    holders.length > 0
      ? {
          ja: `「${label.ja}」には次の役割が必要です: ${holders.map((h) => h.ja).join('、')}`,
          en: `to ${label.en} you need one of the roles: ${holders.map((h) => h.en).join(', ')}`,
        }
      : {
          ja: `あなたの組織の利用者は「${label.ja}」を行えません`,
          en: `members of your kind of organisation cannot ${label.en}`,
        },
    { permission },
  );
}

/**
 * Writes and private reads stay inside one's own organisation: no role crosses this line. For an organisation
 * the caller names by its id (public: the directory lists them); what they name by its own id is
 * `ownOrNotFound`.
 */
export function requireSameOrganisation(
  p: Pick<Principal, 'organisationId'> | SystemCaller,
  organisationId: string,
): void {
  if ('organisationId' in p && p.organisationId !== organisationId) {
    throw new DomainError(
      'FORBIDDEN',
      { ja: '他の組織のデータは参照・変更できません', en: 'you cannot access data of another organisation' },
      { organisationId },
    );
  }
}

/**
 * What the caller named by its id (a person, a unit, a key), if it is of their organisation (the installation's
 * operator: of any). Missing or another organisation's, it is refused with one and the same `notFound` — same
 * code, words and details — so the answer tells neither that the id exists nor whose it is.
 */
export function ownOrNotFound<T>(
  p: Pick<Principal, 'organisationId'> | SystemCaller,
  found: T | undefined,
  organisationOf: (found: T) => string | null,
  notFound: () => DomainError,
): T {
  if (found === undefined) throw notFound();
  const organisationId = organisationOf(found);
  if (organisationId === null || ('organisationId' in p && p.organisationId !== organisationId)) throw notFound();
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Requests: sides, scopes and actions

/**
 * The kinds of organisation that issue requests and stand on the requesting ('agency') side of them:
 * the police, and a law office for the civil disclosure of sender information.
 */
export const REQUESTER_KINDS: readonly OrganisationKind[] = ['agency', 'law_office'];
export const isRequesterKind = (kind: OrganisationKind): boolean => REQUESTER_KINDS.includes(kind);

/**
 * The side of requests an organisation of this kind takes part on: issuing them ('agency': the police,
 * a law office), answering them ('provider'), or neither (a court, the oversight body).
 */
export function partySideOf(kind: OrganisationKind): 'agency' | 'provider' | null {
  if (isRequesterKind(kind)) return 'agency';
  return kind === 'provider' ? 'provider' : null;
}

/**
 * Refuses a kind of request an organisation cannot issue, naming the route that is right: the civil
 * disclosure of sender information is the claimant's (through their lawyer, or a court's order), never
 * the police's; a law office issues nothing else.
 */
export function requireRequestKindOf(orgKind: OrganisationKind, kind: RequestKind): void {
  if (REQUEST_KINDS_BY_ORGANISATION_KIND[orgKind].includes(kind)) return;
  const label = REQUEST_KIND_LABELS[kind];
  if (kind === 'civil_disclosure') {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: `${label.ja}は被害者（請求者）の代理人弁護士が法律事務所から行うもの、または裁判所の発信者情報開示命令によるもので、警察は起案できません。被害者には弁護士への相談（法テラス等）を案内してください`,
        en:
          `${withArticle(label.en.toLowerCase())} is filed by the claimant's lawyer from a ` +
          `law office, or follows a court's disclosure order; the police cannot draft one. ` +
          `Refer the victim to a lawyer (for example through 法テラス, the Japan Legal Support Center)`,
      },
      { field: 'content.kind', value: kind },
    );
  }
  const org = ORGANISATION_KIND_LABELS[orgKind];
  const allowed = REQUEST_KINDS_BY_ORGANISATION_KIND[orgKind].map((k) => REQUEST_KIND_LABELS[k]);
  throw new DomainError(
    'FORBIDDEN',
    {
      ja: `${org.ja}は${label.ja}を起案できません（起案できるもの: ${allowed.map((a) => a.ja).join('、') || 'なし'}）`,
      en:
        `${withArticle(org.en.toLowerCase())} cannot draft this kind of request (${label.en}); ` +
        `it can draft: ${allowed.map((a) => a.en.toLowerCase()).join(', ') || 'nothing'}`,
    },
    { field: 'content.kind', value: kind },
  );
}

export type Side = 'agency' | 'provider' | 'oversight';
export type ActionSide = 'agency' | 'provider' | 'system';

/** Which sides may take each lifecycle action. Either party may close a settled request. */
export const ACTION_SIDES: Record<LifecycleAction, readonly ActionSide[]> = {
  submit: ['agency'],
  approve: ['agency'],
  reject_approval: ['agency'],
  deliver: ['system'],
  start_review: ['provider'],
  request_clarification: ['provider'],
  clarify: ['agency'],
  start_opinion_hearing: ['provider'],
  record_opinion: ['provider'],
  answer: ['provider'],
  decline: ['provider'],
  withdraw: ['agency'],
  extend_preservation: ['agency'],
  confirm_second_check: ['provider'],
  close: ['agency', 'provider'],
};

/** The permission each action needs (deliver is the system's, never a person's). */
export const ACTION_PERMISSION: Record<LifecycleAction, Permission | null> = {
  submit: 'request.submit',
  approve: 'request.approve',
  reject_approval: 'request.approve',
  deliver: null,
  start_review: 'request.review',
  request_clarification: 'request.review',
  clarify: 'request.clarify',
  start_opinion_hearing: 'request.hear_subscriber',
  record_opinion: 'request.hear_subscriber',
  answer: 'request.answer',
  decline: 'request.review',
  withdraw: 'request.withdraw',
  extend_preservation: 'request.extend_preservation',
  confirm_second_check: 'request.review',
  close: 'request.close',
};

/** The request's own facts that decide who may see it and act on it (whoever the viewer is). */
export interface RequestParties {
  agencyOrganisationId: string;
  unitId: string;
  providerOrganisationId: string | null;
  draftedBy: string;
  /** 'local' when drafted here; 'intake' when a signed envelope came from outside. */
  origin: string;
  /** Delivery makes a request visible to its provider; a draft withdrawn before approval never is. */
  receivedAt: string | null;
}

/** What the access rules need to know about a request, for one viewer. */
export interface RequestAccessFacts extends RequestParties {
  /** The issuing unit shared the request with the viewer (read only). */
  sharedWithViewer?: boolean;
  /** The viewer, an auditor, recorded a reason to read the content and the time has not run out. */
  breakGlassForViewer?: boolean;
}

/**
 * Who at a provider handles the requests addressed to it (its intake, legal and operator staff): its
 * administrators and key officers manage people and keys and see no request.
 */
const handlesProviderRequests = (p: Principal): boolean => can(p, 'request.review');

/**
 * Who in a requesting unit works its cases (investigators, the unit head, a law office's lawyer and
 * assistant): an administrator or key officer placed in the unit manages people and keys and reads none
 * of its requests, as on the provider's side.
 */
const worksAgencyCases = (p: Principal): boolean => can(p, 'case.read');

/**
 * The side a principal stands on for a request; null when it is not theirs to see. Need-to-know: on
 * the agency side, the issuing unit and the people it shared the request with — not the whole agency;
 * on the provider side, the staff who handle requests — not its administrators.
 */
export function requestSide(p: Principal, r: RequestAccessFacts): Side | null {
  if (
    p.organisationId === r.agencyOrganisationId &&
    r.origin === 'local' &&
    isRequesterKind(p.organisationKind) &&
    worksAgencyCases(p) &&
    (p.unitId === r.unitId || r.sharedWithViewer === true)
  ) {
    return 'agency';
  }
  if (
    r.providerOrganisationId !== null &&
    p.organisationId === r.providerOrganisationId &&
    r.receivedAt !== null &&
    handlesProviderRequests(p)
  ) {
    return 'provider';
  }
  if (can(p, 'request.read_all')) return 'oversight';
  return null;
}

/** Which requests a principal's lists show. */
export type ListScope =
  | { kind: 'agency'; organisationId: string; unitId: string | null; userId: string }
  | { kind: 'provider'; organisationId: string }
  | { kind: 'all' }
  | { kind: 'none' };

export function listScope(p: Principal): ListScope {
  const side = partySideOf(p.organisationKind);
  if (side === 'agency') {
    return worksAgencyCases(p)
      ? { kind: 'agency', organisationId: p.organisationId, unitId: p.unitId, userId: p.id }
      : { kind: 'none' };
  }
  if (side === 'provider') {
    return handlesProviderRequests(p) ? { kind: 'provider', organisationId: p.organisationId } : { kind: 'none' };
  }
  return can(p, 'request.read_all') ? { kind: 'all' } : { kind: 'none' };
}

/**
 * Whether a unit head's signed duty designation (当直責任者, src/domain/duty.ts) covers this principal
 * approving this request now: its unit, its kind, within its period, not revoked. The service finds it.
 */
export interface DutyCover {
  covers: boolean;
}

export type ActionRefusal = 'other_side' | 'no_permission' | 'self_approval' | 'other_unit' | null;

/**
 * Whether a principal may take an action on a request, beyond the lifecycle allowing it in the
 * current state; null when allowed, otherwise why not.
 */
export function actionRefusal(
  p: Principal,
  r: RequestAccessFacts,
  action: LifecycleAction,
  duty?: DutyCover,
): ActionRefusal {
  const side = requestSide(p, r);
  if (side === null || side === 'oversight' || !ACTION_SIDES[action].includes(side)) return 'other_side';
  // Nobody approves their own draft, whatever roles they hold — except a lawyer, whose signature is
  // their own act as the claimant's counsel (there is no unit head above them).
  if (
    (action === 'approve' || action === 'reject_approval') &&
    p.id === r.draftedBy &&
    p.organisationKind !== 'law_office'
  )
    return 'self_approval';
  const permission = ACTION_PERMISSION[action];
  // A duty approver (当直責任者) approves, or sends back, what a unit head's designation covers.
  const onDuty = (action === 'approve' || action === 'reject_approval') && duty?.covers === true;
  if (permission === null || !(can(p, permission) || onDuty)) return 'no_permission';
  if (side === 'provider') return null;
  // On the agency side every act is the issuing unit's own.
  if (p.unitId !== r.unitId) return 'other_unit';
  return null;
}

/** The actions among `legal` (allowed by the lifecycle now) that this principal may take. */
export function actionsFor(
  p: Principal,
  r: RequestAccessFacts,
  legal: readonly LifecycleAction[],
  duty?: DutyCover,
): LifecycleAction[] {
  return legal.filter((a) => actionRefusal(p, r, a, duty) === null);
}

/**
 * Whether the viewer reads a request's content (targets, facts, the thread): both parties do; the
 * oversight body sees metadata and the timeline, and content only through a recorded break-glass.
 */
export function mayReadContent(side: Side, r: RequestAccessFacts): boolean {
  return side !== 'oversight' || r.breakGlassForViewer === true;
}

/**
 * What one party's side of a request's timeline shows of the entries about the request: the one rule that
 * `timelineShows` applies entry by entry (with the request's timeline cut where `startsAt` says) and
 * that the audit log read for oversight applies to the acts of others on an organisation's requests
 * (`auditScope`). The side's own organisation's acts and the system's are shown, within the cut.
 */
export interface TimelineRule {
  /** No entry whose action starts so is shown, whoever made it (deconfliction: `overlap.*`). */
  withheldPrefix: string;
  /** Nor any of these (the subscriber's hearing, which the requester reads only with the decision). */
  withheldActs: readonly string[];
  /** Of the acts of other organisations (the other party, the oversight body), only these; null: all. */
  othersActs: readonly string[] | null;
  /** The action at whose latest entry the side's timeline starts (the signing): nothing before it; null: all. */
  startsAt: 'request.signed' | null;
}

/**
 * The subscriber's reply through the link, the wrong codes tried and the provider's reads of the reply: the
 * requester (the claimant's lawyer) reads whether the subscriber consented or objected only in the thread,
 * with the provider's decision — never while the provider weighs it.
 */
const HEARING_ACTS_WITHHELD = ['hearing.replied', 'hearing.reply_refused', 'hearing.viewed'] as const;

/**
 * Deconfliction (`overlap.*`: the other force's request and unit) is the oversight body's alone — the unit
 * heads' pointer notice is the one thing it tells, and a match held by the rate limit tells nothing. The
 * issuing side reads every other act on its request: the provider's steps and the oversight body's reads.
 * The provider's timeline starts at the signing; of the other side's acts it reads the signing and every
 * move of the lifecycle (approval, clarification, withdrawal, closing…) and the files of the exchange — not
 * the requesting side's or oversight's own business: whom the unit shared the request with, who there read
 * or printed it, an auditor's break-glass and its reason.
 */
const TIMELINE_RULES: Record<PartySide, TimelineRule> = {
  agency: { withheldPrefix: 'overlap.', withheldActs: HEARING_ACTS_WITHHELD, othersActs: null, startsAt: null },
  provider: {
    withheldPrefix: 'overlap.',
    withheldActs: [],
    othersActs: ['request.signed', 'request.approved', 'request.transition', 'attachment.added', 'attachment.removed'],
    startsAt: 'request.signed',
  },
};

/** A party to a request: the side that issued it, or the provider it is addressed to. */
export type PartySide = 'agency' | 'provider';

/** What a party's side of a request's timeline shows (`TimelineRule`). */
export function timelineRule(side: PartySide): TimelineRule {
  return TIMELINE_RULES[side];
}

/**
 * Whether a side reads an entry of a request's timeline (`timelineRule`; the cut at the signing is the
 * service's). The oversight body reads every entry.
 */
export function timelineShows(
  side: Side,
  entry: { action: string; organisationId: string | null },
  providerOrganisationId: string | null,
): boolean {
  if (side === 'oversight') return true;
  const rule = TIMELINE_RULES[side];
  if (entry.action.startsWith(rule.withheldPrefix) || rule.withheldActs.includes(entry.action)) return false;
  if (rule.othersActs === null) return true;
  const own = side === 'provider' ? providerOrganisationId : null;
  return entry.organisationId === null || entry.organisationId === own || rule.othersActs.includes(entry.action);
}

/** The provider's legal and operator staff can read back what their organisation disclosed. */
export function mayReadOwnAnswer(p: Principal, r: RequestAccessFacts): boolean {
  return requestSide(p, r) === 'provider' && can(p, 'answer.read_own');
}

/** Opening an answer: a member of the requesting unit holding the permission. */
export function mayOpenAnswer(p: Principal, r: RequestAccessFacts): boolean {
  return requestSide(p, r) === 'agency' && p.unitId === r.unitId && can(p, 'answer.open');
}

/** Taking an answer's 回答書: those who may open it (the requesting unit) or read back their own. */
export function mayTakeAnswerDocument(p: Principal, r: RequestAccessFacts): boolean {
  return mayOpenAnswer(p, r) || mayReadOwnAnswer(p, r);
}

// ---------------------------------------------------------------------------------------------------
// Statistics (issue 14: numbers)

/**
 * Which requests a principal's statistics count: the people of an agency (who work its cases) their own
 * unit's issued requests, by the same need-to-know as everything else of a request — counts over a period
 * as short as one wishes, narrowed by provider, would otherwise single out another unit's request (when,
 * to whom, of which kind, with what outcome); an agency's statistics officer (`statistics.read_organisation`,
 * granted by two people) every unit's, over whole days only (`requireWholeDays`, src/statistics); a provider
 * what was delivered to it; the oversight body (and the local operator) every request. FORBIDDEN when the
 * caller holds no `statistics.read`.
 */
export type StatisticsScope =
  | { kind: 'unit'; organisationId: string; unitId: string }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'provider'; organisationId: string }
  | { kind: 'all' };

export function statisticsScope(p: Caller): StatisticsScope {
  requirePermission(p, 'statistics.read');
  if (p.kind === 'system') return { kind: 'all' };
  const side = partySideOf(p.organisationKind);
  if (side === null) return { kind: 'all' };
  if (side === 'provider') return { kind: side, organisationId: p.organisationId };
  if (can(p, 'statistics.read_organisation')) return { kind: 'organisation', organisationId: p.organisationId };
  if (p.unitId === null) {
    throw new DomainError('FORBIDDEN', {
      ja: '統計は所属の照会を数えます。所属のない利用者には統計がありません',
      en: 'statistics count the requests of your unit: an account without a unit has none',
    });
  }
  return { kind: 'unit', organisationId: p.organisationId, unitId: p.unitId };
}

// ---------------------------------------------------------------------------------------------------
// The audit log read for oversight (who did what, when, about what)

/**
 * Which entries of the audit log a holder of `audit.read` reads. An organisation's auditor: every act of
 * its own people and systems; and, about its own requests — the ones it issued here, or, for a provider,
 * those delivered to it — the acts of others (the system, the other party, the oversight body) that its
 * side of the request's timeline shows (`timelineRule`): nothing more than the people working the request
 * read there. Never another organisation's acts on anything else. The oversight body's auditor (and the
 * local operator): the whole log, as its verification already reads it. An administrator holds no
 * `audit.read`.
 */
export type AuditScope =
  | { kind: 'organisation'; organisationId: string; requests: AuditedRequests | null }
  | { kind: 'all' };

/** The requests of an organisation's part of the log: the side it stands on, and what that side's timeline shows. */
export interface AuditedRequests {
  side: PartySide;
  timeline: TimelineRule;
}

export function auditScope(p: Caller): AuditScope {
  requirePermission(p, 'audit.read');
  if (p.kind === 'system' || p.organisationKind === 'oversight') return { kind: 'all' };
  const side = partySideOf(p.organisationKind);
  return {
    kind: 'organisation',
    organisationId: p.organisationId,
    requests: side === null ? null : { side, timeline: timelineRule(side) },
  };
}

/** Whose answer key a custody key is: an agency unit's (its answers) or a provider's (its kept copies). */
export interface CustodyOwner {
  ownerType: 'unit' | 'organisation';
  ownerId: string;
}

/**
 * The answer key a principal may hold on their devices: a member of an agency unit who opens answers
 * holds the unit's; a provider's staff who read back what it disclosed hold the provider's, and so may
 * the provider's own installation (its machine client, on one machine device a person enrolled: it
 * opens request files). Null: none. Only people manage the key or pass it on (`holdsOnlyOwnDevice`).
 */
export function custodyOwnerOf(p: Principal): CustodyOwner | null {
  const side = partySideOf(p.organisationKind);
  if (p.kind !== 'user' && side !== 'provider') return null;
  if (side === 'agency' && p.unitId && can(p, 'answer.open')) return { ownerType: 'unit', ownerId: p.unitId };
  if (side === 'provider' && can(p, 'answer.read_own')) {
    return { ownerType: 'organisation', ownerId: p.organisationId };
  }
  return null;
}

/**
 * Whose installation a principal may carry request files to (file mode): a person of a provider who holds
 * its answer key has a request's files handed out for the enrolled machine device of the provider's own
 * installation, to carry there. Null: none (the installation itself fetches them online).
 */
export function installationCarrierOf(p: Principal): CustodyOwner | null {
  const owner = custodyOwnerOf(p);
  return p.kind === 'user' && owner?.ownerType === 'organisation' ? owner : null;
}

/** A machine client holds the key only on its own machine device: it never manages it nor passes it on. */
export const holdsOnlyOwnDevice = (p: Principal): boolean => p.kind !== 'user';

/**
 * Printable documents of a request (src/documents/): only its parties — the issuing unit (and those it
 * shared the request with) and the addressed provider. The oversight body, even after a break-glass,
 * reads on screen and takes no paper away.
 */
export function mayTakeDocument(side: Side): boolean {
  return side === 'agency' || side === 'provider';
}

// ---------------------------------------------------------------------------------------------------
// Warrant applications (issue 15 item 5)

/** What the access rules need to know about a warrant application. */
export interface WarrantApplicationFacts {
  agencyOrganisationId: string;
  unitId: string;
  courtOrganisationId: string;
  draftedBy: string;
  /** When the unit head sent it to the court; null while it is the unit's own draft. */
  sentAt: string | null;
}

/**
 * The side a principal stands on for a warrant application; null when it is not theirs to see.
 * Need-to-know: the applying unit (those who draft and approve applications), and the judges of the
 * addressed court once it was sent to them. Nobody else — not the rest of the agency, not the
 * provider to be served, not the oversight body — reads what the police told the court.
 */
export function warrantApplicationSide(p: Principal, a: WarrantApplicationFacts): 'agency' | 'court' | null {
  if (
    p.organisationKind === 'agency' &&
    p.organisationId === a.agencyOrganisationId &&
    p.unitId === a.unitId &&
    (can(p, 'warrant.apply') || can(p, 'warrant.send'))
  ) {
    return 'agency';
  }
  if (
    p.organisationKind === 'court' &&
    p.organisationId === a.courtOrganisationId &&
    can(p, 'warrant.review') &&
    a.sentAt !== null
  ) {
    return 'court';
  }
  return null;
}

/** The facts of a disclosure-order application that decide who may see it. */
export interface DisclosureOrderApplicationFacts {
  lawOfficeOrganisationId: string;
  courtOrganisationId: string;
}

/**
 * The side a principal stands on for a disclosure-order application; null when it is not theirs to
 * see. Need-to-know: the applying office's lawyers, and the judges of the addressed court — not the
 * provider (it sees the order only when the lawyer presents it), nor anyone else.
 */
export function disclosureOrderSide(p: Principal, a: DisclosureOrderApplicationFacts): 'office' | 'court' | null {
  if (p.organisationKind === 'law_office' && p.organisationId === a.lawOfficeOrganisationId) {
    return can(p, 'disclosure_order.apply') ? 'office' : null;
  }
  if (
    p.organisationKind === 'court' &&
    p.organisationId === a.courtOrganisationId &&
    can(p, 'disclosure_order.decide')
  ) {
    return 'court';
  }
  return null;
}
