import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema } from '../domain/instant.ts';
import { IpAddressSchema } from '../domain/targets.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { PostLogCommunications } from '../holders/post-communications.ts';

// The communications a provision order's reviewer keeps, removes or adds (./provision.ts): as the
// forms and the command line carry them, one line each ("address [port|-] time"), and as the plan
// reads them.

const Communication = z.strictObject({
  address: IpAddressSchema,
  port: z.number().int().min(0).max(65535).optional(),
  at: InstantSchema,
});
export const PreviewInput = z.strictObject({ communications: z.array(Communication).min(1).max(50) });
/** The communications and the digest of the plan the reviewer saw (it must still be the plan). */
export const CarryOutInput = PreviewInput.extend({ plan: z.string().regex(/^[0-9a-f]{64}$/) });
export type CarryOutCommunication = z.infer<typeof Communication>;

/** A communication as one line, "address port time" (the port `-` when none): what a reviewer ticks or types. */
export const communicationLine = (c: { address: string; port?: number | undefined; at: string }): string =>
  `${c.address} ${c.port ?? '-'} ${c.at}`;

/** The communications the post log offered, post after post as shown (numbered from 1), without their sources. */
export const offeredCommunications = (f: PostLogCommunications): CarryOutCommunication[] =>
  f.posts.flatMap((p) =>
    p.communications.map((c) => ({ address: c.address, ...(c.port === undefined ? {} : { port: c.port }), at: c.at })),
  );

/**
 * One communication typed as a line ("address [port|-] time"); `where` says which line (`n`), for the
 * refusal (the page: "line 2"; the command line: the file and its line, or which --line).
 */
export function communicationOfLine(line: string, where: Bilingual, n: number): CarryOutCommunication {
  const w = line.trim().split(/\s+/);
  const [address = '', second = '', third = ''] = w;
  if (w.length === 3 && (second === '-' || /^\d{1,5}$/.test(second))) {
    return { address, ...(second === '-' ? {} : { port: Number(second) }), at: third };
  }
  if (w.length === 2) return { address, at: second };
  throw new DomainError(
    'VALIDATION_FAILED',
    { ja: `${where.ja}が読み取れません: ${line.trim()}`, en: `${where.en} cannot be read: ${line.trim()}` },
    { field: 'communications', line: n, value: line.trim() },
  );
}

/** The lines given (blank ones skipped), each read as a communication; a refusal names the line's number. */
export function communicationsOfLines(lines: string[]): CarryOutCommunication[] {
  return lines
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l, i) => communicationOfLine(l, { ja: `${i + 1} 行目`, en: `line ${i + 1}` }, i + 1));
}
