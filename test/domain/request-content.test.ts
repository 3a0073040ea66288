import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDomainError } from '../../src/domain/errors.ts';
import type { RequestContent, WarrantRequestContent } from '../../src/domain/request-content.ts';
import {
  RequestContentSchema,
  validateRequestContent,
  WARRANT_ATTESTATION_PURPOSE,
  warrantAttestationPayload,
} from '../../src/domain/request-content.ts';
import { parseOrThrow } from '../../src/domain/validation.ts';
import { REQUEST_KINDS } from '../../src/domain/vocabulary.ts';

const NOW = new Date('2026-03-10T00:00:00Z');
const AT = '2026-03-01T10:00:00+09:00';

const base = {
  providerOrganisationId: 'org-provider-1',
  caseReference: '令和8年 第123号',
  offence: '名誉毀損',
  facts: '掲示板への書込み',
  necessity: '発信者の特定のため',
  targets: [{ type: 'ip', address: '203.0.113.5', port: 51234, at: AT }],
  categories: ['subscriber'],
};
const terminal = {
  type: 'terminal',
  terminal: 'B-12',
  from: '2026-03-01T10:00:00+09:00',
  to: '2026-03-01T12:00:00+09:00',
};

/** One valid example of every kind (as a client would send it). */
const EXAMPLES: Record<string, Record<string, unknown>> = {
  inquiry: { kind: 'inquiry', ...base },
  warrant: {
    kind: 'warrant',
    ...base,
    categories: ['subscriber', 'access_log'],
    warrant: {
      type: 'electronic_record_provision_order',
      courtOrganisationId: 'org-court-tokyo',
      warrantNumber: '令和8年(む)第45号',
      issuedAt: '2026-03-05T09:00:00+09:00',
      validUntil: '2026-03-12T00:00:00+09:00',
      attestation: { keyId: 'court-key-1', signature: 'c2lnbmF0dXJl' },
    },
  },
  preservation: { kind: 'preservation', ...base, categories: ['access_log'], preservation: { days: 30 } },
  emergency: {
    kind: 'emergency',
    ...base,
    emergency: {
      basis: 'suicide_notice',
      conditions: { imminent: true, realistic: true, intentExpressed: true, notJokeOrFiction: true },
      statement: '今夜決行すると書き込まれている',
    },
  },
  civil_disclosure: {
    kind: 'civil_disclosure',
    ...base,
    categories: ['subscriber', 'access_log'],
    civil: {
      route: 'lawyer_request',
      claimant: '山田太郎',
      rights: ['honour'],
      rightsInfringed: '名誉権',
      purposes: ['damages'],
      senderInformation: ['name', 'ip_and_port'],
    },
  },
  cafe_records: {
    kind: 'cafe_records',
    ...base,
    targets: [terminal, base.targets[0]],
    categories: ['subscriber', 'access_log'],
    cafe: { storeName: '新宿店' },
  },
  mlat: {
    kind: 'mlat',
    caseReference: 'R-1',
    offence: 'fraud',
    facts: 'facts',
    necessity: 'necessity',
    targets: [{ type: 'account', id: 'someone', service: 'ExampleMail' }],
    categories: ['subscriber'],
    mlat: {
      requestedCountry: 'US',
      foreignAuthority: 'U.S. Department of Justice, OIA',
      treaty: 'jp_us_mlat',
      language: 'en',
    },
  },
};

function content(kind: string, patch: Record<string, unknown> = {}): RequestContent {
  return RequestContentSchema.parse({ ...EXAMPLES[kind], ...patch });
}

function codeOf(value: unknown): string | undefined {
  try {
    parseOrThrow(RequestContentSchema, value);
    return undefined;
  } catch (e) {
    assert.ok(isDomainError(e));
    return `${e.code} ${String(e.details?.field)}`;
  }
}

