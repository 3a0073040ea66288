import { z } from 'zod';
import { getOrganisation } from '../../directory/lookups.ts';
import { checkPolicy, PolicyCheckInputSchema } from '../../directory/policies.ts';
import { DomainError } from '../../domain/errors.ts';
import type { PolicyCheck } from '../../domain/policy.ts';
import { providerOf, type RequestContent } from '../../domain/request-content.ts';
import { canonicalIpAddress } from '../../domain/targets.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import type { Bilingual } from '../../domain/vocabulary.ts';
import { WHOM_VERDICTS } from '../../domain/vocabulary.ts';
import type { UnitOfWork } from '../../kernel/unit-of-work.ts';
import { notInternetSource } from './not-internet.ts';
import { answerWhom } from './whom-service.ts';

// Does the chosen provider hold the address a request asks about? A request for who used an address
// goes to the address's holder: an access provider (ISP, mobile carrier, internet café, or any
// telecom carrier) that another provider's declaration names as not holding it is the wrong
// addressee — the policy check says so while the investigator types, and submitting is refused.
// A board or a mail provider asked about an address answers what it recorded of it (posts, logins):
// there the holder is only named, as a notice.

const Bi = z.object({ ja: z.string(), en: z.string() });

export const AddresseeCheckSchema = z.object({
  /** The target's index in the request's targets. */
  targetIndex: z.number().int(),
  address: z.string(),
  /** yes: the provider declared the address; no: another provider did; unknown: nobody did. */
  holds: z.enum(['yes', 'no', 'unknown']),
  /** True when the request cannot go to this provider (it is an access provider that does not hold the address). */
  refused: z.boolean(),
  verdict: z.enum(WHOM_VERDICTS),
  /** The organisation that declared the address (to address the request to), if any. */
  holder: z.object({ organisationId: z.string(), nameJa: z.string(), nameEn: z.string() }).nullable(),
  message: Bi,
  /**
   * Why the address cannot identify a subscriber (private, loopback, documentation, link-local or
   * another special use no provider declared; shared CGNAT space always), or null: a warning, not a
   * refusal.
   */
  notInternet: Bi.nullable(),
});
export type AddresseeCheck = z.infer<typeof AddresseeCheckSchema>;

const ACCESS_CATEGORIES = new Set(['isp', 'mobile', 'cafe']);

/**
 * Checks each address target against the chosen provider. `targets` are (index, address) pairs;
 * addresses that do not parse are skipped (the content's own validation names them).
 */
export async function addresseeChecks(
  uow: UnitOfWork,
  providerId: string,
  targets: ReadonlyArray<{ index: number; address: string }>,
): Promise<AddresseeCheck[]> {
  const valid = targets
    .map((t) => ({ index: t.index, address: canonicalIpAddress(t.address) }))
    .filter((t): t is { index: number; address: string } => typeof t.address === 'string');
  if (valid.length === 0) return [];
  const provider = await getOrganisation(uow.tx, providerId);
  const access = provider.isTelecomCarrier || ACCESS_CATEGORIES.has(provider.providerCategory ?? '');
  const answers = await answerWhom(
    uow,
    valid.map((t) => ({ address: t.address, port: null, at: null })),
  );
  return valid.map((t, i) => {
    const a = answers[i];
    if (!a) throw new Error('whom to ask: no answer');
    const holder = a.holder
      ? { organisationId: a.holder.organisationId, nameJa: a.holder.nameJa, nameEn: a.holder.nameEn }
      : null;
    // A special-purpose address a provider declared is that installation's to answer for (a test
    // network, the demo's documentation ranges); CGNAT space means nothing without its public side.
    const notInternet =
      a.addressClass === 'shared' || holder === null ? notInternetSource(a.addressClass, a.address) : null;
    const base = { targetIndex: t.index, address: a.address, verdict: a.verdict, holder, notInternet };
    if (holder?.organisationId === provider.id) {
      return {
        ...base,
        holds: 'yes' as const,
        refused: false,
        message: {
          ja: `${a.address} は${provider.nameJa}が届け出たネットワーク（${a.holder?.matched}）です。`,
          en: `${a.address} is in a network ${provider.nameEn} declared (${a.holder?.matched}).`,
        },
      };
    }
    if (holder) {
      const message: Bilingual = access
        ? {
            ja:
              `${a.address} は${holder.nameJa}が届け出たネットワーク（${a.holder?.matched}）で、${provider.nameJa}のものではありません。` +
              `照会先を${holder.nameJa}にしてください。`,
            en:
              `${a.address} is in a network ${holder.nameEn} declared (${a.holder?.matched}), not ` +
              `${provider.nameEn}'s: address the request to ${holder.nameEn}.`,
          }
        : {
            ja: `${a.address} の保有者は${holder.nameJa}です。${provider.nameJa}が答えられるのは、このアドレスについて自ら記録したこと（投稿・ログイン）に限られます。`,
            en:
              `${a.address} is held by ${holder.nameEn}; ${provider.nameEn} can answer only what it recorded of ` +
              `this address (posts, logins).`,
          };
      return { ...base, holds: 'no' as const, refused: access, message };
    }
    return {
      ...base,
      holds: 'unknown' as const,
      refused: false,
      message: {
        ja: `${a.address} を届け出た事業者はディレクトリにありません。${a.summary.ja}`,
        en: `No provider in the directory declared ${a.address}. ${a.summary.en}`,
      },
    };
  });
}

