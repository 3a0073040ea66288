import { createHash } from 'node:crypto';
import { CryptoError } from './errors.ts';

/**
 * The Merkle tree of RFC 9162 §2.1 (the same as RFC 6962): SHA-256, leaf hash H(0x00 || data), node
 * hash H(0x01 || left || right), the tree over n leaves split at the largest power of two below n.
 * Inclusion and consistency proofs are generated and verified exactly as §2.1.3 and §2.1.4 say, so
 * any RFC 6962/9162 verifier checks what this code hands out (test/crypto/merkle.test.ts runs the
 * published test vectors).
 *
 * Sizes and indexes are JavaScript numbers (safe integers): the bit operations of the RFC are written
 * as arithmetic, since `>>` and `&` work on 32 bits only.
 */

export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0]);
const NODE_PREFIX = Buffer.from([1]);

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export function leafHash(data: Uint8Array | string): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_BYTES || right.length !== HASH_BYTES) {
    throw new CryptoError('INVALID_INPUT', 'a Merkle node hash takes two 32-byte hashes');
  }
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new CryptoError('INVALID_INPUT', `${what} must be a whole number ≥ 0`);
}

/** The largest power of two smaller than n (n ≥ 2): the split point k of RFC 9162 §2.1.1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && 2 ** Math.round(Math.log2(n)) === n;
}

/**
 * Where the hash of a perfect subtree lives: `level` is its height (0 for a leaf) and `index` its
 * position among the subtrees of that height, so it covers leaves [index·2^level, (index+1)·2^level).
 */
export type NodeRef = { level: number; index: number };

/** The perfect subtree hashes a store keeps; `get` must know every node a plan asked for. */
export interface NodeSource {
  get(ref: NodeRef): Buffer;
}

/** How a computation reaches nodes and combines them: for real, or (planning a fetch) with stand-ins. */
interface Walk {
  node(ref: NodeRef): Buffer;
  combine(left: Buffer, right: Buffer): Buffer;
}

/**
 * MTH(D[a:b]) from perfect subtrees: an aligned power-of-two range is one stored node, any other range
 * splits as the RFC does.
 */
function rangeHash(a: number, b: number, visit: Walk): Buffer {
  const n = b - a;
  if (n === 1) return visit.node({ level: 0, index: a });
  if (isPowerOfTwo(n) && a % n === 0) return visit.node({ level: Math.log2(n), index: a / n });
  const k = splitPoint(n);
  return visit.combine(rangeHash(a, a + k, visit), rangeHash(a + k, b, visit));
}

/** PATH(m, D[a:b]) of RFC 9162 §2.1.3.1, m relative to a. */
function path(m: number, a: number, b: number, visit: Walk, out: Buffer[]): void {
  const n = b - a;
  if (n <= 1) return;
  const k = splitPoint(n);
  if (m < k) {
    path(m, a, a + k, visit, out);
    out.push(rangeHash(a + k, b, visit));
  } else {
    path(m - k, a + k, b, visit, out);
    out.push(rangeHash(a, a + k, visit));
  }
}

/** SUBPROOF(m, D[a:b], b) of RFC 9162 §2.1.4.1, m relative to a. */
function subproof(m: number, a: number, b: number, whole: boolean, visit: Walk, out: Buffer[]): void {
  const n = b - a;
  if (m === n) {
    if (!whole) out.push(rangeHash(a, b, visit));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(m, a, a + k, whole, visit, out);
    out.push(rangeHash(a + k, b, visit));
  } else {
    subproof(m - k, a + k, b, false, visit, out);
    out.push(rangeHash(a, a + k, visit));
  }
}

/** What a computation over stored nodes needs, and the computation itself once they are fetched. */
export interface NodePlan<T> {
  refs: NodeRef[];
  run(source: NodeSource): T;
}

const ZERO = Buffer.alloc(HASH_BYTES);

/** Runs `compute` once with stand-ins to learn the nodes it needs; `run` computes over fetched nodes. */
function plan<T>(compute: (visit: Walk) => T): NodePlan<T> {
  const seen = new Map<string, NodeRef>();
  compute({
    node: (ref) => {
      seen.set(`${ref.level}/${ref.index}`, ref);
      return ZERO;
    },
    combine: () => ZERO,
  });
  return {
    refs: [...seen.values()],
    run: (source) => compute({ node: (ref) => source.get(ref), combine: nodeHash }),
  };
}

/** MTH of the first `size` leaves. */
export function rootPlan(size: number): NodePlan<Buffer> {
  checkSize(size, 'size');
  return plan((visit) => (size === 0 ? EMPTY_ROOT : rangeHash(0, size, visit)));
}

/** The inclusion proof of leaf `index` in the tree of `size` leaves. */
export function inclusionPlan(index: number, size: number): NodePlan<Buffer[]> {
  checkSize(size, 'size');
  checkSize(index, 'index');
  if (index >= size) throw new CryptoError('INVALID_INPUT', `leaf ${index} is not in a tree of ${size}`);
  return plan((visit) => {
    const out: Buffer[] = [];
    path(index, 0, size, visit, out);
    return out;
  });
}

