// The resolver: public address[:port] at an instant → inside address (CGNAT) → account
// (RADIUS / DHCP) → contract holder, with a verdict that never guesses (DESIGN §6).

import { formatAtOffset } from '../domain/time.ts';
import { type Bilingual, cliLocale, type Locale } from '../kernel/text.ts';
import {
  type Address,
  AddressError,
  addressBytes,
  formatIPv4,
  ipv4Address,
  LOG_SYNTAX,
  requireAddress,
} from '../net/address.ts';
import { maskAddress } from '../net/cidr.ts';
import { type TextKey, t } from './messages.ts';
import { deterministicInside, deterministicInsidesOf, type NatConfig } from './nat-config.ts';
import { shownUnused } from './nat-cover.ts';
import type {
  AssignSeriesRow,
  AttributionStore,
  HolderWindow,
  NatKind,
  NatSeriesRow,
  RefusedFile,
} from './store/types.ts';
import { contractCovers, contractDays, normaliseAccount, type Subscriber } from './subscribers.ts';
import { isoUtc, parseQueryInstant, parseTolerance, queryOffset, TimeError } from './time.ts';

/** A question the resolver cannot read: which part (`ip`, `port`, `at`, `tolerance`) and why, in both languages. */
export class QueryError extends Error {
  override name = 'QueryError';
  readonly field: 'ip' | 'port' | 'at' | 'tolerance';
  readonly ja: string;
  readonly en: string;
  readonly code: 'VALIDATION_FAILED' | TimeError['code'];
  constructor(field: QueryError['field'], words: Bilingual, code: QueryError['code'] = 'VALIDATION_FAILED') {
    super(`${field}: ${words.en}`);
    this.field = field;
    this.ja = words.ja;
    this.en = words.en;
    this.code = code;
  }
}

const timeRefusal = (field: 'at' | 'tolerance', err: TimeError) =>
  new QueryError(field, { ja: err.ja, en: err.en }, err.code);

export interface AttributionQuery {
  ip: string;
  port?: number | string | null;
  /** ISO-8601 with an offset (or a known zone abbreviation). */
  at: string;
  /** Seconds, or "2s" / "500ms"; default 0. */
  tolerance?: number | string;
}

export type Verdict = 'unique' | 'ambiguous' | 'none';

export interface SourceRecord {
  kind: 'nat-block' | 'nat-session' | 'nat-config' | 'assign';
  file: string;
  line: number;
  endLine: number | null;
}

/** A directory entry as an answer shows it: the candidate names the account; the contract by its days. */
export interface Holder extends Omit<Subscriber, 'account' | 'contractStart' | 'contractEnd'> {
  /** The contract's first day, `YYYY-MM-DD` in Asia/Tokyo (null: unknown). */
  contractStart: string | null;
  /** Its last day, included, `YYYY-MM-DD` in Asia/Tokyo (null: still running). */
  contractEnd: string | null;
}

export interface Candidate {
  account: string | null;
  holder: Holder | null;
  insideAddress: string | null;
  /** When its holding began (the earliest start of its records). */
  from: string;
  /** The last instant the records confirm it held it ('' when none of its links is confirmed together). */
  to: string;
  /**
   * Until when it may have held it: `to` when every end was logged; later for a holding without an end
   * record (until the next holding starts, at most --stale-after after its last sighting); '' without end.
   */
  possibleTo: string;
  sources: SourceRecord[];
  notes: Note[];
}

/** The remarks the engine makes on a candidate: a holding without an end record, a computed NAT mapping. */
export const CANDIDATE_NOTES = ['no_stop', 'deterministic'] as const satisfies readonly TextKey[];
export type CandidateNote = (typeof CANDIDATE_NOTES)[number];

/** A remark on a candidate, as a reason is given: its code, in the process's language, and in both. */
export interface Note {
  code: CandidateNote;
  /** In the process's language (SHOKAI_LANG). */
  message: string;
  /** The same in both languages (what the API, the web and the findings show). */
  text: { ja: string; en: string };
}

function noteOf(code: CandidateNote, params: Record<string, string | number>): Note {
  return { code, message: t(code, params), text: { ja: t(code, params, 'ja'), en: t(code, params, 'en') } };
}

