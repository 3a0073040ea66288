// What the generating benchmarks share: a seeded random source (the same data every run) and a file written in
// large buffered pieces (a generator of millions of lines must not call write once a line).
import { closeSync, openSync, writeSync } from 'node:fs';

/** A deterministic random source (mulberry32 on `seed`): `rand()` in [0, 1), `randInt(lo, hi)` inclusive. */
export function seededRandom(seed: number): { rand: () => number; randInt: (lo: number, hi: number) => number } {
  let state = seed | 0;
  const rand = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { rand, randInt: (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)) };
}

/** A file written in pieces of about 4 MB. */
export class BufferedFile {
  private readonly fd: number;
  private parts: string[] = [];
  private len = 0;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  add(s: string): void {
    this.parts.push(s);
    this.len += s.length;
    if (this.len > 4_000_000) this.flush();
  }
  flush(): void {
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.len = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
