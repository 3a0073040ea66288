// The attribution engine's use cases under the application context: every lookup (which returns a
// subscriber's identity) and every import is checked against the permission table and audited in
// the main store's hash-chained log.

import { statSync } from 'node:fs';
import type { AuditAction } from '../audit/events.ts';
import { findOrganisation, listOrganisationRows } from '../directory/directory.repository.ts';
import { requireProvider } from '../directory/lookups.ts';
import { type Caller, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { AppContext } from '../kernel/context.ts';
import type { Locale } from '../kernel/text.ts';
import { inTransaction, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { getSetting, SETTINGS, setSettingOnce } from '../store/settings.ts';
import {
  emptyIngestSummary,
  FormatMismatch,
  type IngestOptions,
  type IngestSummary,
  ingestFiles,
  SourceMismatch,
  ZoneMismatch,
} from './ingest.ts';
import { LogSourceError, parseLogSource } from './log-source.ts';
import { t, zoneWords } from './messages.ts';
import type { NatConfig } from './nat-config.ts';
import type { LogFormat } from './parsers/index.ts';
import { type AttributionQuery, type Resolution, Resolver } from './resolver.ts';
import { type AttributionRepository, attributionRepository } from './store/repositories.ts';
import type { Subscriber } from './subscribers.ts';

/**
 * The attribution data (subscribers, address logs) of an installation belongs to one provider: the
 * one whose operator imported it first (or that the installation's operator named on the command
 * line). A person or client of any other organisation — on a hub shared by several providers —
 * gets no answer from it, whatever their roles. The installation's own operator (the system caller)
 * acts for the owner.
 */
async function requireOwner(uow: UnitOfWork, caller: Caller, claim: boolean): Promise<void> {
  if (caller.kind === 'system') return;
  const before = await getSetting(uow.tx, SETTINGS.attributionOwner);
  if (before === undefined && claim) {
    await setOwner(uow, caller, caller.organisationId);
    return;
  }
  if (before === caller.organisationId) return;
  if (before === undefined) {
    // No organisation owns the records yet: none were loaded, or only by the installation's operator
    // (the system caller claims nothing). Either way the caller's organisation is not theirs yet.
    throw await noOwnerYet(uow, caller.organisationId);
  }
  throw new DomainError('FORBIDDEN', {
    ja: 'この設置の加入者・通信記録は他の事業者のものです。自組織の記録しか照会・登録できません。',
    en:
      "this installation's subscriber and address records belong to another provider; you may only look up or " +
      "load your own organisation's records",
  });
}

/**
 * The refusal while no organisation owns the records, in words a person acts on. On an installation
 * the directory shows shared by several providers (a hub), no provider's records belong there: its
 * operator could read them all. The lookup is made in the provider's own installation, and the words
 * say so. On one provider's own server: whom to ask (the installation's operator) and for what (load
 * the organisation's records, or name it their owner). The organisation is named as the directory
 * names it; the operator's command is in docs/attribution.md, not in the words.
 */
async function noOwnerYet(uow: UnitOfWork, organisationId: string): Promise<DomainError> {
  const org = await findOrganisation(uow.tx, organisationId);
  const ja = org?.name_ja ?? 'あなたの組織';
  const en = org?.name_en ?? 'your organisation';
  const shared = (await listOrganisationRows(uow.tx, 'provider')).length > 1;
  const said = shared
    ? {
        ja:
          'この設置は複数の事業者が共同で使う設置で、どの事業者の記録（接続記録・加入者台帳など）も置いていません。' +
          `${ja}の記録による利用者の特定は、その記録を保管している${ja}自身の設置で行ってください。` +
          '共同の設置の運用者は置かれた記録をすべて読めるため、記録はここには取り込みません。',
        en:
          'This installation is shared by several providers and holds none of their records (address logs, ' +
          `subscriber directories and the like). Look up who held an address in ${en}'s own installation, where ` +
          'its records are kept. Records are not loaded into a shared installation: its operator could read them all.',
      }
    : {
        ja:
          `この設置の記録（接続記録・加入者台帳など）は、まだどの組織のものとも決まっていないため、調べられません。` +
          `${ja}の記録として使うには、この設置の運用者に、${ja}の記録を取り込むか、記録の持ち主を${ja}と定めるよう依頼してください。`,
        en:
          `This installation's records (address logs, the subscriber directory and the like) belong to no ` +
          `organisation yet, so nothing can be looked up in them. To use them as ${en}'s records, ask the ` +
          `installation's operator to load ${en}'s records or to name ${en} as their owner.`,
      };
  return new DomainError('NOT_FOUND', said, { organisationId });
}

/**
 * The same owner rule for the other records a holder keeps in its installation (a board's post log,
 * a café's records, src/holders): one provider's records, read and loaded by its own people only.
 */
export async function requireRecordsOwner(uow: UnitOfWork, caller: Caller, claim: boolean): Promise<void> {
  await requireOwner(uow, caller, claim);
}

/**
 * Whether the installation's records are the caller's (the owner rule above, as a question): a caller
 * of another provider, or an installation whose records nobody owns, is told no.
 */
export async function ownsRecords(uow: UnitOfWork, caller: Caller): Promise<boolean> {
  if (caller.kind === 'system') return true;
  return (await getSetting(uow.tx, SETTINGS.attributionOwner)) === caller.organisationId;
}

async function setOwner(uow: UnitOfWork, caller: Caller, organisationId: string): Promise<void> {
  const owner = await setSettingOnce(uow.tx, SETTINGS.attributionOwner, organisationId, uow.now.toISOString());
  if (owner !== organisationId) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `この設置の記録は既に別の事業者（${owner}）のものとして登録されています。`,
        en: `this installation's records already belong to another provider (${owner})`,
      },
      { field: 'organisationId', value: organisationId },
    );
  }
  await uow.auditBy(caller, 'attribution.owner_set', ['organisation', organisationId], { organisationId });
}