export interface Reason {
  code: string;
  /** In the process's language (SHOKAI_LANG). */
  message: string;
  /** The same in both languages (what the API and the web show). */
  text: { ja: string; en: string };
}

export interface Resolution {
  query: {
    ip: string;
    port: number | null;
    at: string;
    atUtc: string;
    tolerance: number;
    window: { from: string; to: string };
  };
  verdict: Verdict;
  candidates: Candidate[];
  reasons: Reason[];
}

export interface ResolverOptions {
  /**
   * How long after its last sighting a holding without an end record (no Stop, no RELEASE) is
   * still considered possible, unless the next holding of the same address starts earlier.
   */
  staleAfterSeconds?: number;
  /**
   * How many rows of one series a walk reads at the most (65,536). A walk stopped there with older rows
   * still able to reach the window has not read them all: the answer is then never `unique`.
   */
  maxSeriesRows?: number;
}

/** One link of evidence with its confirmed span [t0, t1] and possible span [t0, pEnd]. */
interface Hit {
  t0: number;
  t1: number;
  pEnd: number;
  open: boolean;
  source: SourceRecord;
}

interface NatHit extends Hit {
  inside: number;
  plo: number;
  phi: number;
  note?: Note;
}

interface AssignHit extends Hit {
  account: string;
  prefix: string;
  holders: Subscriber[] | undefined;
}

interface WalkResult<R> {
  hits: Array<R & { pEnd: number }>;
  previous: (R & { pEnd: number }) | null;
  /** The walk stopped at its row limit with older rows still able to reach the window: not all was read. */
  cut?: boolean;
}

/**
 * How far before the first and after the last NAT record of a public address it is still taken as a
 * CGNAT public address (seconds): a day, so that the clocks of a NAT and of the RADIUS or DHCP servers
 * disagreeing, or a record logged late, never hand a question from the NAT's time to a direct holder.
 */
export const CGNAT_MARGIN_SECONDS = 86400;

export class Resolver {
  private readonly store: AttributionStore;
  /** How long a holding without an end record stays possible (seconds): recorded with every lookup. */
  readonly staleAfterSeconds: number;
  private readonly maxRows: number;
  private configs: NatConfig[] | null = null;
  /** The files with lines an ingest refused (read once per resolver). */
  private refused: RefusedFile[] | null = null;

  constructor(store: AttributionStore, opts: ResolverOptions = {}) {
    this.store = store;
    this.staleAfterSeconds = opts.staleAfterSeconds ?? 86400;
    this.maxRows = opts.maxSeriesRows ?? 65536;
  }

  /**
   * Scan rows of one series (latest first, t0 ≤ b) until no row not yet read can reach `a`. A holding
   * without an end record stays possible until the next holding of the series starts, at most `stale`
   * after its last sighting. A row ending before `a` is no hit, but an older row may still outlast it
   * (an address held behind two CGNs, two DHCP servers): the walk goes on while the row's reach (the
   * latest end among the rows of the series that start no later than it) is `a` or later, or later than
   * the latest end before `a` read so far. `previous` is the row ending latest before `a`. Only a row starting
   * strictly later cuts an open row's possible end: rows of one start come in no meaningful order, and one
   * of them ending says nothing of the other's end.
   */
  private scan<R extends { t0: number; t1: number; open: boolean; reach: number }>(
    rows: R[],
    from: number,
    to: number,
    a: number,
    accept: (r: R) => boolean,
  ): WalkResult<R> & { terminated: boolean } {
    const hits: Array<R & { pEnd: number }> = [];
    let previous: (R & { pEnd: number }) | null = null;
    // the earliest start read so far, and the earliest start read strictly later than it
    let earliest = Infinity;
    let later = Infinity;
    for (let i = from; i < to; i++) {
      // rows are fresh objects from the store: annotate them rather than copy them
      const r = rows[i]! as R & { pEnd: number };
      if (r.t0 < earliest) {
        later = earliest;
        earliest = r.t0;
      }
      r.pEnd = r.open ? Math.max(r.t1, Math.min(later, r.t1 + this.staleAfterSeconds)) : r.t1;
      if (r.pEnd >= a) {
        if (accept(r)) hits.push(r);
      } else if (previous === null || r.pEnd > previous.pEnd) previous = r;
      // A row not yet read starts no later than r. One starting earlier ends by r.reach, or (open) by the
      // start of a newer row, r.t0 at the latest. One of r's own start (unless the next row read starts
      // earlier) ends by r.reach, or (open) by the start of a row later than r, at most `stale` after.
      const sameStartUnread = i + 1 >= to || rows[i + 1]!.t0 >= r.t0;
      const openSame = sameStartUnread ? Math.min(later, r.reach + this.staleAfterSeconds) : -Infinity;
      const rest = Math.max(r.reach, r.t0, openSame);
      if (rest < a && previous !== null && rest <= previous.pEnd) return { hits, previous, terminated: true };
    }
    return { hits, previous, terminated: false };
  }

