import { checkAssertion } from '../directory/credentials.ts';
import { currentKey } from '../directory/key.repository.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { packOwnerSignature } from '../domain/attestation.ts';
import { DomainError } from '../domain/errors.ts';
import type { SigningPreview } from '../domain/owner-signature.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { warrantApplicationDigest } from '../domain/warrant-application.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { WarrantApplicationRow } from '../store/schema.ts';
import { signingPreview } from './application-kind.ts';
import { agencyRow, move, ReturnApplicationInput, SendApplicationInput, wrongState } from './applications.ts';
import type { WarrantApplication } from './read-models.ts';
import { applicationPayload, toApplication } from './views.ts';

// The unit head's part of a warrant application (所属長決裁): review exactly what goes to the court,
// send it signed on their own device, or return it to the drafter with a note.

/** The application as its unit head acts on it: never by the one who drafted it. */
async function approverRow(uow: UnitOfWork, p: Principal, id: string): Promise<WarrantApplicationRow> {
  const { row } = await agencyRow(uow, p, id);
  requirePermission(p, 'warrant.send');
  if (p.id === row.drafted_by) {
    throw new DomainError(
      'SELF_APPROVAL',
      { ja: '起案者は自分の令状請求を決裁できません', en: 'the drafter cannot approve their own warrant application' },
      { id: row.id },
    );
  }
  return row;
}

/** The unit head's preview: the canonical application, its digest, and the passkey that must sign it. */
export async function sendPreview(uow: UnitOfWork, p: Principal, id: string): Promise<SigningPreview> {
  const row = await approverRow(uow, p, id);
  if (row.state !== 'awaiting_approval') throw wrongState(row, ['awaiting_approval']);
  const payload = applicationPayload(row);
  return signingPreview(uow, p, { payload, digest: warrantApplicationDigest(payload) });
}

/**
 * The unit head approves and sends the application to the court: they name the digest of what they
 * reviewed and, once they registered a passkey, sign it on their own device (kept with the
 * application, so the court can see who approved what).
 */
export async function sendApplication(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<WarrantApplication> {
  const row = await approverRow(uow, p, id);
  const input = parseOrThrow(SendApplicationInput, raw);
  if (row.state !== 'awaiting_approval') throw wrongState(row, ['awaiting_approval']);
  const digest = warrantApplicationDigest(applicationPayload(row));
  if (input.digest !== digest) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: '確認した内容と現在の令状請求が異なります。内容を確認し直してください',
        en: 'the application is not what you reviewed: open it again',
      },
      { field: 'digest', value: input.digest },
    );
  }
  const own = await currentKey(uow.tx, 'user', p.id, 'signing', uow.now);
  const signature = own?.credential_id
    ? JSON.stringify({
        keyId: own.id,
        credentialId: own.credential_id,
        signature: packOwnerSignature(await checkAssertion(uow, own, digest, input.assertion)),
      })
    : null;
  const at = uow.now.toISOString();
  const moved = await move(
    uow,
    p,
    row,
    ['awaiting_approval'],
    'sent',
    { sent_by: p.id, sent_at: at, sent_signature: signature },
    'warrant_application.sent',
    { digest, custody: signature ? 'owner' : 'none', courtOrganisationId: row.court_organisation_id },
  );
  return toApplication(uow, p, moved, 'agency');
}

/** The unit head returns the application to the drafter with a note. */
export async function returnApplication(
  uow: UnitOfWork,
  p: Principal,
  id: string,
  raw: unknown,
): Promise<WarrantApplication> {
  const row = await approverRow(uow, p, id);
  const { note } = parseOrThrow(ReturnApplicationInput, raw);
  const moved = await move(
    uow,
    p,
    row,
    ['awaiting_approval'],
    'draft',
    { returned_note: note },
    'warrant_application.returned',
  );
  return toApplication(uow, p, moved, 'agency');
}