/** The consistency proof between the trees of `first` and `second` leaves (0 ≤ first ≤ second). */
export function consistencyPlan(first: number, second: number): NodePlan<Buffer[]> {
  checkSize(first, 'first');
  checkSize(second, 'second');
  if (first > second) throw new CryptoError('INVALID_INPUT', `no consistency proof from ${first} back to ${second}`);
  return plan((visit) => {
    const out: Buffer[] = [];
    if (first > 0 && first < second) subproof(first, 0, second, true, visit, out);
    return out;
  });
}

/** A node source over an array of leaf hashes (tests, small trees): every node is computed. */
export function leavesSource(leaves: readonly Buffer[]): NodeSource {
  return {
    get: ({ level, index }) => {
      const width = 2 ** level;
      const start = index * width;
      if (start + width > leaves.length) throw new CryptoError('INVALID_INPUT', 'node outside the tree');
      return rootOf(leaves.slice(start, start + width));
    },
  };
}

/** MTH(D[n]) straight from the definition (RFC 9162 §2.1.1): the reference the rest is tested against. */
export function rootOf(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0] as Buffer;
  const k = splitPoint(leaves.length);
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

const isHash = (h: unknown): h is Uint8Array => h instanceof Uint8Array && h.length === HASH_BYTES;
const lsb = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/**
 * The walk up the tree both verifications of RFC 9162 make (§2.1.3.2 and §2.1.4.2), from node index
 * `fn` in a level whose last index is `sn`: each proof node is met as a left sibling (`left`) or a
 * right one (`right`). False when the proof is longer or shorter than the path to the root.
 */
function climb(
  fn: number,
  sn: number,
  proof: readonly Uint8Array[],
  left: (node: Uint8Array) => void,
  right: (node: Uint8Array) => void,
): boolean {
  for (const p of proof) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      left(p);
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      right(p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0;
}

/** RFC 9162 §2.1.3.2: does `proof` show `leaf` at `index` in the tree of `size` leaves with `root`? */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  if (!isHash(leaf) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  let r: Buffer = Buffer.from(leaf);
  const climbed = climb(
    index,
    size - 1,
    proof,
    (p) => {
      r = nodeHash(p, r);
    },
    (p) => {
      r = nodeHash(r, p);
    },
  );
  return climbed && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of `first` leaves with `firstRoot` is a prefix of
 * the tree of `second` leaves with `secondRoot`? Equal sizes need equal roots and an empty proof; the
 * empty tree is a prefix of every tree.
 */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (!isHash(firstRoot) || !isHash(secondRoot) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0] as Uint8Array);
  let sr: Buffer = fr;
  const climbed = climb(
    fn,
    sn,
    path.slice(1),
    (c) => {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
    },
    (c) => {
      sr = nodeHash(sr, c);
    },
  );
  return climbed && fr.equals(firstRoot) && sr.equals(secondRoot);
}

/** A perfect subtree completed by an append: `size` is the tree size at which it completed. */
export type CompletedNode = { level: number; index: number; size: number; hash: Buffer };

/**
 * The right edge of the tree (a "compact range"): the perfect subtrees of the binary decomposition of
 * its size, largest first. Appending a leaf and computing the root both take O(log n); an append
 * reports the nodes it completed, which is exactly what a store keeps to answer proofs later.
 */
export class MerkleFrontier {
  #size: number;
  #nodes: Buffer[];

  private constructor(size: number, nodes: Buffer[]) {
    this.#size = size;
    this.#nodes = nodes;
  }

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0, []);
  }

  /** From its stored form: the size and the subtree hashes as concatenated lower-case hex. */
  static parse(size: number, hex: string): MerkleFrontier {
    checkSize(size, 'size');
    let ones = 0;
    for (let n = size; n > 0; n = half(n)) if (lsb(n)) ones++;
    if (!/^(?:[0-9a-f]{64})*$/.test(hex) || hex.length !== ones * 64) {
      throw new CryptoError('INVALID_INPUT', `the stored frontier does not fit a tree of ${size}`);
    }
    const nodes: Buffer[] = [];
    for (let i = 0; i < hex.length; i += 64) nodes.push(Buffer.from(hex.slice(i, i + 64), 'hex'));
    return new MerkleFrontier(size, nodes);
  }

  get size(): number {
    return this.#size;
  }

  toString(): string {
    return this.#nodes.map((n) => n.toString('hex')).join('');
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier(this.#size, [...this.#nodes]);
  }

  append(leaf: Buffer): CompletedNode[] {
    if (!isHash(leaf)) throw new CryptoError('INVALID_INPUT', 'a leaf hash is 32 bytes');
    let node = leaf;
    let level = 0;
    let index = this.#size;
    const done: CompletedNode[] = [{ level, index, size: this.#size + 1, hash: node }];
    while (lsb(index)) {
      node = nodeHash(this.#nodes.pop() as Buffer, node);
      level++;
      index = half(index);
      done.push({ level, index, size: this.#size + 1, hash: node });
    }
    this.#nodes.push(node);
    this.#size++;
    return done;
  }

  root(): Buffer {
    if (this.#nodes.length === 0) return EMPTY_ROOT;
    let r = this.#nodes[this.#nodes.length - 1] as Buffer;
    for (let i = this.#nodes.length - 2; i >= 0; i--) r = nodeHash(this.#nodes[i] as Buffer, r);
    return r;
  }
}

/** The tree size at which the node (level, index) completed: the key a store files it under. */
export function completedAt(ref: NodeRef): number {
  return (ref.index + 1) * 2 ** ref.level;
}
