import type { Me, Role } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { hasRole } from './session.tsx';

/** An entry of the navigation: shown to those with one of its roles, in one of its kinds of organisation. */
export interface NavItem {
  to: string;
  label: MessageKey;
  roles?: Role[];
  orgKinds?: string[];
}

export const NAV: NavItem[] = [
  { to: '/', label: 'nav.home' },
  { to: '/requests', label: 'nav.requests', orgKinds: ['agency', 'provider', 'law_office'] },
  { to: '/requests/new', label: 'nav.newRequest', roles: ['investigator'] },
  { to: '/civil/new', label: 'nav.newCivil', roles: ['lawyer', 'legal_assistant'], orgKinds: ['law_office'] },
  { to: '/disclosure-orders', label: 'nav.disclosureOrders', roles: ['lawyer'], orgKinds: ['law_office'] },
  { to: '/cases', label: 'nav.cases', orgKinds: ['agency'] },
  { to: '/consultations', label: 'nav.consultations', roles: ['investigator', 'unit_head'], orgKinds: ['agency'] },
  { to: '/evidence/mail', label: 'nav.mail', roles: ['investigator', 'unit_head', 'provider_intake'] },
  {
    to: '/evidence/whom',
    label: 'nav.whom',
    roles: ['investigator', 'unit_head', 'provider_intake', 'provider_legal', 'provider_operator'],
  },
  { to: '/attribution', label: 'nav.attribution', roles: ['provider_legal', 'provider_operator'] },
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
  { to: '/audit/log', label: 'nav.auditLog', roles: ['auditor'] },
  { to: '/audit', label: 'nav.audit', roles: ['auditor', 'admin'], orgKinds: ['oversight'] },
  { to: '/admin', label: 'nav.admin', roles: ['admin', 'provider_legal'] },
  { to: '/search', label: 'nav.search', orgKinds: ['agency', 'provider', 'oversight'] },
  {
    to: '/statistics',
    label: 'nav.statistics',
    roles: ['investigator', 'unit_head', 'provider_legal', 'auditor'],
    orgKinds: ['agency', 'provider', 'oversight'],
  },
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

/** Whether this viewer is shown an entry. */
export function visible(item: NavItem, me: Me): boolean {
  if (item.roles && !hasRole(me, ...item.roles)) return false;
  if (item.orgKinds && !item.orgKinds.includes(me.organisation.kind)) return false;
  return true;
}
