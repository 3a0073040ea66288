import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectUrgency, firstStepOf, PLAYBOOKS } from '../../src/domain/consultation.ts';
import {
  CONSULTATION_CATEGORIES,
  CONSULTATION_REFERRAL_LABELS,
  CONSULTATION_REFERRALS,
} from '../../src/domain/vocabulary.ts';

test('every category has a playbook in both languages; every referral is used somewhere', () => {
  const used = new Set<string>();
  for (const c of CONSULTATION_CATEGORIES) {
    const p = PLAYBOOKS[c];
    assert.equal(p.category, c);
    assert.ok(p.steps.length > 0, c);
    for (const s of [...p.steps, p.offence]) assert.ok(s.ja.trim() && s.en.trim(), c);
    for (const r of p.referrals) used.add(r);
  }
  assert.deepEqual([...used].sort(), [...CONSULTATION_REFERRALS].sort());
  assert.equal(Object.keys(CONSULTATION_REFERRAL_LABELS).length, 7);
});

test('urgency: a suicide notice and a threat are detected; the declared urgency is never lowered', () => {
  assert.deepEqual(detectUrgency('今夜、練炭で死にます'), { urgency: 'suicide_notice', signals: ['死にます', '練炭'] });
  assert.equal(detectUrgency('I will KILL MYSELF tonight').urgency, 'suicide_notice');
  assert.equal(detectUrgency('「殺す」と書き込まれた').urgency, 'threat_to_life');
  assert.equal(detectUrgency('ワンクリック請求が来た').urgency, 'none');
  // a threat as it is written: conjugated, in kana, as slang
  for (const said of [
    '「殺してやる」と書き込まれた',
    '殺したるからな',
    '家を特定した。ぶっ殺す',
    'お前をコロス',
    '死ねと何度も送られてくる',
    '刺してやると言われた',
    '家に火を付けてやる',
    '店を燃やしてやるという投稿',
    '帰り道で襲ってやる',
  ]) {
    assert.equal(detectUrgency(said).urgency, 'threat_to_life', said);
  }
  // words that hold the same characters and say nothing of harm
  for (const said of [
    '問い合わせが殺到している',
    '代金を相殺された',
    '相殺しますと言われた',
    '刺激的な広告',
    '名刺を悪用された',
    '刺し身の通販で詐欺',
    '殺虫剤の転売',
    '名刺しか渡していない',
    '風刺した画像を載せられた',
    '殺し文句で勧誘された',
  ]) {
    assert.equal(detectUrgency(said).urgency, 'none', said);
  }
  assert.equal(detectUrgency('ワンクリック請求が来た', 'threat_to_life').urgency, 'threat_to_life');
  assert.equal(detectUrgency('練炭', 'threat_to_life').urgency, 'threat_to_life');
});

test('the first step: a post goes to the board, an e-mail to header analysis', () => {
  assert.equal(firstStepOf({ targets: [{ type: 'url' }], hasMailHeaders: true }), 'board_inquiry');
  assert.equal(firstStepOf({ targets: [{ type: 'email' }], hasMailHeaders: true }), 'mail_analysis');
  assert.equal(firstStepOf({ targets: [], hasMailHeaders: false }), 'none');
});

test('a follow-up is on time, due soon, overdue, then escalated; done ends it', async () => {
  const { followUpStatus, paperworkDue, PAPERWORK_DUE_SOON_MS, PAPERWORK_ESCALATION_MS } = await import(
    '../../src/domain/follow-up.ts'
  );
  const answered = new Date('2026-12-01T00:00:00Z');
  const due = paperworkDue(answered);
  assert.equal(due.toISOString(), '2026-12-04T00:00:00.000Z');
  const at = (iso: string, done = false) =>
    followUpStatus(due, new Date(iso), done, PAPERWORK_DUE_SOON_MS, PAPERWORK_ESCALATION_MS).status;
  assert.equal(at('2026-12-02T00:00:00Z'), 'on_time');
  assert.equal(at('2026-12-03T18:00:00Z'), 'due_soon');
  assert.equal(at('2026-12-04T06:00:00Z'), 'overdue');
  assert.equal(at('2026-12-05T06:00:00Z'), 'escalated');
  assert.equal(at('2026-12-05T06:00:00Z', true), 'none');
});