/** Names the provider the attribution data belongs to, once (the installation operator's act). */
export async function claimAttributionData(uow: UnitOfWork, caller: Caller, organisationId: string): Promise<string> {
  requirePermission(caller, 'attribution.import');
  if (caller.kind !== 'system' && caller.organisationId !== organisationId) {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: '他の組織を記録の持ち主にすることはできません。',
        en: 'you cannot name another organisation as the owner of the records',
      },
      { field: 'organisationId', value: organisationId },
    );
  }
  await requireProvider(uow.tx, organisationId, 'organisationId');
  const current = await getSetting(uow.tx, SETTINGS.attributionOwner);
  if (current !== organisationId) await setOwner(uow, caller, organisationId);
  return organisationId;
}

/**
 * A provider's own installation: its records are its provider's by what the installation is, so the
 * configured organisation is named the owner when nobody is yet (its store holds no directory of
 * organisations to check the name against; the configuration is the provider's own). A store whose
 * records another provider owns is refused: it was made for someone else.
 */
export async function nameInstallationOwner(uow: UnitOfWork, caller: Caller, organisationId: string): Promise<void> {
  requirePermission(caller, 'attribution.import');
  if ((await getSetting(uow.tx, SETTINGS.attributionOwner)) !== organisationId) {
    await setOwner(uow, caller, organisationId);
  }
}

/** A file read by the caller, named in the audit entry by its path and content hash. */
export interface SourceFile {
  file: string;
  sha256: string;
}

export interface LookupOptions {
  /**
   * A resolver to reuse across lookups (a batch, or one over the in-memory index); by default one
   * over the store's attribution repository.
   */
  resolver?: Resolver;
}

/**
 * Who held an address (and port) at an instant. The audit entry records the question and the
 * verdict with the number of candidates, never the subscriber's name.
 */
export async function lookupAddress(
  uow: UnitOfWork,
  caller: Caller,
  query: AttributionQuery,
  options: LookupOptions = {},
): Promise<Resolution> {
  requirePermission(caller, 'attribution.lookup');
  await requireOwner(uow, caller, false);
  const resolver = options.resolver ?? new Resolver(attributionRepository(uow.ctx.store));
  const r = await resolver.resolve(query);
  await uow.auditBy(caller, 'attribution.looked_up', ['address', r.query.ip], {
    ip: r.query.ip,
    port: r.query.port,
    at: r.query.atUtc,
    tolerance: r.query.tolerance,
    // the assumption the verdict rests on for holdings without an end record (`logs lookup --stale-after`)
    staleAfter: resolver.staleAfterSeconds,
    verdict: r.verdict,
    candidates: r.candidates.length,
  });
  return r;
}

/**
 * Whether this installation holds address logs at all (an ISP's installation): any assignment or
 * NAT record, or a deterministic NAT configuration. Reads no personal data.
 */
export async function holdsAddressLogs(uow: UnitOfWork): Promise<boolean> {
  const repo = attributionRepository(uow.ctx.store);
  await repo.refreshSummary();
  const c = await repo.coverage();
  if (c.assignFrom !== null || c.natFrom !== null) return true;
  return (await repo.natConfigs()).length > 0;
}

/**
 * Stores the records read from one file, by the owner's people (the first import names the owner);
 * they commit with the audit entry, which names the file by its path and content hash.
 */
async function importFile(
  uow: UnitOfWork,
  caller: Caller,
  source: SourceFile,
  how: {
    action: AuditAction;
    store: (repo: AttributionRepository) => Promise<number>;
    details: (stored: number) => Record<string, unknown>;
  },
): Promise<number> {
  const { action, store, details } = how;
  requirePermission(caller, 'attribution.import');
  await requireOwner(uow, caller, true);
  const n = await store(attributionRepository(uow.ctx.store));
  await uow.auditBy(caller, action, ['attribution_file', source.sha256], {
    file: source.file,
    sha256: source.sha256,
    ...details(n),
  });
  return n;
}

