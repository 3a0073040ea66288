/**
 * Text as a Japanese system exports it in Shift_JIS, for tests of the importers' decoding. Node can
 * decode Shift_JIS but not encode it, so the table is built by decoding every two-byte code once.
 */
let table: Map<string, number[]> | undefined;

export function shiftJis(text: string): Uint8Array<ArrayBuffer> {
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder('shift_jis', { fatal: true });
    for (const lead of [...range(0x81, 0x9f), ...range(0xe0, 0xfc)]) {
      for (const trail of range(0x40, 0xfc)) {
        try {
          const ch = decoder.decode(Uint8Array.of(lead, trail));
          if (!table.has(ch)) table.set(ch, [lead, trail]);
        } catch {
          // not a character
        }
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out.push(code);
    else out.push(...(table.get(ch) ?? fail(ch)));
  }
  return Uint8Array.from(out);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function fail(ch: string): never {
  throw new Error(`no Shift_JIS code for ${JSON.stringify(ch)}`);
}
