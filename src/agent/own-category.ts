import type { Caller } from '../domain/access.ts';
import type { IntakeSelf } from '../domain/intake-content-rules.ts';
import type { DirectoryExport } from '../domain/pinned-directory.ts';
import { isOneOf, PROVIDER_CATEGORIES, type ProviderCategory } from '../domain/vocabulary.ts';
import { logger } from '../kernel/logger.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { getSetting, replaceSettingIf, SETTINGS } from '../store/settings.ts';
import { pinnedDirectory } from './intake.ts';

// The provider's category as this process runs with it (agent.json's `providerCategory`, written by
// `shokai agent init --category`): what reads the requests already held — the list, a request's page, preparing
// and approving (./content-rules-held.ts) — judges them by the civil stage rule intake applies by the category of
// the process that reads them (the runtime's for the long-lived process and its pages, the configuration's for a
// command), never by what another process opened with last. The store keeps the category last said, to notice a
// change (audited once: set, or another category) and for a process whose configuration says none: an agent.json
// written before `--category`, or a stale one in another folder, judges by the installation's recorded category
// and never lifts it — else a command opened with it could prepare or approve what the running process holds.
// An installation that should judge by no stage rule says the category that fits (`other`: either kind).

/** The category a process judges held requests by: its own configuration's (AgentRuntime, AgentConfig). */
export interface OwnCategory {
  readonly providerCategory?: ProviderCategory | undefined;
}

/** The category last opened with, as recorded; undefined when none is said. */
export async function recordedCategory(uow: UnitOfWork): Promise<ProviderCategory | undefined> {
  const v = await getSetting(uow.tx, SETTINGS.agentProviderCategory);
  return v !== undefined && isOneOf(PROVIDER_CATEGORIES, v) ? v : undefined;
}

/**
 * Records the category the installation of `organisationId` opens with, when it is not the one recorded,
 * audited once: the write is conditional on the value read, so of two openings at once only the one whose
 * write changed the row audits (the other reads again and finds it recorded).
 */
export async function recordOwnCategory(
  uow: UnitOfWork,
  caller: Caller,
  organisationId: string,
  category: ProviderCategory | undefined,
): Promise<void> {
  // Saying none changes nothing: the installation's category stays (see above).
  if (category === undefined) return;
  const to: string = category;
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = await getSetting(uow.tx, SETTINGS.agentProviderCategory);
    if ((before ?? '') === to) return;
    if (!(await replaceSettingIf(uow.tx, SETTINGS.agentProviderCategory, before, to, uow.now.toISOString()))) continue;
    logger.info('agent.category_set', { from: before || null, to: category });
    await uow.auditBy(caller, 'agent.category_set', ['organisation', organisationId], {
      from: before || null,
      to: category,
    });
    return;
  }
  // Changed under it at every try: the openings racing it recorded (and audited) theirs.
  logger.warn('agent.category_set_contended', { to: category });
}

/** The provider the held requests are judged for: its category and its names as the pin gives them. */
export interface OwnStage {
  providerCategory: ProviderCategory;
  pinned: DirectoryExport | undefined;
}

/**
 * What the civil stage rule on held requests needs by `own`'s category, else (its configuration says none) by the
 * installation's recorded one; undefined when neither says one.
 */
export async function ownStage(uow: UnitOfWork, own: OwnCategory): Promise<OwnStage | undefined> {
  const providerCategory = own.providerCategory ?? (await recordedCategory(uow));
  return providerCategory ? { providerCategory, pinned: await pinnedDirectory(uow) } : undefined;
}

/** The provider `organisationId` as intake knows itself under `stage` (its names from the pin, else its id). */
export function intakeSelfOf(stage: OwnStage, organisationId: string): IntakeSelf {
  const e = stage.pinned?.entries.find((x) => x.type === 'organisation' && x.id === organisationId);
  const names = e?.type === 'organisation' ? e : { nameJa: organisationId, nameEn: organisationId };
  return { nameJa: names.nameJa, nameEn: names.nameEn, providerCategory: stage.providerCategory };
}