  /** Walk one series backwards from `b` until no older row reaches `a`. */
  private async walk<R extends { t0: number; t1: number; open: boolean; reach: number }>(
    fetch: (limit: number) => Promise<R[]>,
    a: number,
    accept: (r: R) => boolean,
  ): Promise<WalkResult<R>> {
    // Usually two rows answer: the holding at the instant and the one before it that ends earlier; a third
    // shows that no unread row shares the second's start (scan), so the walk can stop there.
    let limit = 3;
    for (;;) {
      const rows = await fetch(limit);
      const w = this.scan(rows, 0, rows.length, a, accept);
      if (w.terminated || rows.length < limit) return w;
      if (limit >= this.maxRows) return { ...w, cut: true };
      limit *= 8;
    }
  }

  /** All series of a public address near a port in one probe: rows ordered by port_low, then t0, both descending. */
  private async nearSeries(
    kind: NatKind,
    pub: number,
    lo: number,
    hi: number,
    a: number,
    b: number,
    accept: (r: NatSeriesRow) => boolean,
  ): Promise<Array<WalkResult<NatSeriesRow>>> {
    let limit = 3;
    for (;;) {
      const rows = await this.store.natNear(kind, pub, lo, hi, b, limit);
      const out: Array<WalkResult<NatSeriesRow>> = [];
      let i = 0;
      let lastTerminated = true;
      while (i < rows.length) {
        let j = i + 1;
        while (j < rows.length && rows[j]!.plo === rows[i]!.plo) j++;
        const w = this.scan(rows, i, j, a, accept);
        out.push(w);
        lastTerminated = w.terminated;
        i = j;
      }
      if (lastTerminated || rows.length < limit) return out;
      if (limit >= this.maxRows) {
        // the limit cut the last series read (rows come by port_low, then newest first)
        const last = out[out.length - 1];
        if (last) last.cut = true;
        return out;
      }
      limit *= 8;
    }
  }

  private async natHits(
    pub: number,
    port: number | null,
    a: number,
    b: number,
  ): Promise<{ hits: NatHit[]; previousEnd: number | null; cut: boolean }> {
    const hits: NatHit[] = [];
    let previousEnd: number | null = null;
    let cut = false;
    const span = await this.store.maxBlockSpan();
    for (const kind of ['block', 'session'] as NatKind[]) {
      const lo = port === null ? 0 : Math.max(0, port - (kind === 'block' ? span : 0));
      const hi = port === null ? 65535 : port;
      if (!(await this.store.hasNatKind(kind))) continue;
      const accept = (r: NatSeriesRow): boolean => port === null || (port >= r.plo && port <= r.phi);
      let walks: Array<WalkResult<NatSeriesRow>>;
      if (port !== null) walks = await this.nearSeries(kind, pub, lo, hi, a, b, accept);
      else {
        walks = [];
        for (const plo of await this.store.natPortLows(kind, pub, lo, hi)) {
          walks.push(
            await this.walk<NatSeriesRow>((limit) => this.store.natSeries(kind, pub, plo, b, limit), a, accept),
          );
        }
      }
      for (const w of walks) {
        if (w.cut) cut = true;
        for (const r of w.hits) {
          hits.push({
            t0: r.t0,
            t1: r.t1,
            pEnd: r.pEnd,
            open: r.open,
            inside: r.inside,
            plo: r.plo,
            phi: r.phi,
            source: {
              kind: kind === 'block' ? 'nat-block' : 'nat-session',
              file: await this.store.fileName(r.file),
              line: r.line,
              endLine: r.eline || null,
            },
          });
        }
        if (w.previous && (port === null || (port >= w.previous.plo && port <= w.previous.phi))) {
          previousEnd = Math.max(previousEnd ?? -Infinity, w.previous.pEnd);
        }
      }
    }
    this.configs ??= await this.store.natConfigs();
    for (const c of this.configs) {
      const to = c.validTo ?? Infinity;
      if (c.validFrom > b || to < a) continue;
      const maps =
        port === null ? deterministicInsidesOf(c, pub) : [deterministicInside(c, pub, port)].filter((x) => x !== null);
      for (const m of maps) {
        hits.push({
          t0: c.validFrom,
          t1: to,
          pEnd: to,
          open: false,
          inside: m.inside,
          plo: m.plo,
          phi: m.phi,
          source: { kind: 'nat-config', file: `nat-config:${c.name}`, line: 0, endLine: null },
          note: noteOf('deterministic', { name: c.name }),
        });
      }
    }
    return { hits, previousEnd, cut };
  }

