// Targets as the editor holds them (strings while typed) and the parser of a pasted list.

import { targetNumberProblem, targetValueProblem } from '#shokai/target-values';
import { type Bilingual, TARGET_TYPES } from '#shokai/vocabulary';
import type { Target, TargetDraft, TargetType } from '../api/types.ts';
import { wallTimeToIso } from '../time/format.ts';

/**
 * The page "who held this address" with an address at an instant filled in (its port and tolerance when
 * given): the lookup itself is the officer's act, audited when they press it.
 */
export function attributionPath(c: { address: string; at: string; port?: number; toleranceSeconds?: number }): string {
  const q = new URLSearchParams({ address: c.address, at: c.at });
  if (c.port !== undefined) q.set('port', String(c.port));
  if (c.toleranceSeconds) q.set('tolerance', String(c.toleranceSeconds));
  return `/attribution?${q.toString()}`;
}

export interface TargetRow {
  key: string;
  type: TargetType;
  /** ip address, e-mail address, account id, phone number, domain name, URL or terminal (by type). */
  value: string;
  port: string;
  at: string;
  tolerance: string;
  service: string;
  postId: string;
  from: string;
  to: string;
}

let seq = 0;
export function emptyRow(type: TargetType = 'ip'): TargetRow {
  seq += 1;
  return {
    key: `t${Date.now()}-${seq}`,
    type,
    value: '',
    port: '',
    at: '',
    tolerance: '',
    service: '',
    postId: '',
    from: '',
    to: '',
  };
}

export function rowFromTarget(t: Target | TargetDraft): TargetRow {
  const r = emptyRow(t.type);
  switch (t.type) {
    case 'ip':
      return {
        ...r,
        value: t.address,
        port: t.port === undefined ? '' : String(t.port),
        at: t.at,
        tolerance: t.toleranceSeconds ? String(t.toleranceSeconds) : '',
      };
    case 'account':
      return { ...r, value: t.id, service: t.service ?? '' };
    case 'email':
      return { ...r, value: t.address };
    case 'phone':
      return { ...r, value: t.number };
    case 'domain':
      return { ...r, value: t.name };
    case 'url':
      return { ...r, value: t.url, postId: t.postId ?? '' };
    case 'terminal':
      return { ...r, value: t.terminal, from: t.from, to: t.to };
  }
}

/** The target a row stands for (the server validates the identifiers themselves). */
export function targetFromRow(r: TargetRow): TargetDraft {
  const v = r.value.trim();
  switch (r.type) {
    case 'ip':
      return {
        type: 'ip',
        address: v,
        at: r.at,
        ...(r.port.trim() !== '' ? { port: Number(r.port.trim()) } : {}),
        ...(r.tolerance.trim() !== '' ? { toleranceSeconds: Number(r.tolerance.trim()) } : {}),
      };
    case 'account':
      return r.service.trim() ? { type: 'account', id: v, service: r.service.trim() } : { type: 'account', id: v };
    case 'email':
      return { type: 'email', address: v };
    case 'phone':
      return { type: 'phone', number: v };
    case 'domain':
      return { type: 'domain', name: v };
    case 'url':
      return r.postId.trim() ? { type: 'url', url: v, postId: r.postId.trim() } : { type: 'url', url: v };
    case 'terminal':
      return { type: 'terminal', terminal: v, from: r.from, to: r.to };
  }
}

/** `type:value`, the type one of TARGET_TYPES (any case). */
const PREFIXED = new RegExp(`^(${TARGET_TYPES.join('|')}):(.+)$`, 'i');
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const IPV4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/;
const IPV6_BRACKET = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/;
const IPV6 = /^[0-9a-fA-F]*:[0-9a-fA-F:.]*$/;

/** Reads instants at the start of `tokens`: ISO with an offset, or "date time" in `zone`. */
function takeInstant(tokens: string[], zone: string): string | null {
  const a = tokens[0];
  if (!a) return null;
  if (ISO_WITH_ZONE.test(a)) {
    tokens.shift();
    return a.replace(/Z$/, '+00:00');
  }
  const joined =
    /^\d{4}[-/]\d{2}[-/]\d{2}$/.test(a) && tokens[1] && /^\d{2}:\d{2}(:\d{2})?$/.test(tokens[1])
      ? `${a} ${tokens[1]}`
      : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(a)
        ? a
        : null;
  if (!joined) return null;
  const iso = wallTimeToIso(joined.replaceAll('/', '-'), zone);
  if (!iso) return null;
  tokens.splice(0, joined.includes(' ') ? 2 : 1);
  return iso;
}

