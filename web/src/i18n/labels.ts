// Domain labels, shared with the server (src/domain): one source for every closed vocabulary.

export {
  EMERGENCY_BASIS_LABELS as EMERGENCY_BASIS,
  SUICIDE_NOTICE_CONDITION_LABELS as SUICIDE_CONDITION,
  SUICIDE_NOTICE_CONDITIONS,
} from '../../../src/domain/emergency.ts';
export {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS as CATEGORY,
  DECLINE_REASON_LABELS as DECLINE,
  DECLINE_REASONS,
  ORGANISATION_KIND_LABELS as ORG_KIND,
  ORGANISATION_KINDS,
  REQUEST_KIND_LABELS as KIND,
  REQUEST_KINDS,
  REQUEST_STATE_LABELS as STATE,
  REQUEST_STATES,
  ROLE_LABELS as ROLE,
  ROLES,
} from '../../../src/domain/vocabulary.ts';