/** The address targets of a request's content, with their indices. */
function addressTargets(content: RequestContent): Array<{ index: number; address: string }> {
  const out: Array<{ index: number; address: string }> = [];
  for (const [index, t] of content.targets.entries()) if (t.type === 'ip') out.push({ index, address: t.address });
  return out;
}

/**
 * The checks of a request's address targets against its addressee, as the editor shows them (the
 * approval's preview shows them again to the approver); none for mutual legal assistance.
 */
export async function requestAddressees(uow: UnitOfWork, content: RequestContent): Promise<AddresseeCheck[]> {
  const providerId = providerOf(content);
  if (content.kind === 'mlat' || !providerId) return [];
  return addresseeChecks(uow, providerId, addressTargets(content));
}

/**
 * The submit path: refuses (ADDRESSEE_NOT_HOLDER, naming the target's field) a request whose
 * addressee is an access provider that another provider's declaration shows does not hold an
 * address target. Mutual legal assistance has no provider addressee and is not checked.
 */
export async function assertAddresseeHolds(uow: UnitOfWork, content: RequestContent): Promise<void> {
  const refused = (await requestAddressees(uow, content)).find((c) => c.refused);
  if (!refused) return;
  throw new DomainError('ADDRESSEE_NOT_HOLDER', refused.message, {
    field: `content.targets.${refused.targetIndex}.address`,
    value: refused.address,
    holderOrganisationId: refused.holder?.organisationId ?? null,
  });
}

/** The policy check's input: the directory's, plus the address targets typed so far (any may be incomplete). */
export const PolicyCheckWithAddressesInput = PolicyCheckInputSchema.extend({
  /** The request's address targets as typed, by their index in the targets; ones that do not parse are ignored. */
  addresses: z
    .array(z.strictObject({ targetIndex: z.number().int().min(0).max(9999), address: z.string().max(100) }))
    .max(500)
    .optional(),
});

export type PolicyCheckWithAddressees = PolicyCheck & { addressees: AddresseeCheck[] };

/**
 * The policy check as the editor runs it: the legal matrix and the provider's policy (directory),
 * and whether the provider holds each address target. A refused addressee makes `ok` false.
 */
export async function checkPolicyAndAddressees(uow: UnitOfWork, raw: unknown): Promise<PolicyCheckWithAddressees> {
  const input = parseOrThrow(PolicyCheckWithAddressesInput, raw);
  const { addresses, ...rest } = input;
  const check = await checkPolicy(uow, rest);
  const addressees = await addresseeChecks(
    uow,
    input.providerOrganisationId,
    (addresses ?? []).map((a) => ({ index: a.targetIndex, address: a.address })),
  );
  return { ...check, ok: check.ok && !addressees.some((a) => a.refused), addressees };
}
