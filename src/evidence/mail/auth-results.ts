/** One method result from an Authentication-Results field (RFC 8601), as stated there. */
export interface AuthResult {
  method: string;
  result: string;
  reason: string | null;
  /** `ptype.property` → value, e.g. `smtp.mailfrom`, `header.d`, `header.s`. */
  properties: Record<string, string>;
  /** For dkim: header.d (or the domain of header.i); spf: smtp.mailfrom / smtp.helo domain; dmarc: header.from. */
  domain: string | null;
  /** For dkim: header.s. */
  selector: string | null;
}

export interface AuthResultsField {
  authservId: string;
  /** `i=` of an ARC-Authentication-Results field; null for Authentication-Results. */
  instance: number | null;
  results: AuthResult[];
}

function stripComments(s: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (depth === 0) out += c;
      if (c === '\\') {
        if (depth === 0) out += s[i + 1] ?? '';
        i++;
      } else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"' && depth === 0) {
      quoted = true;
      out += c;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

function splitOutsideQuotes(s: string, sep: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

const unquote = (v: string): string =>
  v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;

function domainOf(v: string | undefined): string | null {
  if (!v) return null;
  const at = v.lastIndexOf('@');
  const d = (at >= 0 ? v.slice(at + 1) : v).replace(/[<>]/g, '').trim().toLowerCase();
  return d === '' ? null : d;
}

/** Parse an Authentication-Results (or ARC-Authentication-Results) value; null if unreadable. */
export function parseAuthResults(value: string, arc = false): AuthResultsField | null {
  const parts = splitOutsideQuotes(stripComments(value), ';').map((p) => p.trim());
  let instance: number | null = null;
  if (arc) {
    const first = parts.shift();
    const m = first ? /^i\s*=\s*(\d+)$/i.exec(first) : null;
    if (!m) return null;
    instance = Number(m[1]);
  }
  const head = parts.shift();
  const authservId = head?.split(/\s+/)[0];
  if (!authservId || authservId.includes('=')) return null;
  const results: AuthResult[] = [];
  for (const part of parts) {
    if (part === '' || /^none$/i.test(part)) continue;
    const tokens = part.match(/(?:[^\s"]+|"(?:[^"\\]|\\.)*")+/g) ?? [];
    const first = tokens.shift();
    const mr = first ? /^([A-Za-z0-9_-]+)(?:\/\d+)?=([A-Za-z0-9_-]+)$/.exec(first) : null;
    if (!mr) continue;
    const method = (mr[1] ?? '').toLowerCase();
    const result = (mr[2] ?? '').toLowerCase();
    let reason: string | null = null;
    const properties: Record<string, string> = {};
    for (const t of tokens) {
      const eq = t.indexOf('=');
      if (eq <= 0) continue;
      const key = t.slice(0, eq).toLowerCase();
      const val = unquote(t.slice(eq + 1));
      if (key === 'reason') reason = val;
      else if (key.includes('.')) properties[key] = val;
    }
    let domain: string | null = null;
    let selector: string | null = null;
    if (method === 'dkim') {
      domain = domainOf(properties['header.d'] ?? properties['header.i']);
      selector = properties['header.s'] ?? null;
    } else if (method === 'spf') domain = domainOf(properties['smtp.mailfrom'] ?? properties['smtp.helo']);
    else if (method === 'dmarc') domain = domainOf(properties['header.from']);
    else if (method === 'arc') domain = null;
    results.push({ method, result, reason, properties, domain, selector });
  }
  return { authservId, instance, results };
}
