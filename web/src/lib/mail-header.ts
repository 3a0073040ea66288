// The header block of a message as the mail screen cuts it when it sends the headers alone (no key records,
// so no body hash to check): everything before the empty line that ends the header section. Pasted text and
// a chosen file's bytes are cut at the same place, so the same message sends the same header block (and the
// audit's digest of it is the same) whichever way it came.

/** The header block of a message: everything before the first empty line (the body is not sent). */
export function headerBlock(message: string): string {
  const m = /\r?\n\r?\n/.exec(message);
  return m ? message.slice(0, m.index) : message;
}

/**
 * Where a message's header block ends in its bytes: before the line end of its last header line (CRLF or
 * LF) that the empty line follows — so a CRLF message's last header keeps no stray CR — or its length.
 */
export function headerEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 10) continue;
    if (bytes[i + 1] === 10 || (bytes[i + 1] === 13 && bytes[i + 2] === 10))
      return i > 0 && bytes[i - 1] === 13 ? i - 1 : i;
  }
  return bytes.length;
}
