import type { Caller } from '../domain/access.ts';
import type { IntakeSelf } from '../domain/intake-content-rules.ts';
import type { DirectoryExport } from '../domain/pinned-directory.ts';
import { isOneOf, PROVIDER_CATEGORIES, type ProviderCategory } from '../domain/vocabulary.ts';
import { logger } from '../kernel/logger.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';
import { pinnedDirectory } from './intake.ts';

// The provider's category as this installation runs with it (agent.json's `providerCategory`, written by
// `shokai agent init --category`), kept in its own store each time it opens (./installation.ts), so that what
// reads the requests already held — the list, a request's page, preparing and approving (./content-rules-held.ts)
// — judges them by the civil stage rule intake now applies, without every caller passing the configuration.
// A change (set, another category, taken away) is audited once, with the category before and after: it changes
// which held requests can be answered.

/** The category recorded for this installation; undefined when none is said. */
export async function ownCategory(uow: UnitOfWork): Promise<ProviderCategory | undefined> {
  const v = await getSetting(uow.tx, SETTINGS.agentProviderCategory);
  return v !== undefined && isOneOf(PROVIDER_CATEGORIES, v) ? v : undefined;
}

/** Records the category the installation of `organisationId` opens with, when it is not the one recorded (audited). */
export async function recordOwnCategory(
  uow: UnitOfWork,
  caller: Caller,
  organisationId: string,
  category: ProviderCategory | undefined,
): Promise<void> {
  const before = await getSetting(uow.tx, SETTINGS.agentProviderCategory);
  if ((before ?? '') === (category ?? '')) return;
  await putSetting(uow.tx, SETTINGS.agentProviderCategory, category ?? '', uow.now.toISOString());
  logger.info('agent.category_set', { from: before || null, to: category ?? null });
  await uow.auditBy(caller, 'agent.category_set', ['organisation', organisationId], {
    from: before || null,
    to: category ?? null,
  });
}

/** The provider the held requests are judged for: its category and its names as the pin gives them. */
export interface OwnStage {
  providerCategory: ProviderCategory;
  pinned: DirectoryExport | undefined;
}

/** What the civil stage rule on held requests needs, read once; undefined when no category is recorded. */
export async function ownStage(uow: UnitOfWork): Promise<OwnStage | undefined> {
  const providerCategory = await ownCategory(uow);
  return providerCategory ? { providerCategory, pinned: await pinnedDirectory(uow) } : undefined;
}

/** The provider `organisationId` as intake knows itself under `stage` (its names from the pin, else its id). */
export function intakeSelfOf(stage: OwnStage, organisationId: string): IntakeSelf {
  const e = stage.pinned?.entries.find((x) => x.type === 'organisation' && x.id === organisationId);
  const names = e?.type === 'organisation' ? e : { nameJa: organisationId, nameEn: organisationId };
  return { nameJa: names.nameJa, nameEn: names.nameEn, providerCategory: stage.providerCategory };
}