describe('RequestContentSchema', () => {
  for (const kind of REQUEST_KINDS) {
    it(`accepts a valid ${kind} and validates it at now`, () => {
      const c = content(kind);
      assert.equal(c.kind, kind);
      validateRequestContent(c, NOW);
      assert.deepEqual(RequestContentSchema.parse(c), c, 'parsing the output again changes nothing (signatures)');
    });
  }
  it('defaults: preservation days 30 (block optional), ip tolerance 0', () => {
    const { preservation: _p, ...noBlock } = EXAMPLES.preservation ?? {};
    const c = RequestContentSchema.parse(noBlock);
    assert.ok(c.kind === 'preservation');
    assert.equal(c.preservation.days, 30);
    const d = RequestContentSchema.parse({ ...EXAMPLES.preservation, preservation: {} });
    assert.ok(d.kind === 'preservation' && d.preservation.days === 30);
    const t = c.targets[0];
    assert.ok(t?.type === 'ip' && t.toleranceSeconds === 0);
  });
  it('preservation days follow CCP 197(3): 1–30', () => {
    assert.equal(
      codeOf({ ...EXAMPLES.preservation, preservation: { days: 31 } }),
      'VALIDATION_FAILED preservation.days',
    );
    assert.equal(
      codeOf({ ...EXAMPLES.preservation, preservation: { days: 0 } }),
      'VALIDATION_FAILED preservation.days',
    );
  });
  it('an unknown kind, unknown keys, wrong sizes', () => {
    assert.equal(codeOf({ ...EXAMPLES.inquiry, kind: 'subpoena' }), 'VALIDATION_FAILED kind');
    assert.equal(codeOf({ ...EXAMPLES.inquiry, secret: 1 }), 'UNKNOWN_FIELD (root)');
    assert.equal(codeOf({ ...EXAMPLES.mlat, providerOrganisationId: 'p' }), 'UNKNOWN_FIELD (root)');
    assert.equal(
      codeOf({ ...EXAMPLES.inquiry, providerOrganisationId: undefined }),
      'VALIDATION_FAILED providerOrganisationId',
    );
    assert.equal(codeOf({ ...EXAMPLES.inquiry, caseReference: '' }), 'VALIDATION_FAILED caseReference');
    assert.equal(codeOf({ ...EXAMPLES.inquiry, caseReference: 'x'.repeat(101) }), 'VALIDATION_FAILED caseReference');
    assert.equal(codeOf({ ...EXAMPLES.inquiry, facts: 'x'.repeat(10001) }), 'VALIDATION_FAILED facts');
    assert.equal(codeOf({ ...EXAMPLES.inquiry, targets: [] }), 'VALIDATION_FAILED targets');
    assert.equal(
      codeOf({ ...EXAMPLES.inquiry, targets: Array(201).fill(base.targets[0]) }),
      'VALIDATION_FAILED targets',
    );
    assert.equal(codeOf({ ...EXAMPLES.inquiry, categories: [] }), 'VALIDATION_FAILED categories');
    assert.equal(
      codeOf({ ...EXAMPLES.inquiry, categories: ['subscriber', 'subscriber'] }),
      'VALIDATION_FAILED categories.1',
    );
    assert.equal(codeOf({ ...EXAMPLES.inquiry, categories: ['bank_records'] }), 'VALIDATION_FAILED categories.0');
    assert.equal(
      codeOf({ ...EXAMPLES.inquiry, requestedBy: '2026-04-01T00:00:00' }),
      'INSTANT_WITHOUT_OFFSET requestedBy',
    );
  });
  it('the error names the failing target field', () => {
    const targets = [
      base.targets[0],
      { type: 'email', address: 'a@example.com' },
      { type: 'ip', address: '999.1.1.1', at: AT },
    ];
    assert.equal(codeOf({ ...EXAMPLES.inquiry, targets }), 'INVALID_ADDRESS targets.2.address');
    assert.equal(
      codeOf({ ...EXAMPLES.inquiry, targets: [{ type: 'fax', number: '1' }] }),
      'INVALID_IDENTIFIER targets.0.type',
    );
  });
  it('kind blocks are strict and typed', () => {
    const w = EXAMPLES.warrant as { warrant: Record<string, unknown> };
    assert.equal(
      codeOf({ ...EXAMPLES.warrant, warrant: { ...w.warrant, type: 'search' } }),
      'VALIDATION_FAILED warrant.type',
    );
    assert.equal(codeOf({ ...EXAMPLES.warrant, warrant: { ...w.warrant, extra: 1 } }), 'UNKNOWN_FIELD warrant');
    assert.equal(
      codeOf({
        ...EXAMPLES.warrant,
        warrant: { ...w.warrant, attestation: { keyId: 'k', signature: 'not base64url!' } },
      }),
      'VALIDATION_FAILED warrant.attestation.signature',
    );
    assert.equal(
      codeOf({ ...EXAMPLES.emergency, emergency: { basis: 'threat_to_life', statement: 's', conditions: {} } }),
      'UNKNOWN_FIELD emergency',
    );
    assert.equal(
      codeOf({ ...EXAMPLES.emergency, emergency: { basis: 'suicide_notice', statement: 's' } }),
      'VALIDATION_FAILED emergency.conditions',
    );
    assert.equal(
      codeOf({ ...EXAMPLES.mlat, mlat: { ...(EXAMPLES.mlat as { mlat: object }).mlat, requestedCountry: 'JP' } }),
      'VALIDATION_FAILED mlat.requestedCountry',
    );
    assert.equal(
      codeOf({
        ...EXAMPLES.mlat,
        mlat: { ...(EXAMPLES.mlat as { mlat: object }).mlat, requestedCountry: 'usa' },
      }),
      'VALIDATION_FAILED mlat.requestedCountry',
    );
    assert.equal(
      codeOf({ ...EXAMPLES.mlat, mlat: { ...(EXAMPLES.mlat as { mlat: object }).mlat, language: 'zh-Hant' } }),
      undefined,
    );
    assert.equal(
      codeOf({ ...EXAMPLES.civil_disclosure, civil: { claimant: 'a', counsel: 'b' } }),
      'VALIDATION_FAILED civil.rightsInfringed',
    );
    assert.equal(codeOf({ ...EXAMPLES.cafe_records, cafe: undefined }), undefined);
  });
});

