import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { type Caller, type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';

// The people who review and approve answers in the provider's own installation (its legal officers).
// The installation's operator names them; each gets an access code for the review pages, shown once
// (only its SHA-256 is kept). On the command line, the operator's shell is the door and `--as NAME`
// names the reviewer acting; it must be one of these names.

const ReviewerSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  codeHash: z.string().regex(/^[0-9a-f]{64}$/),
  addedAt: z.string(),
  /** Also keeps the holder's records (imports, purge): the operator's role besides legal's. */
  records: z.boolean().optional(),
});
const ReviewersSchema = z.array(ReviewerSchema);
type Reviewer = z.infer<typeof ReviewersSchema>[number];

const hashOf = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');

async function reviewers(uow: UnitOfWork): Promise<Reviewer[]> {
  const text = await getSetting(uow.tx, SETTINGS.agentReviewers);
  return text ? ReviewersSchema.parse(JSON.parse(text)) : [];
}

/**
 * A reviewer as the permission table sees them: a legal officer of the provider, and with `records`
 * also its operator (`provider_operator`: imports the post log or the café's records, purges them).
 */
export function reviewerPrincipal(name: string, organisationId: string, records = false): Principal {
  return {
    kind: 'user',
    id: `reviewer:${name}`,
    organisationId,
    organisationKind: 'provider',
    unitId: null,
    roles: records ? ['provider_legal', 'provider_operator'] : ['provider_legal'],
    displayName: name,
  };
}

/**
 * Adds (or gives a new code to) a reviewer; returns the access code, shown once. `records: true` lets
 * them also import and purge the holder's records in the pages.
 */
export async function addReviewer(
  uow: UnitOfWork,
  caller: Caller,
  name: string,
  options: { records?: boolean } = {},
): Promise<{ name: string; code: string }> {
  requirePermission(caller, 'user.create');
  const n = z.string().trim().min(1).max(100).parse(name);
  const code = randomBytes(24).toString('base64url');
  const list = (await reviewers(uow)).filter((r) => r.name !== n);
  list.push({
    name: n,
    codeHash: hashOf(code),
    addedAt: uow.now.toISOString(),
    ...(options.records ? { records: true } : {}),
  });
  await putSetting(uow.tx, SETTINGS.agentReviewers, JSON.stringify(list), uow.now.toISOString());
  return { name: n, code };
}

export async function reviewerNames(uow: UnitOfWork): Promise<string[]> {
  return (await reviewers(uow)).map((r) => r.name);
}

/** The reviewer named on the command line (the operator's shell is the door). */
export async function reviewerByName(uow: UnitOfWork, name: string, organisationId: string): Promise<Principal> {
  const r = (await reviewers(uow)).find((x) => x.name === name);
  if (!r) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `確認者 ${shownInput(name)} は登録されていません（shokai agent reviewer add で登録してください）`,
        en: `${shownInput(name)} is not a registered reviewer (add one with shokai agent reviewer add)`,
      },
      { field: 'as', value: name },
    );
  }
  return reviewerPrincipal(name, organisationId, r.records);
}

/** What the installation keeps of an access code (and a session of the review pages remembers): its SHA-256. */
export const reviewerCodeHash = (code: string): string => hashOf(code);

/**
 * The reviewer who holds the code of this hash today, with their current roles, or undefined: a code
 * replaced (`reviewer add` again) or a reviewer no longer listed holds none.
 */
export async function reviewerByCodeHash(
  uow: UnitOfWork,
  codeHash: string,
  organisationId: string,
): Promise<Principal | undefined> {
  const h = Buffer.from(codeHash, 'hex');
  const r = (await reviewers(uow)).find((x) => timingSafeEqual(Buffer.from(x.codeHash, 'hex'), h));
  return r ? reviewerPrincipal(r.name, organisationId, r.records) : undefined;
}