  private async isCgnatAddress(pub: number): Promise<boolean> {
    if (await this.store.hasNat(pub)) return true;
    this.configs ??= await this.store.natConfigs();
    return this.configs.some((c) => c.outside.includes(pub));
  }

  /**
   * The span an address was a CGNAT public address in (its NAT rows' earliest start to latest end, or on
   * while a series' latest row is open; a deterministic configuration's validity), when the window lies
   * more than CGNAT_MARGIN_SECONDS outside it; else null (the address is taken as CGNAT then). `to` null:
   * no end.
   */
  private async cgnatSpanOutside(
    pub: number,
    a: number,
    b: number,
  ): Promise<{ from: number; to: number | null } | null> {
    let from = Infinity;
    let to = -Infinity;
    const span = await this.store.natSpan(pub);
    if (span) {
      from = span.from;
      to = span.open ? Infinity : span.to;
    }
    this.configs ??= await this.store.natConfigs();
    for (const c of this.configs) {
      if (!c.outside.includes(pub)) continue;
      from = Math.min(from, c.validFrom);
      to = Math.max(to, c.validTo ?? Infinity);
    }
    if (!(from <= to)) return null;
    const outside = b < from - CGNAT_MARGIN_SECONDS || a > to + CGNAT_MARGIN_SECONDS;
    return outside ? { from, to: Number.isFinite(to) ? to : null } : null;
  }

  /**
   * Whether the NAT logs show a public address unused from its last translation through `b`: never with a
   * deterministic configuration naming it (it is not logged); 'unknown' for files ingested before covers
   * were kept (./nat-cover.ts).
   */
  private async afterSpanLogs(pub: number, b: number): Promise<ReturnType<typeof shownUnused>> {
    this.configs ??= await this.store.natConfigs();
    if (this.configs.some((c) => c.outside.includes(pub))) return 'unknown';
    return shownUnused(await this.store.natFileCovers(pub), b);
  }

  private async assignHits(
    addr: Address,
    a: number,
    b: number,
    window: HolderWindow,
  ): Promise<{ hits: AssignHit[]; previousEnd: number | null; known: boolean; cut: boolean }> {
    const bits = addr.family === 4 ? 32 : 128;
    const hits: AssignHit[] = [];
    let previousEnd: number | null = null;
    let known = false;
    let cut = false;
    for (const plen of await this.store.assignPrefixLengths(addr.family)) {
      const network = maskAddress(addr, plen);
      const net = addressBytes(network);
      const w = await this.walk<AssignSeriesRow>(
        (limit) => this.store.assignSeries(net, plen, b, limit, window),
        a,
        () => true,
      );
      const prefix = plen === bits ? network.text : `${network.text}/${plen}`;
      if (w.cut) cut = true;
      for (const r of w.hits) {
        known = true;
        hits.push({
          t0: r.t0,
          t1: r.t1,
          pEnd: r.pEnd,
          open: r.open,
          account: r.account,
          prefix,
          holders: r.holders,
          source: { kind: 'assign', file: await this.store.fileName(r.file), line: r.line, endLine: r.eline || null },
        });
      }
      if (w.previous) {
        known = true;
        previousEnd = Math.max(previousEnd ?? -Infinity, w.previous.pEnd);
      } else if (!known && w.hits.length === 0 && (await this.store.hasAssign(net, plen))) known = true;
    }
    return { hits, previousEnd, known, cut };
  }