/** Loads subscriber directory entries (account → contract holder). */
export async function importSubscribers(
  uow: UnitOfWork,
  caller: Caller,
  input: { source: SourceFile; subscribers: Subscriber[]; skipped: number },
): Promise<number> {
  return importFile(uow, caller, input.source, {
    action: 'attribution.subscribers_imported',
    store: (repo) => repo.upsertSubscribers(uow.tx, input.subscribers),
    details: (entries) => ({ entries, skipped: input.skipped }),
  });
}

/** Stores deterministic NAT (RFC 7422) configurations. */
export async function importNatConfigs(
  uow: UnitOfWork,
  caller: Caller,
  input: { source: SourceFile; configs: NatConfig[] },
): Promise<number> {
  return importFile(uow, caller, input.source, {
    action: 'attribution.nat_configured',
    store: (repo) => repo.addNatConfigs(uow.tx, input.configs),
    details: () => ({ configurations: input.configs.map((c) => c.name) }),
  });
}

export interface IngestLogsInput extends Omit<IngestOptions, 'format' | 'source'> {
  format: LogFormat;
  files: string[];
  /** The source the files came from, as given (`--source`): validated here. */
  source?: string;
}

/** The declared source, validated, or a refusal naming the field and value. */
function declaredSource(raw: string | undefined): Pick<IngestOptions, 'source'> {
  if (raw === undefined) return {};
  try {
    return { source: parseLogSource(raw) };
  } catch (err) {
    if (!(err instanceof LogSourceError)) throw err;
    throw new DomainError('VALIDATION_FAILED', { ja: err.ja, en: err.en }, { field: 'source', value: raw });
  }
}

/**
 * Ingests log files. Unlike the other use cases it takes the application context, not a unit of
 * work: every batch of up to a million lines commits in a transaction of its own on the fast raw
 * path, so that a crash keeps what was committed and a re-run resumes. The run's one audit entry
 * (files, hashes, counts) is appended in a unit of work of its own when the run ends — also when it
 * stopped part-way, recording what was committed and why it stopped.
 */
export async function ingestLogs(ctx: AppContext, caller: Caller, input: IngestLogsInput): Promise<IngestSummary> {
  requirePermission(caller, 'attribution.import');
  await inTransaction(ctx, (uow) => requireOwner(uow, caller, true));
  const { files, source: raw, ...rest } = input;
  const options: IngestOptions = { ...rest, ...declaredSource(raw) };
  const summary = emptyIngestSummary();
  let failure: unknown = null;
  for (const file of files) requireRegularFile(file);
  try {
    await ingestFiles(attributionRepository(ctx.store), files, options, summary);
  } catch (err) {
    failure = err;
  }
  if (summary.files.length > 0) {
    await inTransaction(ctx, (uow) =>
      uow.auditBy(caller, 'attribution.ingested', ['attribution_run', null], {
        format: input.format,
        ...(options.source === undefined ? {} : { source: options.source }),
        ...(options.zone === undefined ? {} : { zone: options.zone }),
        files: summary.files.map((f) => ({ ...f })),
        ingested: summary.ingested,
        keptAsOne: summary.keptAsOne,
        skipped: summary.skipped,
        ...(failure === null ? {} : { stopped: failure instanceof Error ? failure.message : String(failure) }),
      }),
    );
  }
  if (failure instanceof FormatMismatch) {
    const params = { file: failure.file, begun: failure.begunAs };
    throw new DomainError(
      'CONFLICT',
      { ja: t('format_mismatch', params, 'ja'), en: t('format_mismatch', params, 'en') },
      { field: 'format', value: input.format },
    );
  }
  if (failure instanceof ZoneMismatch) {
    const f = failure;
    const words = (lang: Locale) => {
      const begun = zoneWords(f.begunWith, lang);
      const asked = zoneWords(options.zone ?? '', lang);
      return f.refused === null
        ? t('zone_mismatch', { file: f.file, begun }, lang)
        : t('zone_not_again', { file: f.file, begun, asked, n: f.refused }, lang);
    };
    throw new DomainError(
      'CONFLICT',
      { ja: words('ja'), en: words('en') },
      { field: 'zone', value: options.zone ?? '' },
    );
  }
  if (failure instanceof SourceMismatch) {
    const params = { file: failure.file, begun: failure.begunFrom ?? '' };
    const key = failure.begunFrom === null ? 'source_none_before' : 'source_mismatch';
    throw new DomainError(
      'CONFLICT',
      { ja: t(key, params, 'ja'), en: t(key, params, 'en') },
      { field: 'source', value: options.source ?? '' },
    );
  }
  if (failure !== null) throw failure;
  return summary;
}

/**
 * A file to read must be there and be a file: checked for every file before the first is read, so a
 * directory named last does not stop the run after the first files were stored. Node's own refusal
 * (it names the path) is what the caller reads.
 */
function requireRegularFile(file: string): void {
  if (!statSync(file).isFile()) {
    throw Object.assign(new Error(`EISDIR: not a file, ${file}`), { code: 'EISDIR', path: file });
  }
}
