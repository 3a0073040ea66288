import { type DesignatorFacts, DUTY_PROBLEM_MESSAGES, dutyDesignationProblem } from './duty.ts';
import type { EnvelopePayload } from './envelope.ts';
import type { Bilingual } from './vocabulary.ts';

/**
 * Whether the signer of a request had the authority to sign it (the check `approver_authority`): a
 * civil disclosure is the claimant's — signed by a lawyer of the issuing law office, who may have
 * drafted it (issue 15); every other kind by a unit head of the issuing police unit, or by its duty
 * approver on the head's signed designation, never by the drafter.
 */
export interface AuthorityFacts {
  approver:
    | {
        id: string;
        organisationId: string;
        unitId: string | null;
        roles: string[];
        disabled: boolean;
        /** A lawyer's registration number and bar association, shown to the provider to check. */
        barRegistrationNumber?: string | null;
        barAssociation?: string | null;
      }
    | undefined;
  requesterKind?: string | undefined;
  approverGrant: { countersignedBy: string | null; countersignedAt: string | null } | undefined;
  designator?: DesignatorFacts;
}

/** Why the signer had no authority (the check's failure, named for programs). */
export type AuthorityProblem = 'issuer' | 'unknown' | 'self' | 'not_lawyer' | 'duty' | 'not_head';

export function approverAuthority(
  p: EnvelopePayload,
  facts: AuthorityFacts,
  issuedOk: boolean,
  issuedDate: Date,
  /** Whether the head's own credential signed the duty designation (the caller's WebAuthn check). */
  dutySignatureOk: Parameters<typeof dutyDesignationProblem>[3],
): {
  ok: boolean;
  pass: Bilingual;
  fail: Bilingual;
  problem: AuthorityProblem | null;
  dutyProblem: ReturnType<typeof dutyDesignationProblem>;
} {
  const a = facts.approver;
  const duty = p.dutyDesignation;
  // A duty approver (当直責任者) holds no unit-head role: the designation the head signed, carried in
  // the signed payload, is their authority, and it must cover this unit, this kind and this moment.
  const dutyProblem = duty
    ? dutyDesignationProblem(
        duty,
        {
          agencyOrganisationId: p.agencyOrganisationId,
          unitId: p.unitId,
          approverUserId: p.approverUserId,
          draftedBy: p.draftedBy,
          kind: p.kind,
          issuedAt: issuedDate,
        },
        facts.designator ?? { key: undefined, user: undefined, headGrant: false, revokedAt: null },
        dutySignatureOk,
      )
    : null;
  // A civil disclosure is the claimant's: signed by a lawyer of the issuing law office (who may have
  // drafted it); every other kind by a unit head (or duty approver) of a police unit, never the drafter.
  const lawOffice = facts.requesterKind === 'law_office';
  const rightIssuer = lawOffice ? p.kind === 'civil_disclosure' : p.kind !== 'civil_disclosure';
  const authority =
    !!a &&
    rightIssuer &&
    !a.disabled &&
    a.unitId === p.unitId &&
    a.organisationId === p.agencyOrganisationId &&
    (lawOffice || a.id !== p.draftedBy) &&
    (lawOffice
      ? !duty && facts.approverGrant !== undefined && a.roles.includes('lawyer')
      : duty
        ? issuedOk && dutyProblem === null
        : facts.approverGrant !== undefined && a.roles.includes('unit_head'));
  const problem: AuthorityProblem | null = authority
    ? null
    : !rightIssuer
      ? 'issuer'
      : !a
        ? 'unknown'
        : !lawOffice && a.id === p.draftedBy
          ? 'self'
          : lawOffice
            ? 'not_lawyer'
            : duty && dutyProblem
              ? 'duty'
              : 'not_head';
  return {
    ok: authority,
    problem,
    dutyProblem,
    pass: lawOffice
      ? {
          ja: `署名者は請求者代理人である当該事務所の弁護士です（弁護士登録番号 ${a?.barRegistrationNumber ?? '-'}・${a?.barAssociation ?? '-'}）`,
          en:
            `the signer is a lawyer of the issuing law office (bar registration ` +
            `${a?.barRegistrationNumber ?? '-'}, ${a?.barAssociation ?? '-'})`,
        }
      : duty
        ? {
            ja: `決裁者は当該所属の当直責任者です（所属長の署名した指定、${duty.designation.validUntil} まで）`,
            en:
              `the approver is the unit's duty approver (designated by the ` +
              `unit head's signature, until ${duty.designation.validUntil})`,
          }
        : { ja: '決裁者は当該所属の所属長です', en: 'the approver is a head of the issuing unit' },
    fail:
      problem === 'duty' && dutyProblem
        ? DUTY_PROBLEM_MESSAGES[dutyProblem]
        : AUTHORITY_PROBLEM_MESSAGES[problem === null || problem === 'duty' ? 'not_head' : problem](lawOffice),
  };
}

/** Why the signer had no authority, in words for people (a duty approver's: DUTY_PROBLEM_MESSAGES). */
const AUTHORITY_PROBLEM_MESSAGES: Record<Exclude<AuthorityProblem, 'duty'>, (lawOffice: boolean) => Bilingual> = {
  issuer: (lawOffice) =>
    lawOffice
      ? {
          ja: '法律事務所が発出できるのは発信者情報開示請求のみです',
          en: 'a law office can issue only civil disclosure requests',
        }
      : {
          ja: '発信者情報開示請求は警察から発出されるものではありません（請求者の代理人弁護士によるもの）',
          en: "a civil disclosure request does not come from the police (it is the claimant's lawyer's)",
        },
  unknown: () => ({ ja: '決裁者が登録されていません', en: 'the approver is not in the directory' }),
  self: () => ({ ja: '起案者自身が決裁しています', en: 'the drafter approved their own request' }),
  not_lawyer: () => ({
    ja: '署名者は当該事務所の弁護士ではありません',
    en: 'the signer is not a lawyer of the issuing law office',
  }),
  not_head: () => ({
    ja: '決裁者は当該所属の所属長ではありません',
    en: 'the approver is not a head of the issuing unit',
  }),
};
