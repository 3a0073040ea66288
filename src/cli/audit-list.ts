// `shokai audit list`: the audit log read for oversight (監察) on the local store, as the page /audit/log and
// GET /v1/audit/entries read it (searchAuditLog, its own access check and its own audit entry): the local
// operator reads the whole log, a login given with --as its own part. Each entry in the chosen language —
// its time in the operator's zone with the offset, who (name and organisation), what in words (the domain's
// table of audit details, the same words as the web) and the request it is about, each value kept on its
// line (`oneLine`); --json for programs.
import { type Command, InvalidArgumentError } from 'commander';
import { auditCsv } from '../audit/audit-csv.ts';
import { type AuditLogEntry, type AuditLogPage, exportAuditLog, searchAuditLog } from '../audit/audit-search.ts';
import { auditDetailLines, auditHeading, bracketed } from '../domain/audit-details.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { visibleText } from '../domain/shown-text.ts';
import {
  ACTOR_TYPE_LABELS,
  AUDIT_ACTION_GROUP_LABELS,
  AUDIT_ACTION_GROUPS,
  type AuditActionGroup,
  isOneOf,
  type Locale,
} from '../domain/vocabulary.ts';
import { cliLocale } from '../kernel/text.ts';
import { runLocal, zoneOption } from './context.ts';
import { tr } from './language.ts';
import { printResult } from './output.ts';
import { localResultOptions } from './store-options.ts';
import { instantsIn } from './zone.ts';

interface ListOptions {
  store?: string;
  as?: string;
  json?: boolean;
  csv?: boolean;
  from?: string;
  to?: string;
  person?: string;
  group?: AuditActionGroup;
  request?: string;
  limit?: string;
  before?: string;
  zone?: string;
}

/** The options whose values go to the read as its fields of the same name. */
const FILTERS = ['from', 'to', 'person', 'group', 'request', 'limit', 'before'] as const;

/** The groups of actions in words, for the help and for a refusal: `code = label` each. */
function groupsInWords(): string {
  const locale = cliLocale();
  return AUDIT_ACTION_GROUPS.map((g) => `${g} = ${AUDIT_ACTION_GROUP_LABELS[g][locale]}`).join(
    locale === 'ja' ? '、' : '; ',
  );
}

function parseGroup(value: string): AuditActionGroup {
  if (isOneOf(AUDIT_ACTION_GROUPS, value)) return value;
  throw new InvalidArgumentError(tr(`次のいずれかです: ${groupsInWords()}`, `It is one of: ${groupsInWords()}`));
}

/** A refusal of the read about one of its fields, named as the option the operator typed (`to` → `--to`). */
function asOption(err: unknown): unknown {
  const field = isDomainError(err) ? err.details?.field : undefined;
  if (!isDomainError(err) || !isOneOf(FILTERS, field)) return err;
  return new DomainError(err.code, err.messages, { ...err.details, field: `--${field}` }, { cause: err });
}

/**
 * A value on one line of the listing: every control character (a newline and a tab too) and every character
 * not seen as written is put as `\uXXXX` (src/domain/shown-text.ts). Values come from whoever the log
 * recorded — a login typed at sign-in, a reason — and a newline kept would start a line of its own that
 * reads as another entry (`#seq …`).
 */
const oneLine = (value: string): string => visibleText(value);

/** Who acted, in words: the person's or machine client's name and organisation, or "the system". */
function who(e: AuditLogEntry, locale: Locale): string {
  const name = e.actor.type === 'system' ? null : e.actor.name;
  if (name === null) return ACTOR_TYPE_LABELS[e.actor.type][locale];
  const org = e.actor.organisation;
  return oneLine(org ? `${name}${bracketed(locale === 'ja' ? org.nameJa : org.nameEn, locale)}` : name);
}

