// The two stages of a civil disclosure (発信者情報開示): the content provider is asked about the post, the
// access provider about the connection the first disclosed — its address, source port and the instant with
// its offset, the same target (and checks) an inquiry or a warrant to an ISP names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCivilTargetsFor } from '../../src/domain/civil-disclosure.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { RequestContentSchema, validateRequestContent } from '../../src/domain/request-content.ts';
import { CIVIL_STAGE_OF_CATEGORY, PROVIDER_CATEGORIES } from '../../src/domain/vocabulary.ts';
import { civilToAccessProvider } from '../support/flow.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
const POST = { type: 'url', url: 'https://sakura-board.example/thread/77#res-3' } as const;
const CONNECTION = {
  type: 'ip',
  address: '203.0.113.7',
  port: 40211,
  at: '2026-11-20T01:30:12+09:00',
  toleranceSeconds: 2,
} as const;

const secondStage = (targets: unknown[]) => civilToAccessProvider('org_isp', '77', targets);

const isp = { providerCategory: 'isp' as const, nameJa: '日本ネットワーク通信', nameEn: 'Nihon Network' };
const board = { providerCategory: 'board' as const, nameJa: 'さくら掲示板', nameEn: 'Sakura Board' };
const LAWYER = { route: 'lawyer_request' as const };

test('every provider category answers one stage, or either', () => {
  for (const c of PROVIDER_CATEGORIES) assert.ok(CIVIL_STAGE_OF_CATEGORY[c]);
  assert.equal(CIVIL_STAGE_OF_CATEGORY.isp, 'access');
  assert.equal(CIVIL_STAGE_OF_CATEGORY.mobile, 'access');
  assert.equal(CIVIL_STAGE_OF_CATEGORY.board, 'content');
});

test('a civil request names the connection: address, port and instant with tolerance, as an inquiry does', () => {
  const content = RequestContentSchema.parse(secondStage([POST, CONNECTION]));
  validateRequestContent(content, NOW);
  assert.deepEqual(content.targets[1], CONNECTION);
  checkCivilTargetsFor(isp, LAWYER, content.targets);
});

test('a connection without the offset of its time is refused, naming the field', () => {
  const r = RequestContentSchema.safeParse(secondStage([{ ...CONNECTION, at: '2026-11-20T01:30:12' }]));
  assert.equal(r.success, false);
  assert.deepEqual(r.error?.issues[0]?.path, ['targets', 0, 'at']);
});

test('to an access provider, a request naming only the post is refused, in both languages, naming targets', () => {
  const content = RequestContentSchema.parse(secondStage([POST]));
  assert.throws(
    () => checkCivilTargetsFor(isp, LAWYER, content.targets),
    (e: unknown) => {
      assert.ok(e instanceof DomainError);
      assert.equal(e.details?.field, 'targets');
      assert.match(e.messages.ja, /経由プロバイダ（日本ネットワーク通信）/);
      assert.match(e.messages.ja, /IPアドレス・接続元ポート番号・送信日時/);
      assert.match(e.messages.en, /access provider \(Nihon Network\)/);
      return true;
    },
  );
  // Unknown categories take either.
  checkCivilTargetsFor({ ...isp, providerCategory: null }, LAWYER, content.targets);
  checkCivilTargetsFor({ ...isp, providerCategory: 'other' }, LAWYER, content.targets);
  // Under a court's order the connection went to the access provider directly (提供命令): the post is named.
  checkCivilTargetsFor(isp, { route: 'court_order' }, content.targets);
});

test('to a content provider, a request names the post', () => {
  checkCivilTargetsFor(board, LAWYER, [POST]);
  checkCivilTargetsFor(board, { route: 'court_order' }, [POST]);
  assert.throws(
    () => checkCivilTargetsFor(board, LAWYER, [CONNECTION]),
    (e: unknown) =>
      e instanceof DomainError && e.details?.field === 'targets' && /コンテンツプロバイダ/.test(e.messages.ja),
  );
});