  private async holderOf(account: string, a: number, b: number, reasons: Reason[]): Promise<Holder | null> {
    // the directory keeps a hardware-address account in one form; a log may write it another way
    const subs: Subscriber[] = await this.store.subscribers(normaliseAccount(account));
    if (subs.length === 0) {
      addReason(reasons, 'no_subscriber', { account });
      return null;
    }
    const covering = subs.filter((s) => contractCovers(s, { a, b }));
    if (covering.length !== 1) {
      addReason(reasons, 'contract_not_covering', { account });
      return null;
    }
    return toHolder(covering[0]!);
  }

  async resolve(q: AttributionQuery): Promise<Resolution> {
    await this.store.refreshSummary();
    // --- the query as received, validated
    let addr: Address;
    try {
      addr = requireAddress(q.ip, LOG_SYNTAX);
    } catch (err) {
      if (err instanceof AddressError) {
        throw new QueryError('ip', { ja: `IP アドレスとして読めません: "${q.ip}"`, en: err.message });
      }
      throw err;
    }
    let port: number | null = null;
    if (q.port !== undefined && q.port !== null && q.port !== '') {
      const p = typeof q.port === 'number' ? q.port : Number(q.port);
      if (!Number.isInteger(p) || p < 0 || p > 65535 || (typeof q.port === 'string' && !/^\d+$/.test(q.port.trim()))) {
        throw new QueryError('port', {
          ja: `ポートは 0〜65535 の整数です: "${q.port}"`,
          en: `not an integer 0–65535: "${q.port}"`,
        });
      }
      port = p;
    }
    let at: number;
    let tol: number;
    try {
      at = parseQueryInstant(q.at);
    } catch (err) {
      if (err instanceof TimeError) throw timeRefusal('at', err);
      throw err;
    }
    try {
      tol = typeof q.tolerance === 'number' ? q.tolerance : parseTolerance(q.tolerance ?? '0');
    } catch (err) {
      if (err instanceof TimeError) throw timeRefusal('tolerance', err);
      throw err;
    }
    if (!(tol >= 0)) {
      throw new QueryError('tolerance', {
        ja: `許容誤差に負の値は指定できません: ${q.tolerance}`,
        en: `must not be negative: ${q.tolerance}`,
      });
    }
    // A note or reason names its times at the offset the question was asked at (the asker's own).
    const offset = queryOffset(q.at);
    const shown = (seconds: number) => formatAtOffset(seconds * 1000, offset);
    // Records have whole-second precision: the window widens outwards to whole seconds.
    const a = Math.floor(at - tol);
    const b = Math.ceil(at + tol);
    const ipText = addr.text;
    const reasons: Reason[] = [];
    // Records on lines an ingest refused are not in the store: every answer over it says so (below).
    this.refused ??= await this.store.refusedFiles();
    const refusedFiles = this.refused;
    const refused = refusedFiles.length > 0;
    const base: Resolution['query'] = {
      ip: q.ip,
      port,
      at: q.at,
      atUtc: isoUtc(at),
      tolerance: tol,
      window: { from: isoUtc(at - tol), to: isoUtc(at + tol) },
    };

    // --- CGNAT layer
    let chains: Array<{ nat: NatHit | null; assign: AssignHit | null }> = [];
    let cgnat = false;
    // A CGNAT public address held directly more than a margin outside its NAT span: its direct holdings.
    let direct: Awaited<ReturnType<Resolver['assignHits']>> | null = null;
    // The NAT logs show the address unused from its last translation through the window.
    let directShown = false;
    let natPrevEnd: number | null = null;
    // a walk that stopped at its row limit before reading every row that could reach the window
    let cut = false;
    if (addr.family === 4) {
      const pub = addr.v4;
      const nat = await this.natHits(pub, port, a, b);
      natPrevEnd = nat.previousEnd;
      cut = nat.cut;
      cgnat = nat.hits.length > 0 || (await this.isCgnatAddress(pub));
      if (cgnat && nat.hits.length === 0) {
        // Held outright before or after its NAT use? Its direct holdings are candidates, never one holder:
        // a block held since before the NAT logs begin shows first at its release, after the window, and
        // the store does not know which NAT's logs cover the window (docs/attribution.md, known limits).
        const held = await this.assignHits(addr, a, b, { a, b });
        const span = held.hits.length > 0 ? await this.cgnatSpanOutside(pub, a, b) : null;
        if (span) {
          cgnat = false;
          direct = held;
          const words = (lang: Locale) =>
            span.to === null
              ? t('cgnat_span_open', { from: shown(span.from) }, lang)
              : t('cgnat_span', { from: shown(span.from), to: shown(span.to) }, lang);
          const spanWords = { ja: words('ja'), en: words('en') };
          // After the span, the NAT logs may show the address unused through the window (./nat-cover.ts).
          const logs = span.to !== null && a > span.to ? await this.afterSpanLogs(pub, b) : 'unknown';
          if (logs !== 'unknown' && logs.shown) {
            directShown = true;
            const joined = logs.sources.join(', ');
            const source = (lang: Locale) => (joined ? t('cgnat_log_joined', { source: joined }, lang) : '');
            addReason(reasons, 'cgnat_after_logged', {
              ip: ipText,
              span: spanWords,
              source: { ja: source('ja'), en: source('en') },
            });
          } else {
            addReason(reasons, 'cgnat_other_times', { ip: ipText, span: spanWords });
            if (logs !== 'unknown') {
              const until = (lang: Locale) =>
                logs.until === null
                  ? t('cgnat_log_not_shown', {}, lang)
                  : t('cgnat_log_until', { at: shown(logs.until) }, lang);
              const src = logs.source;
              const source = (lang: Locale) => (src === null ? '' : t('cgnat_log_ends_joined', { source: src }, lang));
              addReason(reasons, 'cgnat_log_ends', {
                ip: ipText,
                file: logs.path,
                until: { ja: until('ja'), en: until('en') },
                source: { ja: source('ja'), en: source('en') },
              });
            }
          }
        }
      }
      if (cgnat) {
        if (port === null) addReason(reasons, 'no_port_cgnat', { ip: ipText });
        for (const n of nat.hits) {
          const sa = Math.max(a, n.t0);
          const sb = Math.min(b, n.pEnd);
          const r = await this.assignHits(ipv4Address(n.inside), sa, sb, { a, b });
          if (r.cut) cut = true;
          const overlapping = r.hits.filter((h) => h.t0 <= sb && h.pEnd >= sa);
          if (overlapping.length === 0) {
            addReason(reasons, 'inside_unassigned', { inside: formatIPv4(n.inside) });
            chains.push({ nat: n, assign: null });
          }
          for (const h of overlapping) chains.push({ nat: n, assign: h });
        }
      }
    }
    if (!cgnat) {
      const r = direct ?? (await this.assignHits(addr, a, b, { a, b }));
      if (r.cut) cut = true;
      chains = r.hits.map((h) => ({ nat: null, assign: h }));
      if (chains.length === 0)
        await this.explainNone(reasons, r.known, r.previousEnd, 'assign', ipText, a, b, shown, refused);
    } else if (chains.length === 0) {
      if (port !== null && natPrevEnd === null && addr.family === 4) {
        // No block of this address ever started within reach of the port: it lies outside every block.
        // (CGNAT is IPv4 only: cgnat implies an IPv4 address.)
        const pub = addr.v4;
        const span = await this.store.maxBlockSpan();
        const near =
          (await this.store.natPortLows('block', pub, Math.max(0, port - span), port)).length +
          (await this.store.natPortLows('session', pub, port, port)).length;
        if (near === 0) addReason(reasons, 'port_outside_blocks', { port, ip: ipText });
        else await this.explainNone(reasons, true, natPrevEnd, 'nat', ipText, a, b, shown, refused);
      } else await this.explainNone(reasons, true, natPrevEnd, 'nat', ipText, a, b, shown, refused);
    }

    // --- candidates per (account, inside address), coverage and verdict
    const byKey = new Map<
      string,
      {
        c: Candidate;
        from: number;
        to: number;
        confirmedTo: number;
        possibleTo: number;
        holders: Subscriber[] | undefined;
      }
    >();
    const confirmed: Array<[number, number]> = [];
    // A CGNAT public address is shared: without a port, the records show the holders of the blocks they
    // logged, never that nobody else used the address then (a block allocated before the oldest log).
    let uncertain = (cgnat && port === null) || (direct !== null && !directShown);
    if (cut) {
      uncertain = true;
      addReason(reasons, 'records_cut', { n: this.maxRows });
    }
    for (const ch of chains) {
      const s0 = Math.max(ch.nat?.t0 ?? -Infinity, ch.assign?.t0 ?? -Infinity);
      const c1 = Math.min(ch.nat?.t1 ?? Infinity, ch.assign?.t1 ?? Infinity);
      const p1 = Math.min(ch.nat?.pEnd ?? Infinity, ch.assign?.pEnd ?? Infinity);
      if (ch.assign === null) uncertain = true;
      if (s0 <= c1) confirmed.push([Math.max(s0, a), Math.min(c1, b)]);
      const notes: Note[] = [];
      if (ch.nat?.note) notes.push(ch.nat.note);
      for (const h of [ch.nat, ch.assign]) {
        if (h?.open && h.pEnd > h.t1 && h.t1 < b) {
          notes.push(noteOf('no_stop', { at: shown(h.t1) }));
          uncertain = true;
        }
      }
      const account = ch.assign?.account ?? null;
      const inside = ch.nat ? formatIPv4(ch.nat.inside) : (ch.assign?.prefix ?? null);
      const key = `${account}\u0000${inside}`;
      let e = byKey.get(key);
      if (!e) {
        e = {
          c: {
            account,
            holder: null,
            insideAddress: ch.nat ? inside : (ch.assign?.prefix ?? null),
            from: '',
            to: '',
            possibleTo: '',
            sources: [],
            notes: [],
          },
          from: s0,
          to: c1,
          confirmedTo: -Infinity,
          possibleTo: p1,
          holders: ch.assign?.holders,
        };
        byKey.set(key, e);
      }
      e.from = Math.min(e.from, s0);
      e.to = Math.max(e.to, Math.max(c1, s0));
      // the confirmed span: only where every link of the chain is confirmed at once
      if (s0 <= c1) e.confirmedTo = Math.max(e.confirmedTo, c1);
      e.possibleTo = Math.max(e.possibleTo, p1);
      for (const h of [ch.nat, ch.assign]) {
        if (
          h &&
          !e.c.sources.some((s) => s.file === h.source.file && s.line === h.source.line && s.kind === h.source.kind)
        )
          e.c.sources.push(h.source);
      }
      for (const n of notes) if (!e.c.notes.some((m) => m.message === n.message)) e.c.notes.push(n);
    }
    const candidates: Candidate[] = [];
    for (const e of byKey.values()) {
      e.c.from = Number.isFinite(e.from) ? isoUtc(e.from) : '';
      e.c.to = Number.isFinite(e.confirmedTo) ? isoUtc(e.confirmedTo) : '';
      e.c.possibleTo = Number.isFinite(e.possibleTo) ? isoUtc(Math.max(e.possibleTo, e.confirmedTo)) : '';
      if (e.c.account !== null) {
        // The directory entry came with the session probe when exactly one contract covers the window; else
        // the contract must cover the part of the window the candidate may have held it in.
        e.c.holder =
          e.holders?.length === 1
            ? toHolder(e.holders[0]!)
            : await this.holderOf(e.c.account, Math.max(a, e.from), Math.min(b, e.possibleTo), reasons);
      }
      candidates.push(e.c);
    }
    candidates.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : 0));
    const accounts = new Set(candidates.filter((c) => c.account !== null).map((c) => c.account));
    const gap = firstGap(confirmed, a, b);
    let verdict: Verdict;
    if (accounts.size === 0) {
      verdict = 'none';
      candidates.length = 0;
    } else if (accounts.size === 1 && !uncertain && gap === null) {
      verdict = 'unique';
      addReason(reasons, 'unique', {});
    } else {
      verdict = 'ambiguous';
      if (accounts.size > 1) {
        addReason(reasons, 'several_accounts', { n: accounts.size });
        const ordered = [...byKey.values()].filter((e) => e.c.account !== null).sort((x, y) => x.from - y.from);
        const first = ordered[0];
        const last = ordered[ordered.length - 1];
        if (first && last && first.c.account !== last.c.account && first.to <= last.from) {
          addReason(reasons, 'handover', { from: first.c.account ?? '', to: last.c.account ?? '' });
        }
      }
      if (gap !== null) addReason(reasons, 'partial', { from: shown(gap[0]), to: shown(gap[1]) });
    }
    if (refused) addReason(reasons, 'lines_refused', { files: refusedWords(refusedFiles) });
    return { query: base, verdict, candidates, reasons };
  }

  private async explainNone(
    reasons: Reason[],
    known: boolean,
    previousEnd: number | null,
    domain: 'nat' | 'assign',
    ip: string,
    a: number,
    b: number,
    shown: (seconds: number) => string,
    refused: boolean,
  ): Promise<void> {
    const cov = await this.store.coverage();
    // before the oldest record: beyond retention, possibly — unless lines were refused, which may hold it
    const before = refused ? 'before_records_refused' : 'before_records';
    const from = domain === 'nat' ? cov.natFrom : cov.assignFrom;
    const to = domain === 'nat' ? cov.natTo : cov.assignTo;
    if (!known) {
      addReason(reasons, 'unknown_address', { ip });
      if (from !== null && b < from) addReason(reasons, 'before_records', { from: shown(from) }, before);
      return;
    }
    if ((from !== null && b < from) || previousEnd === null)
      addReason(reasons, 'before_records', { from: shown(from ?? a) }, before);
    else if (to !== null && a > to) addReason(reasons, 'after_records', { to: shown(to) });
    else {
      // The previous record's end, a part of the reason in each language (not in the process's only).
      const last = (lang: Locale) => (previousEnd !== null ? t('gap_last', { at: shown(previousEnd) }, lang) : '');
      addReason(reasons, 'gap', { ip, last: { ja: last('ja'), en: last('en') } });
    }
  }
}