export interface PasteResult {
  rows: TargetRow[];
  /**
   * The lines not read: their number (from 1, counting blank and comment lines) and text as pasted; with
   * `problem`, a line read as a target whose identifier the request would refuse (target-values.ts).
   */
  errors: { line: number; text: string; problem?: Bilingual }[];
}

/** What the request would refuse in a row read from a pasted line, by the server's own rule, or null. */
function rowProblem(row: TargetRow): Bilingual | null {
  return targetValueProblem(row.type, row.value) ?? (row.type === 'ip' ? targetNumberProblem('port', row.port) : null);
}

/** A line not read as a problem names it: trimmed, quoted, and cut after 60 characters (as a time's is). */
export function quotedLine(text: string): string {
  const line = text.trim();
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}

/**
 * One target per line, e.g.
 *   203.0.113.5:51234 2026-03-29 01:30:12      (instants without offset are read in `zone`)
 *   2001:db8::1 2026-03-29T01:30:12+09:00
 *   user@example.jp · +81-90-1234-5678 · https://example.jp/post/1 · example.jp
 *   account:alice@service · terminal:12 2026-03-29 10:00 2026-03-29 12:00
 */
export function parseTargetList(text: string, zone: string): PasteResult {
  const rows: TargetRow[] = [];
  const errors: PasteResult['errors'] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const row = targetFromLine(line, zone);
    const problem = row && rowProblem(row);
    if (row && !problem) rows.push(row);
    else errors.push({ line: i + 1, text: raw, ...(problem ? { problem } : {}) });
  }
  return { rows, errors };
}

/**
 * One pasted line (trimmed, not a comment) as a target row; null when it is not understood, or when
 * words are left over after the target (a post's URL followed by a time: a URL target carries no time,
 * and dropping what was pasted without a word would lose it unseen).
 */
function targetFromLine(line: string, zone: string): TargetRow | null {
  const tokens = line.split(/[\s,\t]+/).filter(Boolean);
  const row = targetFromTokens(line, tokens, zone);
  return row && (row.type === 'phone' || tokens.length === 0) ? row : null;
}

/** The target at the start of `tokens` (what it reads is taken off them). */
function targetFromTokens(line: string, tokens: string[], zone: string): TargetRow | null {
  const first = tokens.shift() as string;
  const prefixed = PREFIXED.exec(first);
  if (prefixed) {
    const type = (prefixed[1] as string).toLowerCase() as TargetType;
    const value = prefixed[2] as string;
    if (type === 'terminal') {
      const from = takeInstant(tokens, zone);
      const to = takeInstant(tokens, zone);
      if (!from || !to) return null;
      return { ...emptyRow('terminal'), value, from, to };
    }
    if (type === 'ip') {
      const at = takeInstant(tokens, zone);
      if (!at) return null;
      return { ...emptyRow('ip'), value, at };
    }
    if (type === 'account') {
      const [id, service] = value.split('@');
      return { ...emptyRow('account'), value: id ?? value, service: service ?? '' };
    }
    return { ...emptyRow(type), value };
  }
  if (/^https?:\/\//i.test(first)) return { ...emptyRow('url'), value: first };
  const v4 = IPV4.exec(first);
  const v6b = IPV6_BRACKET.exec(first);
  if (v4 || v6b || IPV6.test(first)) {
    const address = v4 ? (v4[1] as string) : v6b ? (v6b[1] as string) : first;
    let port = v4?.[2] ?? v6b?.[2] ?? '';
    if (!port && tokens[0] && /^\d{1,5}$/.test(tokens[0])) port = tokens.shift() as string;
    const at = takeInstant(tokens, zone);
    if (!at) return null;
    return { ...emptyRow('ip'), value: address, port, at };
  }
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(first)) return { ...emptyRow('email'), value: first };
  const phone = line.replace(/[\s-]/g, '');
  if (/^\+?[\d()]{9,15}$/.test(phone)) return { ...emptyRow('phone'), value: line };
  if (/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i.test(first)) return { ...emptyRow('domain'), value: first };
  return null;
}
