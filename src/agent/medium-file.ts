import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

// A file on a carried medium is read only as what it says it is: a regular file, of a bounded size. A medium
// is untrusted: a named pipe there would block the intake for ever, a link to /dev/zero would fill memory, a
// link elsewhere would have the installation read its own files as if they were carried. So the file is opened
// without following a link and without blocking, checked to be a regular file on the opened descriptor (not by
// its name, which could change between a check and a read), and read no further than `maxBytes`.

/** The file's bytes, or undefined when it is not a regular file, is larger than `maxBytes` or cannot be read. */
export function readMediumFile(path: string, maxBytes: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > maxBytes) return undefined;
    // Read to the end, never past the limit (a file that grew past it since is refused too).
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1));
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return Buffer.concat(chunks, total);
      total += n;
      if (total > maxBytes) return undefined;
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