function toHolder(s: Subscriber): Holder {
  const days = contractDays(s);
  return {
    name: s.name,
    nameKana: s.nameKana,
    installationAddress: s.installationAddress,
    billingAddress: s.billingAddress,
    phone: s.phone,
    email: s.email,
    contractStart: days.start,
    contractEnd: days.end,
    lineUse: s.lineUse,
  };
}

/** A reason's parameters: a value the same in both languages, or a part written in each. */
type ReasonParams = Record<string, string | number | Bilingual>;

function paramsIn(params: ReasonParams, lang: Locale): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v[lang] : v]));
}

/** A reason by its code, in the words of `key` (the code's own by default; another for a variant of it). */
function addReason(reasons: Reason[], code: TextKey, params: ReasonParams, key: TextKey = code): void {
  const text = { ja: t(key, paramsIn(params, 'ja'), 'ja'), en: t(key, paramsIn(params, 'en'), 'en') };
  const message = text[cliLocale()];
  if (!reasons.some((r) => r.code === code && r.message === message)) reasons.push({ code, message, text });
}

/** The first span of whole seconds in [a, b] covered by none of the intervals, or null. */
function firstGap(intervals: Array<[number, number]>, a: number, b: number): [number, number] | null {
  const sorted = intervals.filter(([s, e]) => e >= a && s <= b).sort((x, y) => x[0] - y[0]);
  let cur = a;
  for (const [s, e] of sorted) {
    if (s > cur) return [cur, s - 1];
    cur = Math.max(cur, e + 1);
    if (cur > b) return null;
  }
  return cur > b ? null : [cur, b];
}

/** The files with refused lines, in words: the first three each with its count, then how many more. */
function refusedWords(files: readonly RefusedFile[]): Bilingual {
  const words = (lang: Locale) => {
    const named = files.slice(0, 3).map((f) => t('lines_refused_file', { file: f.path, n: f.lines }, lang));
    if (files.length > 3) named.push(t('lines_refused_more', { n: files.length - 3 }, lang));
    return named.join(lang === 'ja' ? '、' : '; ');
  };
  return { ja: words('ja'), en: words('en') };
}