/** The page as the operator reads it: a block per entry, then how to read on (or that nothing matched). */
export function auditListLines(page: AuditLogPage, zone: string, locale: Locale): string[] {
  const instant = instantsIn(zone);
  const names = new Map(page.organisations.map((o) => [o.id, locale === 'ja' ? o.nameJa : o.nameEn]));
  const say = (ja: string, en: string) => (locale === 'ja' ? ja : en);
  if (page.items.length === 0) return [say('該当する記録はありません', 'No entries match')];
  const lines: string[] = [];
  for (const e of page.items) {
    const about = e.request ? `  ${say('照会番号', 'Request')} ${oneLine(e.request.reference)}` : '';
    const heading = oneLine(auditHeading(e.action, e.details, locale, e.request?.kind ?? undefined));
    lines.push(`#${e.seq}  ${oneLine(instant(e.at))}  ${who(e, locale)}  ${heading}${about}`);
    const details = auditDetailLines(e.action, e.details, {
      locale,
      instant,
      organisationName: (id) => names.get(id),
      ...(e.request?.kind ? { kind: e.request.kind } : {}),
    });
    for (const d of details) lines.push(`    ${oneLine(d.label)}: ${oneLine(d.value)}`);
  }
  if (page.next !== null) {
    lines.push(say(`さらに古い記録: --before ${page.next}`, `Older entries: --before ${page.next}`));
  }
  return lines;
}

export function registerAuditListCommand(audit: Command): void {
  localResultOptions(audit.command('list'))
    .description(
      tr(
        '監査ログを読む（監察）: 誰が・いつ・何を・どの照会について行ったか。新しい順。この参照自体も記録される',
        'read the audit log for oversight: who did what, when, about which request; newest first; ' +
          'the read itself is recorded',
      ),
    )
    .option(
      '--from <instant>',
      tr(
        'この時刻以降（オフセット付き、例: 2026-12-01T00:00:00+09:00）',
        'at or after (with an offset, e.g. 2026-12-01T00:00:00+09:00)',
      ),
    )
    .option('--to <instant>', tr('この時刻より前（オフセット付き）', 'before this instant (with an offset)'))
    .option('--person <login>', tr('行った人のログイン名', 'the acting person, by login'))
    .option('--group <group>', tr(`行為の種類: ${groupsInWords()}`, `the kind of act: ${groupsInWords()}`), parseGroup)
    .option('--request <number>', tr('この照会番号の照会についての記録', 'entries about the request with this number'))
    .option('--limit <n>', tr('表示する件数（1〜200、既定 50）', 'how many entries (1 to 200, default 50)'))
    .option(
      '--before <seq>',
      tr('この番号より古い記録（前回の続き）', 'entries older than this number (the next page)'),
    )
    .option(
      '--zone <zone>',
      tr('時刻を表示するタイムゾーン（既定: この端末のもの）', "the zone times are shown in (default: this machine's)"),
    )
    .option(
      '--csv',
      tr(
        '条件に合う記録をすべて CSV で出力する（最大 10,000 件。--limit・--before は使わない）',
        'print every matching entry as CSV (at most 10,000; no --limit or --before)',
      ),
    )
    .action(async (o: ListOptions) => {
      const zone = zoneOption(o.zone);
      const input = Object.fromEntries(FILTERS.flatMap((k) => (o[k] === undefined ? [] : [[k, o[k]]])));
      if (o.csv) {
        // The whole export: a page's options or JSON beside it would be silently ignored, so they are refused.
        const beside = (['limit', 'before', 'json'] as const).find((k) => o[k] !== undefined && o[k] !== false);
        if (beside) {
          throw new Error(
            tr(
              `--csv は --${beside} と一緒には使えません（条件に合う記録をすべて出力します）`,
              `--csv cannot be used with --${beside} (it prints every matching entry)`,
            ),
          );
        }
        const all = await runLocal(o, exportAuditLog, { ...input, zone }).catch((err: unknown) => {
          throw asOption(err);
        });
        process.stdout.write(auditCsv(all, all.zone, cliLocale()));
        return;
      }
      const page = await runLocal(o, searchAuditLog, input).catch((err: unknown) => {
        throw asOption(err);
      });
      printResult(o.json, page, (p) => auditListLines(p, zone, cliLocale()));
    });
}