describe('validateRequestContent', () => {
  function fails(c: RequestContent, code: string, field: string): void {
    assert.throws(
      () => validateRequestContent(c, NOW),
      (e: unknown) => {
        assert.ok(isDomainError(e));
        assert.equal(e.code, code);
        assert.equal(e.details?.field, field);
        // The message a person reads names the field in words, never by its path or a camelCase key.
        const said = `${e.messages.ja} ${e.messages.en}`;
        assert.ok(!said.includes(field), said);
        for (const key of field.split('.').filter((k) => /[a-z][A-Z]/.test(k))) assert.ok(!said.includes(key), said);
        assert.doesNotMatch(said, /targets\.\d/);
        return true;
      },
    );
  }
  it('requestedBy must be in the future', () => {
    validateRequestContent(content('inquiry', { requestedBy: '2026-03-10T09:00:01+09:00' }), NOW);
    fails(content('inquiry', { requestedBy: '2026-03-10T09:00:00+09:00' }), 'DEADLINE_IN_PAST', 'requestedBy');
    fails(content('emergency', { requestedBy: '2026-03-01T00:00:00Z' }), 'DEADLINE_IN_PAST', 'requestedBy');
  });
  it('warrant: validUntil after issuedAt, issued, not expired', () => {
    const w = (EXAMPLES.warrant as { warrant: Record<string, unknown> }).warrant;
    fails(content('warrant', { warrant: { ...w, validUntil: w.issuedAt } }), 'VALIDATION_FAILED', 'warrant.validUntil');
    fails(
      content('warrant', { warrant: { ...w, validUntil: '2026-03-09T23:59:59Z' } }),
      'VALIDATION_FAILED',
      'warrant.validUntil',
    );
    fails(
      content('warrant', { warrant: { ...w, issuedAt: '2026-03-10T00:00:01Z' } }),
      'VALIDATION_FAILED',
      'warrant.issuedAt',
    );
  });
  it("a target's time later than now (a mistyped year) is refused, naming the target and the value", () => {
    // Five minutes are allowed for the drafter's clock running ahead of the hub's; a minute more is not.
    const ip = (at: string) => ({ ...base.targets[0], at });
    validateRequestContent(content('inquiry', { targets: [ip('2026-03-10T09:05:00+09:00')] }), NOW);
    fails(content('inquiry', { targets: [ip('2026-03-10T09:06:00+09:00')] }), 'VALIDATION_FAILED', 'targets.0.at');
    for (const kind of ['inquiry', 'preservation', 'emergency', 'warrant'] as const) {
      fails(
        content(kind, { targets: [base.targets[0], ip('2036-03-01T10:00:00+09:00')] }),
        'VALIDATION_FAILED',
        'targets.1.at',
      );
    }
    assert.throws(
      () => validateRequestContent(content('inquiry', { targets: [ip('2036-12-03T16:40:16+09:00')] }), NOW),
      (e: unknown) => {
        assert.ok(isDomainError(e));
        assert.equal(e.details?.value, '2036-12-03T16:40:16+09:00');
        for (const said of [e.messages.ja, e.messages.en]) {
          assert.match(said, /203\.0\.113\.5:51234/);
          assert.match(said, /2036-12-03T16:40:16\+09:00/);
        }
        assert.match(e.messages.ja, /対象 1.*未来/);
        assert.match(e.messages.en, /target 1 .*later than now/);
        return true;
      },
    );
    const later = { ...terminal, to: '2026-03-11T12:00:00+09:00' };
    fails(content('cafe_records', { targets: [later] }), 'VALIDATION_FAILED', 'targets.0.to');
    const start = { ...later, from: '2026-03-11T10:00:00+09:00' };
    fails(content('cafe_records', { targets: [start] }), 'VALIDATION_FAILED', 'targets.0.from');
  });
  it('suicide notice: names every missing condition', () => {
    const c = content('emergency', {
      emergency: {
        basis: 'suicide_notice',
        conditions: { imminent: true, realistic: false, intentExpressed: true, notJokeOrFiction: false },
        statement: 's',
      },
    });
    assert.throws(
      () => validateRequestContent(c, NOW),
      (e: unknown) => {
        assert.ok(isDomainError(e));
        assert.equal(e.code, 'EMERGENCY_CONDITIONS_MISSING');
        assert.deepEqual(e.details?.missing, ['realistic', 'notJokeOrFiction']);
        // The conditions in words, not their keys (the keys are in details.missing, for programs).
        assert.match(e.messages.en, /realistically likely.*joke or fiction/);
        assert.doesNotMatch(e.messages.en, /notJokeOrFiction/);
        assert.match(e.messages.ja, /現実的.*冗談/);
        return true;
      },
    );
    validateRequestContent(content('emergency', { emergency: { basis: 'threat_to_life', statement: '人質' } }), NOW);
  });
  it('cafe_records: terminals (and ip) only, at least one terminal', () => {
    fails(content('cafe_records', { targets: [base.targets[0]] }), 'INVALID_IDENTIFIER', 'targets');
    fails(
      content('cafe_records', { targets: [terminal, { type: 'account', id: 'x' }] }),
      'INVALID_IDENTIFIER',
      'targets.1.type',
    );
    validateRequestContent(content('cafe_records', { targets: [terminal] }), NOW);
  });
  it('civil_disclosure: the posts (url) and the communications that sent them (ip) only', () => {
    // Before, a claimant's lawyer could name a phone number or an e-mail address with no post at all: a
    // reverse lookup of whoever holds it, which the Act's disclosure (of a post's sender) does not give.
    const post = { type: 'url', url: 'https://board.example/t/1#7' };
    for (const other of [
      { type: 'phone', number: '+81312345678' },
      { type: 'email', address: 'someone@example.jp' },
      { type: 'account', id: 'someone' },
    ]) {
      fails(content('civil_disclosure', { targets: [post, other] }), 'INVALID_IDENTIFIER', 'targets.1.type');
    }
    validateRequestContent(content('civil_disclosure', { targets: [post, base.targets[0]] }), NOW);
  });
});

