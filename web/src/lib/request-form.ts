// The request editor's form: its fields, a blank one, one read from a draft, and the content it sends.
import type { WarrantType } from '#shokai/vocabulary';
import type { DataCategory, RequestContentDraft, RequestDetail, RequestKind } from '../api/types.ts';
import { SECRECY_KINDS, type SecrecyForm } from '../components/confidentiality.tsx';
import { emptyRow, rowFromTarget, type TargetRow, targetFromRow } from './targets.ts';

type Conditions = { imminent: boolean; realistic: boolean; intentExpressed: boolean; notJokeOrFiction: boolean };

/** A warrant as typed: its kind, the issuing court, number, validity, and the court's key and signature. */
export interface WarrantDraft {
  type: WarrantType;
  courtOrganisationId: string;
  warrantNumber: string;
  issuedAt: string;
  validUntil: string;
  keyId: string;
  signature: string;
}

export function blankWarrant(): WarrantDraft {
  return {
    type: 'seizure',
    courtOrganisationId: '',
    warrantNumber: '',
    issuedAt: '',
    validUntil: '',
    keyId: '',
    signature: '',
  };
}

export interface Form {
  kind: RequestKind;
  caseId: string;
  caseReference: string;
  providerOrganisationId: string;
  offence: string;
  facts: string;
  necessity: string;
  categories: DataCategory[];
  requestedBy: string;
  rows: TargetRow[];
  warrant: WarrantDraft;
  preservationDays: string;
  emergencyBasis: 'suicide_notice' | 'threat_to_life';
  conditions: Conditions;
  statement: string;
  civil: { claimant: string; counsel: string; rightsInfringed: string; courtOrderReference: string };
  cafeStoreName: string;
  mlat: {
    requestedCountry: string;
    foreignAuthority: string;
    foreignProvider: string;
    treaty: string;
    assistance: 'evidence' | 'preservation';
    centralAuthority: '' | 'npa' | 'moj';
    language: string;
  };
  secrecy: SecrecyForm;
}

export function blankForm(): Form {
  return {
    kind: 'inquiry',
    caseId: '',
    caseReference: '',
    providerOrganisationId: '',
    offence: '',
    facts: '',
    necessity: '',
    categories: ['subscriber'],
    requestedBy: '',
    rows: [emptyRow('ip')],
    warrant: blankWarrant(),
    preservationDays: '30',
    emergencyBasis: 'suicide_notice',
    conditions: { imminent: false, realistic: false, intentExpressed: false, notJokeOrFiction: false },
    statement: '',
    civil: { claimant: '', counsel: '', rightsInfringed: '', courtOrderReference: '' },
    cafeStoreName: '',
    mlat: {
      requestedCountry: '',
      foreignAuthority: '',
      foreignProvider: '',
      treaty: '',
      assistance: 'evidence',
      centralAuthority: '',
      language: 'en',
    },
    secrecy: { secret: false, basis: 'ccp_197_5', reason: '' },
  };
}

export function formFromDetail(d: RequestDetail): Form {
  const f = blankForm();
  const c = d.content;
  // The drafter always reads their own draft's content.
  if (!c) return f;
  f.kind = c.kind;
  f.caseId = d.caseId ?? '';
  f.caseReference = c.caseReference;
  f.providerOrganisationId = c.providerOrganisationId ?? '';
  f.offence = c.offence;
  f.facts = c.facts;
  f.necessity = c.necessity;
  f.categories = [...c.categories];
  f.requestedBy = c.requestedBy ?? '';
  f.rows = c.targets.map(rowFromTarget);
  if (c.warrant)
    f.warrant = { ...c.warrant, keyId: c.warrant.attestation.keyId, signature: c.warrant.attestation.signature };
  if (c.preservation) f.preservationDays = String(c.preservation.days);
  if (c.emergency) {
    f.emergencyBasis = c.emergency.basis;
    f.statement = c.emergency.statement;
    if (c.emergency.basis === 'suicide_notice') f.conditions = { ...c.emergency.conditions };
  }
  if (c.civil)
    f.civil = {
      claimant: c.civil.claimant,
      counsel: c.civil.counsel ?? '',
      rightsInfringed: c.civil.rightsInfringed,
      courtOrderReference: c.civil.courtOrderReference ?? '',
    };
  if (c.cafe) f.cafeStoreName = c.cafe.storeName ?? '';
  if (c.mlat) {
    f.mlat = {
      ...c.mlat,
      foreignProvider: c.mlat.foreignProvider ?? '',
      assistance: c.mlat.assistance ?? 'evidence',
      centralAuthority: c.mlat.centralAuthority ?? '',
    };
  }
  if (c.confidentiality) f.secrecy = { secret: true, basis: c.confidentiality.basis, reason: c.confidentiality.reason };
  return f;
}

