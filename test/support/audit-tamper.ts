// An attacker with write access to the database (and, where a test says so, the master key): the
// tools they would write to shorten or rewrite the audit log and cover their tracks — recompute the
// hash chain, the Merkle tree nodes kept with the entries and the head row from whatever entries remain, and optionally
// re-sign the tree heads with a key of their choosing.
import type { KeyObject } from 'node:crypto';
import { fromRow, toRow, treeNodesText } from '../../src/audit/audit.repository.ts';
import { chainEntryWithLeaf, GENESIS_HASH } from '../../src/crypto/audit-chain.ts';
import { MerkleFrontier } from '../../src/crypto/merkle.ts';
import { signTreeHead } from '../../src/crypto/tree-head.ts';
import type { AppContext } from '../../src/kernel/context.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import type { Db } from '../../src/store/database.ts';

/** Appends `n` audit entries, a few per transaction, as ordinary work would. */
export async function appendEntries(ctx: AppContext, n: number): Promise<void> {
  for (let done = 0; done < n; ) {
    const batch = Math.min(n - done, 1 + (done % 3));
    await inTransaction(ctx, async (uow) => {
      for (let i = 0; i < batch; i++) {
        await uow.audit({
          actor: { type: 'system', id: null, organisationId: null },
          action: 'request.viewed',
          subjectType: 'request',
          subjectId: `req-${done + i + 1}`,
          details: { note: `entry ${done + i + 1}` },
        });
      }
    });
    done += batch;
  }
}

export async function entryCount(db: Db): Promise<number> {
  const r = await db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(r.seq);
}

/**
 * Rebuilds everything derived from the entries as they now are: seq renumbered 1..n, chain hashes,
 * tree nodes, the head row; tree heads beyond the new end are dropped, the others kept as they are —
 * or, with `resign`, re-signed over the rebuilt tree with the attacker's key.
 */
export async function rehashLog(
  db: Db,
  options: { resign?: { keyId: string; privateKey: string | KeyObject } } = {},
): Promise<void> {
  const rows = await db.selectFrom('audit_entries').selectAll().orderBy('seq').execute();
  const heads = await db.selectFrom('audit_tree_heads').selectAll().orderBy('size').execute();
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('audit_entries').execute();
    const frontier = MerkleFrontier.empty();
    const roots = new Map<number, string>();
    let prev = GENESIS_HASH;
    let seq = 0;
    for (const row of rows) {
      seq++;
      const { entry, leaf } = chainEntryWithLeaf(prev, { ...fromRow(row), seq });
      prev = entry.hash;
      await tx
        .insertInto('audit_entries')
        .values(toRow(entry, treeNodesText(frontier.append(leaf))))
        .execute();
      roots.set(seq, frontier.root().toString('hex'));
    }
    await tx.deleteFrom('audit_tree_heads').where('size', '>', seq).execute();
    let signedSize = 0;
    let signedAt: string | null = null;
    for (const h of heads.filter((x) => Number(x.size) <= seq)) {
      signedSize = Number(h.size);
      signedAt = h.at;
      if (!options.resign) continue;
      const s = signTreeHead(options.resign.privateKey, options.resign.keyId, {
        size: Number(h.size),
        rootHash: roots.get(Number(h.size)) ?? '',
        at: h.at,
      });
      await tx
        .updateTable('audit_tree_heads')
        .set({ root_hash: s.rootHash, key_id: s.keyId, signature: s.signature })
        .where('size', '=', h.size)
        .where('at', '=', h.at)
        .execute();
    }
    await tx
      .updateTable('audit_head')
      .set({ seq, hash: prev, frontier: frontier.toString(), signed_size: signedSize, signed_at: signedAt })
      .where('id', '=', 1)
      .execute();
  });
}
