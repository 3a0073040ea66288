import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  type CompletedNode,
  completedAt,
  consistencyPlan,
  EMPTY_ROOT,
  inclusionPlan,
  leafHash,
  leavesSource,
  MerkleFrontier,
  type NodeSource,
  nodeHash,
  rootOf,
  rootPlan,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from '../../src/crypto/merkle.ts';

// The RFC 6962 test vectors every Certificate Transparency implementation checks (the reference
// leaves, the tree head of each size, and the published inclusion and consistency proofs), as
// transparency-dev/merkle and certificate-transparency-go publish them.
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');

const LEAF_DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex);
const LEAVES = LEAF_DATA.map((d) => leafHash(d));
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
/** Leaf index (0-based), tree size, proof. */
const INCLUSION: Array<[number, number, string[]]> = [
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
/** First size, second size, proof. */
const CONSISTENCY: Array<[number, number, string[]]> = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
  [
    2,
    8,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
];

/** The nodes a store keeps, as the frontier reports them while leaves are appended. */
function storedNodes(leaves: Buffer[]): { source: NodeSource; frontiers: MerkleFrontier[]; nodes: CompletedNode[] } {
  const f = MerkleFrontier.empty();
  const byKey = new Map<string, Buffer>();
  const frontiers = [f.clone()];
  const nodes: CompletedNode[] = [];
  for (const l of leaves) {
    for (const n of f.append(l)) {
      nodes.push(n);
      byKey.set(`${n.size}/${n.level}`, n.hash);
    }
    frontiers.push(f.clone());
  }
  return {
    frontiers,
    nodes,
    source: {
      get: (ref) => {
        const h = byKey.get(`${completedAt(ref)}/${ref.level}`);
        if (!h) throw new Error(`node ${ref.level}/${ref.index} not stored`);
        return h;
      },
    },
  };
}

describe('Merkle tree (RFC 9162 §2.1) against the RFC 6962 test vectors', () => {
  it('hashes leaves with 0x00 and nodes with 0x01; the empty tree is SHA-256 of nothing', () => {
    assert.equal(hex(EMPTY_ROOT), ROOTS[0]);
    assert.equal(hex(LEAVES[0]!), ROOTS[1]);
    assert.equal(hex(nodeHash(LEAVES[0]!, LEAVES[1]!)), ROOTS[2]);
    const manual = createHash('sha256')
      .update(Buffer.concat([Buffer.from([1]), LEAVES[0]!, LEAVES[1]!]))
      .digest();
    assert.equal(hex(manual), ROOTS[2]);
  });

  it('splits at the largest power of two below n, not at the midpoint', () => {
    const want: Record<number, number> = { 2: 1, 3: 2, 4: 2, 5: 4, 6: 4, 7: 4, 8: 4, 9: 8, 1000: 512 };
    for (const [n, k] of Object.entries(want)) assert.equal(splitPoint(Number(n)), k, `n = ${n}`);
  });

  it('gives the published tree head of every size 0..8, by definition, from stored nodes and from the frontier', () => {
    const { source, frontiers } = storedNodes(LEAVES);
    for (let n = 0; n <= 8; n++) {
      assert.equal(hex(rootOf(LEAVES.slice(0, n))), ROOTS[n], `rootOf ${n}`);
      assert.equal(hex(rootPlan(n).run(source)), ROOTS[n], `stored nodes ${n}`);
      assert.equal(hex(frontiers[n]!.root()), ROOTS[n], `frontier ${n}`);
    }
  });

  it('generates and verifies the published inclusion proofs', () => {
    const { source } = storedNodes(LEAVES);
    for (const [index, size, proof] of INCLUSION) {
      assert.deepEqual(inclusionPlan(index, size).run(source).map(hex), proof, `leaf ${index} of ${size}`);
      assert.equal(verifyInclusion(LEAVES[index]!, index, size, proof.map(unhex), unhex(ROOTS[size]!)), true);
    }
  });

  it('generates and verifies the published consistency proofs', () => {
    const { source } = storedNodes(LEAVES);
    for (const [first, second, proof] of CONSISTENCY) {
      assert.deepEqual(consistencyPlan(first, second).run(source).map(hex), proof, `${first} → ${second}`);
      const ok = verifyConsistency(first, second, unhex(ROOTS[first]!), unhex(ROOTS[second]!), proof.map(unhex));
      assert.equal(ok, true, `${first} → ${second}`);
    }
  });
});

describe('Merkle proofs over every shape of tree', () => {
  const N = 70;
  const leaves = Array.from({ length: N }, (_, i) => leafHash(`entry ${i}`));
  const roots = Array.from({ length: N + 1 }, (_, n) => rootOf(leaves.slice(0, n)));
  const { source, frontiers, nodes } = storedNodes(leaves);
  const reference = leavesSource(leaves);

  it('stores exactly the perfect subtrees (2n − popcount(n) nodes), each equal to its definition', () => {
    let ones = 0;
    for (let n = N; n > 0; n = Math.floor(n / 2)) ones += n % 2;
    assert.equal(nodes.length, 2 * N - ones);
    for (const n of nodes) assert.equal(hex(n.hash), hex(reference.get(n)), `node ${n.level}/${n.index}`);
    for (let n = 0; n <= N; n++) {
      assert.equal(hex(frontiers[n]!.root()), hex(roots[n]!), `frontier ${n}`);
      const again = MerkleFrontier.parse(n, frontiers[n]!.toString());
      assert.equal(hex(again.root()), hex(roots[n]!), `parsed frontier ${n}`);
    }
  });

  it('every inclusion proof verifies, and a wrong index, size, leaf, root or proof does not', () => {
    for (let n = 1; n <= N; n++) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionPlan(i, n).run(source);
        assert.deepEqual(proof.map(hex), inclusionPlan(i, n).run(reference).map(hex));
        assert.equal(verifyInclusion(leaves[i]!, i, n, proof, roots[n]!), true, `${i} of ${n}`);
        if (n > 1) {
          assert.equal(verifyInclusion(leaves[i]!, (i + 1) % n, n, proof, roots[n]!), false);
          assert.equal(verifyInclusion(leaves[(i + 1) % n]!, i, n, proof, roots[n]!), false);
          assert.equal(verifyInclusion(leaves[i]!, i, n, proof, roots[n - 1]!), false);
          assert.equal(verifyInclusion(leaves[i]!, i, n, proof.slice(0, -1), roots[n]!), false);
          assert.equal(verifyInclusion(leaves[i]!, i, n, [...proof, roots[n]!], roots[n]!), false);
          const flipped = proof.map((p) => Buffer.from(p));
          flipped[0]![0]! ^= 8;
          assert.equal(verifyInclusion(leaves[i]!, i, n, flipped, roots[n]!), false);
        }
        assert.equal(verifyInclusion(leaves[i]!, i, n * 2, proof, roots[n]!), false, 'size doubled');
      }
    }
  });

  it('every consistency proof verifies, and a wrong size, root or proof does not', () => {
    for (let second = 0; second <= N; second++) {
      for (let first = 0; first <= second; first++) {
        const proof = consistencyPlan(first, second).run(source);
        assert.deepEqual(proof.map(hex), consistencyPlan(first, second).run(reference).map(hex));
        const r1 = roots[first]!;
        const r2 = roots[second]!;
        assert.equal(verifyConsistency(first, second, r1, r2, proof), true, `${first} → ${second}`);
        if (first === 0 || first === second) continue;
        assert.equal(verifyConsistency(first, second, r2, r1, proof), false, 'swapped roots');
        assert.equal(verifyConsistency(first, second, roots[first - 1]!, r2, proof), false, 'older first root');
        assert.equal(verifyConsistency(first, second, r1, roots[second - 1]!, proof), false, 'older second root');
        assert.equal(verifyConsistency(first - 1, second, r1, r2, proof), false, 'first − 1');
        assert.equal(verifyConsistency(first, second * 2, r1, r2, proof), false, 'second × 2');
        assert.equal(verifyConsistency(first, second, r1, r2, []), false, 'empty proof');
        assert.equal(verifyConsistency(first, second, r1, r2, proof.slice(0, -1)), false, 'truncated proof');
        assert.equal(verifyConsistency(first, second, r1, r2, [...proof, r2]), false, 'trailing root');
        for (let k = 0; k < proof.length; k++) {
          const flipped = proof.map((p) => Buffer.from(p));
          flipped[k]![0]! ^= 16;
          assert.equal(verifyConsistency(first, second, r1, r2, flipped), false, `proof[${k}] flipped`);
        }
      }
    }
  });

  it('a later tree that rewrote or dropped a leaf has no consistency proof from the earlier head', () => {
    const rewritten = [...leaves];
    rewritten[20] = leafHash('a different entry 20');
    const forged = storedNodes(rewritten).source;
    for (const [first, second] of [
      [30, 50],
      [21, 64],
      [32, 70],
    ] as const) {
      const proof = consistencyPlan(first, second).run(forged);
      const forgedRoot = rootPlan(second).run(forged);
      assert.equal(verifyConsistency(first, second, roots[first]!, forgedRoot, proof), false);
    }
  });

  it('refuses impossible requests and malformed input without throwing in the verifiers', () => {
    assert.throws(() => inclusionPlan(5, 5), /not in a tree/);
    assert.throws(() => consistencyPlan(6, 5), /no consistency proof/);
    assert.throws(() => MerkleFrontier.parse(3, 'ab'), /frontier/);
    assert.equal(verifyInclusion(Buffer.alloc(31), 0, 1, [], Buffer.alloc(32)), false);
    assert.equal(verifyInclusion(leaves[0]!, -1, 1, [], leaves[0]!), false);
    assert.equal(verifyInclusion(leaves[0]!, 0, 1, [], leaves[0]!), true);
    assert.equal(verifyConsistency(4, 4, roots[4]!, roots[4]!, []), true);
    assert.equal(verifyConsistency(4, 4, roots[4]!, roots[4]!, [roots[4]!]), false);
    assert.equal(verifyConsistency(4, 4, roots[4]!, roots[5]!, []), false);
    assert.equal(verifyConsistency(0, 8, EMPTY_ROOT, roots[8]!, []), true);
    assert.equal(verifyConsistency(0, 8, EMPTY_ROOT, roots[8]!, [roots[8]!]), false);
    assert.equal(verifyConsistency(8, 4, roots[8]!, roots[4]!, []), false);
    assert.equal(verifyConsistency(3, 8, Buffer.alloc(31), roots[8]!, [roots[1]!]), false);
  });
});
