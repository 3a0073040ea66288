import type { Me, Role } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { hasRole } from './session.tsx';

/** A permission of the hub's one permission table, as the signed-in person's `permissions` names it. */
export type Permission = Me['permissions'][number];

/**
 * Who a page is for: one of its roles, in one of its kinds of organisation, holding one of its
 * permissions (the hub's table, sent with the signed-in person), and — for the pages of requests — with
 * some request theirs to read. Every condition given must hold.
 */
export interface Gate {
  roles?: Role[];
  orgKinds?: string[];
  permissions?: Permission[];
  readsRequests?: boolean;
  /** Only for those whose organisation this installation's records (address logs) belong to. */
  holdsRecords?: boolean;
}

/** An entry of the navigation: shown to those its gate lets in. */
export interface NavItem extends Gate {
  to: string;
  label: MessageKey;
}

/** The pages of requests: for those with some request theirs to read (never an auditor or administrator). */
export const REQUESTS: Gate = { readsRequests: true };
export const CASES: Gate = { permissions: ['case.read'] };
export const STATISTICS: Gate = { permissions: ['statistics.read'] };
/** The counts of every unit of the organisation (a force's statistics officer), not the unit's own. */
export const ORGANISATION_STATISTICS: Gate = { permissions: ['statistics.read_organisation'] };
export const AUDIT_LOG: Gate = { permissions: ['audit.read'] };
export const AUDIT_VERIFY: Gate = { permissions: ['audit.verify'] };
// Administration: people, units and keys; the key officer's countersignatures; a provider's policy.
export const ADMIN: Gate = { permissions: ['user.create', 'role.countersign', 'policy.publish'] };

export const NAV: NavItem[] = [
  { to: '/', label: 'nav.home' },
  { to: '/requests', label: 'nav.requests', ...REQUESTS, orgKinds: ['agency', 'provider', 'law_office'] },
  { to: '/requests/new', label: 'nav.newRequest', roles: ['investigator'] },
  { to: '/civil/new', label: 'nav.newCivil', roles: ['lawyer', 'legal_assistant'], orgKinds: ['law_office'] },
  { to: '/disclosure-orders', label: 'nav.disclosureOrders', roles: ['lawyer'], orgKinds: ['law_office'] },
  { to: '/cases', label: 'nav.cases', ...CASES, orgKinds: ['agency'] },
  { to: '/consultations', label: 'nav.consultations', roles: ['investigator', 'unit_head'], orgKinds: ['agency'] },
  { to: '/evidence/mail', label: 'nav.mail', roles: ['investigator', 'unit_head', 'provider_intake'] },
  {
    to: '/evidence/whom',
    label: 'nav.whom',
    roles: ['investigator', 'unit_head', 'provider_intake', 'provider_legal', 'provider_operator'],
  },
  // Offered only where it can answer: a provider whose records these are (not before any owner is named).
  {
    to: '/attribution',
    label: 'nav.attribution',
    roles: ['provider_legal', 'provider_operator'],
    holdsRecords: true,
  },
  { to: '/court-orders', label: 'nav.courtOrders', roles: ['provider_legal'], orgKinds: ['provider'] },
  { to: '/intake', label: 'nav.intake', roles: ['provider_intake', 'provider_legal'] },
  {
    to: '/warrant-applications',
    label: 'nav.warrantApplications',
    roles: ['investigator', 'unit_head'],
    orgKinds: ['agency'],
  },
  { to: '/warrant-applications', label: 'nav.warrantInbox', roles: ['judge'] },
  { to: '/warrants/attest', label: 'nav.attest', roles: ['judge'] },
  // The log's verification is the oversight body's; every organisation's auditor (監察) reads its part of it.
  { to: '/audit/log', label: 'nav.auditLog', ...AUDIT_LOG },
  { to: '/audit', label: 'nav.audit', ...AUDIT_VERIFY, orgKinds: ['oversight'] },
  { to: '/admin', label: 'nav.admin', ...ADMIN },
  { to: '/search', label: 'nav.search', ...REQUESTS, orgKinds: ['agency', 'provider', 'oversight'] },
  { to: '/statistics', label: 'nav.statistics', ...STATISTICS, orgKinds: ['agency', 'provider', 'oversight'] },
  { to: '/documents/verify', label: 'nav.documentVerify', orgKinds: ['agency', 'provider'] },
  { to: '/duty', label: 'nav.duty', roles: ['investigator', 'unit_head'], orgKinds: ['agency'] },
  {
    to: '/devices',
    label: 'nav.devices',
    roles: ['investigator', 'unit_head', 'provider_legal', 'provider_operator', 'lawyer'],
    orgKinds: ['agency', 'provider', 'law_office'],
  },
  // Everyone's own: the passkeys they registered, and registering one on this browser.
  { to: '/passkeys', label: 'nav.passkeys' },
];

/** Whether a gate lets this viewer in. */
export function allows(gate: Gate, me: Me): boolean {
  if (gate.roles && !hasRole(me, ...gate.roles)) return false;
  if (gate.orgKinds && !gate.orgKinds.includes(me.organisation.kind)) return false;
  if (gate.permissions && !gate.permissions.some((x) => me.permissions.includes(x))) return false;
  if (gate.readsRequests && !me.readsRequests) return false;
  if (gate.holdsRecords && !me.holdsRecords) return false;
  return true;
}

/** Whether this viewer is shown an entry. */
export function visible(item: NavItem, me: Me): boolean {
  return allows(item, me);
}

/** The gate of a page in the navigation: any of its entries' (the warrants page is the police's and the judge's). */
export function pageGate(to: string): Gate[] {
  return NAV.filter((n) => n.to === to);
}