describe('warrantAttestationPayload', () => {
  it('binds warrant, court, agency, provider, targets, categories and validity — and nothing else', () => {
    const c = content('warrant') as WarrantRequestContent;
    const payload = warrantAttestationPayload(c, 'org-agency-1') as Record<string, unknown>;
    assert.deepEqual(Object.keys(payload).sort(), [
      'agencyOrganisationId',
      'categories',
      'courtOrganisationId',
      'issuedAt',
      'providerOrganisationId',
      'targets',
      'type',
      'validUntil',
      'warrantNumber',
    ]);
    assert.equal(payload.agencyOrganisationId, 'org-agency-1');
    assert.equal(payload.providerOrganisationId, 'org-provider-1');
    assert.equal(payload.warrantNumber, '令和8年(む)第45号');
    assert.deepEqual(payload.targets, c.targets);
    assert.equal(WARRANT_ATTESTATION_PURPOSE, 'warrant-attestation');
  });
  it('a court signature over it verifies, and fails for another provider or agency', async (t) => {
    let signatures: typeof import('../../src/crypto/signatures.ts');
    let keys: typeof import('../../src/crypto/keys.ts');
    try {
      signatures = await import('../../src/crypto/signatures.ts');
      keys = await import('../../src/crypto/keys.ts');
    } catch {
      t.skip('crypto module not available');
      return;
    }
    const court = keys.generateSigningKeyPair();
    const c = content('warrant') as WarrantRequestContent;
    const sig = signatures.signCanonical(
      court.privateKey,
      WARRANT_ATTESTATION_PURPOSE,
      warrantAttestationPayload(c, 'org-agency-1'),
    );
    const verify = (content: WarrantRequestContent, agency: string) =>
      signatures.verifyCanonical(
        court.publicKey,
        WARRANT_ATTESTATION_PURPOSE,
        warrantAttestationPayload(content, agency),
        sig,
      );
    assert.equal(verify(c, 'org-agency-1'), true);
    assert.equal(
      verify(RequestContentSchema.parse(JSON.parse(JSON.stringify(c))) as WarrantRequestContent, 'org-agency-1'),
      true,
    );
    assert.equal(verify({ ...c, providerOrganisationId: 'org-provider-2' }, 'org-agency-1'), false);
    assert.equal(verify(c, 'org-agency-2'), false);
    assert.equal(verify({ ...c, categories: ['subscriber', 'access_log', 'content'] }, 'org-agency-1'), false);
  });
});