export function contentFromForm(f: Form): RequestContentDraft {
  const common = {
    caseReference: f.caseReference.trim(),
    offence: f.offence.trim(),
    facts: f.facts.trim(),
    necessity: f.necessity.trim(),
    targets: f.rows.map(targetFromRow),
    categories: f.categories,
    ...(f.requestedBy ? { requestedBy: f.requestedBy } : {}),
  };
  const addressed = { ...common, providerOrganisationId: f.providerOrganisationId };
  const secrecy =
    f.secrecy.secret && SECRECY_KINDS.includes(f.kind)
      ? {
          confidentiality: {
            doNotNotify: true as const,
            basis: f.secrecy.basis,
            reason: f.secrecy.reason.trim(),
          },
        }
      : {};
  // Each kind carries exactly its own block; the server validates the whole.
  switch (f.kind) {
    case 'inquiry':
      return { kind: 'inquiry', ...addressed, ...secrecy };
    case 'warrant':
      return {
        kind: 'warrant',
        ...addressed,
        ...secrecy,
        warrant: {
          type: f.warrant.type,
          courtOrganisationId: f.warrant.courtOrganisationId,
          warrantNumber: f.warrant.warrantNumber.trim(),
          issuedAt: f.warrant.issuedAt,
          validUntil: f.warrant.validUntil,
          attestation: { keyId: f.warrant.keyId.trim(), signature: f.warrant.signature.trim() },
        },
      };
    case 'preservation':
      return {
        kind: 'preservation',
        ...addressed,
        ...secrecy,
        preservation: { days: Number(f.preservationDays) || 30 },
      };
    case 'emergency':
      return {
        kind: 'emergency',
        ...addressed,
        ...secrecy,
        emergency:
          f.emergencyBasis === 'suicide_notice'
            ? { basis: 'suicide_notice', conditions: f.conditions, statement: f.statement.trim() }
            : { basis: 'threat_to_life', statement: f.statement.trim() },
      };
    case 'civil_disclosure':
      return {
        kind: 'civil_disclosure',
        ...addressed,
        civil: {
          claimant: f.civil.claimant.trim(),
          counsel: f.civil.counsel.trim(),
          rightsInfringed: f.civil.rightsInfringed.trim(),
          ...(f.civil.courtOrderReference.trim() ? { courtOrderReference: f.civil.courtOrderReference.trim() } : {}),
        },
      };
    case 'cafe_records':
      return {
        kind: 'cafe_records',
        ...addressed,
        ...secrecy,
        ...(f.cafeStoreName.trim() ? { cafe: { storeName: f.cafeStoreName.trim() } } : {}),
      };
    case 'mlat':
      return {
        kind: 'mlat',
        ...common,
        mlat: {
          requestedCountry: f.mlat.requestedCountry.trim().toUpperCase(),
          foreignAuthority: f.mlat.foreignAuthority.trim(),
          treaty: f.mlat.treaty.trim(),
          ...(f.mlat.assistance === 'preservation' ? { assistance: 'preservation' as const } : {}),
          ...(f.mlat.centralAuthority ? { centralAuthority: f.mlat.centralAuthority } : {}),
          language: f.mlat.language.trim(),
          ...(f.mlat.foreignProvider.trim() ? { foreignProvider: f.mlat.foreignProvider.trim() } : {}),
        },
      };
  }
}
