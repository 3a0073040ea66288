// The device-side key work's refusals (src/client/custody*.ts), which run in the browser and in
// `shokai device …`: each is a DomainError in Japanese and English — what the page's ErrorNotice
// (through deviceRefusal) and the CLI's describeCliError show — never an English-only Error.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { describeCliError } from '../../src/cli/context.ts';
import { type ApiClient, createApiClient } from '../../src/client/client.ts';
import {
  checkFileBytes,
  deviceRefusal,
  enrolDevice,
  type OpenedOnDevice,
  openAnswerFileOnDevice,
  openSealedAttachment,
  removeAndRotate,
} from '../../src/client/custody.ts';
import { markCompromised, resealOnDevice } from '../../src/client/custody-reseal.ts';
import * as refusals from '../../src/client/device-errors.ts';
import { requestFileInEnvelope } from '../../src/client/request-file-check.ts';
import {
  deviceKeyFingerprint,
  exportDevicePublicKey,
  generateDeviceKeyPair,
  wrapCustodyKey,
} from '../../src/crypto/device-seal.ts';
import { DeviceKeyError, isCryptoError } from '../../src/crypto/errors.ts';
import { type DomainError, type ErrorCode, isDomainError } from '../../src/domain/errors.ts';
import { madeCustodyKey } from '../support/crypto.ts';
import { assertInBoth, JAPANESE } from '../support/languages.ts';

/** For `assert.rejects`: a DomainError of `code`, in Japanese and English, matching `ja` and `en`. */
const inBoth = (code: ErrorCode, ja: RegExp, en: RegExp) => (e: unknown) => {
  assert.ok(isDomainError(e), `a DomainError, not ${e instanceof Error ? e.name : typeof e}: ${String(e)}`);
  assert.equal(e.code, code);
  assertInBoth(e.messages, ja, en);
  assert.equal(e.message, e.messages.en);
  // What the page shows (ErrorNotice) is these words.
  assert.deepEqual(deviceRefusal(e), e.messages);
  return true;
};

/** A typed client over canned answers of the hub (method and path → JSON body); `calls` records each call. */
function stubHub(answers: Record<string, unknown>): { api: ApiClient; calls: string[] } {
  const calls: string[] = [];
  const api = createApiClient({
    baseUrl: 'http://hub.test',
    token: 't',
    fetch: async (input: Request | string | URL) => {
      const req = input instanceof Request ? input : new Request(input);
      const key = `${req.method} ${new URL(req.url).pathname}`;
      calls.push(key);
      const body = answers[key];
      if (body === undefined) {
        return Response.json({ error: { code: 'NOT_FOUND', message: { ja: 'ない', en: 'none' } } }, { status: 404 });
      }
      return Response.json(body);
    },
  });
  return { api, calls };
}

async function newHandle(id: string) {
  const pair = await generateDeviceKeyPair(true);
  return { id, publicKey: await exportDevicePublicKey(pair.publicKey), privateKey: pair.privateKey };
}

/** A custody key wrapped to `to` (whose private key may not be the handle's: a wrong key file). */
async function custodyKeyWrappedTo(to: { id: string; publicKey: string }) {
  const { id, publicKey, pkcs8 } = await madeCustodyKey();
  return { id, publicKey, wrapped: await wrapCustodyKey(pkcs8, id, to) };
}

/** The record a device keeps of a key it made (made-keys.ts). */
async function madeRecord(key: { id: string; publicKey: string }) {
  return { id: key.id, publicKey: key.publicKey, fingerprint: await deviceKeyFingerprint(key.publicKey) };
}

describe('the device-side refusals say themselves in Japanese and English', () => {
  test('every refusal the client makes has both languages, and names nothing raw', () => {
    const made: DomainError[] = [
      refusals.notAmongRemaining('dev_1', 'rotate'),
      refusals.notAmongRemaining('dev_1', 'compromised'),
      refusals.resealTargetRefused('ck_1', 'id'),
      refusals.resealTargetRefused('ck_1', 'held'),
      refusals.resealTargetRefused('ck_1', 'wrapped'),
      refusals.resealTargetUnconfirmed('ck_1', '7140:dc09:5166:007d:0000:1111:2222:3333', false),
      refusals.resealTargetUnconfirmed('ck_1', '7140:dc09:5166:007d:0000:1111:2222:3333', true),
      ...(['answer', 'attachment', 'archive', 'notice'] as const).map((k) => refusals.sealedKeyMissing(k, 'x_1')),
      refusals.targetKeyRefused(new Error('x')),
      refusals.archiveOfAnother('req_1'),
      refusals.anotherFile('att_1', 'att_2'),
      refusals.fileNotAsSigned('att_1', 'report.pdf', 'answer'),
      refusals.fileNotAsSigned('att_1', 'report.pdf', 'request'),
      refusals.fileBytesDiffer('att_1'),
      refusals.fileNotNamed('att_1', 'answer'),
      refusals.fileNotNamed('att_1', 'request'),
      refusals.signedRequestRemoved('att_1'),
      refusals.answerUnverified(null),
      refusals.answerUnverified({ ja: '鍵が失効しています', en: 'the key is revoked' }),
    ];
    for (const e of made) {
      assert.match(e.messages.ja, JAPANESE, e.messages.en);
      assert.doesNotMatch(e.messages.en, JAPANESE, e.messages.en);
      for (const text of [e.messages.ja, e.messages.en]) {
        assert.doesNotMatch(text, /undefined|null|\[object|ck_1|dev_1/, text);
      }
    }
    // An item by its kind in words, never the kind's code.
    assert.match(refusals.sealedKeyMissing('attachment', 'x_1').messages.ja, /添付ファイル（x_1）/);
    assert.match(refusals.sealedKeyMissing('attachment', 'x_1').messages.en, /the file \(x_1\)/);
    assert.match(refusals.answerUnverified({ ja: '失効', en: 'revoked' }).messages.ja, /（失効）/);
  });

  test('a refusal of the key work becomes a DomainError with the same words, the CryptoError its cause', () => {
    const crypto = new DeviceKeyError('SEAL_OPEN_FAILED', { ja: '開けません', en: 'cannot open' });
    const said = refusals.refusalInWords(crypto);
    assert.ok(isDomainError(said));
    assert.equal(said.code, 'SIGNATURE_INVALID');
    assert.deepEqual(said.messages, { ja: '開けません', en: 'cannot open' });
    assert.equal(said.cause, crypto);
    const other = new Error('other');
    assert.equal(refusals.refusalInWords(other), other);
  });

  test('enrol with a public key that is not one: refused in words before the hub is called', async () => {
    const { api, calls } = stubHub({});
    const device = await newHandle('dev_me');
    for (const publicKey of ['garbage', 'AAAA', 'BBBB'.repeat(22)]) {
      await assert.rejects(
        enrolDevice(api, device, { id: 'dev_new', publicKey }),
        inBoth('VALIDATION_FAILED', /渡す先の端末の公開鍵が.*P-256/, /target device's public key is not a P-256/),
      );
    }
    assert.deepEqual(calls, []);
  });

  test('a key file that is not the device registered: its wrap does not open, said in words', async () => {
    const device = await newHandle('dev_me');
    const other = await newHandle('dev_me');
    const key = await custodyKeyWrappedTo(device);
    const { api } = stubHub({
      'GET /v1/custody/devices/dev_me/keys': {
        items: [{ keyId: key.id, publicKey: key.publicKey, wrapped: key.wrapped, passOn: true, current: true }],
      },
      'GET /v1/custody/reseal': { items: [{}], toKey: { id: key.id, publicKey: key.publicKey }, keys: [], left: 1 },
    });
    const wrongFile = { ...device, privateKey: other.privateKey };
    const target = await newHandle('dev_new');
    const unwrapRefused = (e: unknown) =>
      inBoth('SIGNATURE_INVALID', /この端末の鍵で開けませんでした/, /this device's key could not open/)(e) &&
      isDomainError(e) &&
      isCryptoError(e.cause, 'SEAL_OPEN_FAILED');
    await assert.rejects(enrolDevice(api, wrongFile, target), unwrapRefused);
    await assert.rejects(resealOnDevice(api, wrongFile), unwrapRefused);
  });

  test('mark compromised, or rotate, from a device that does not remain: refused in words', async () => {
    const device = await newHandle('dev_me');
    const { api, calls } = stubHub({
      'GET /v1/custody': {
        custodyKey: { id: 'ck_now' },
        devices: [
          { id: 'dev_me', state: 'enrolled', userId: 'u1' },
          { id: 'dev_other', state: 'enrolled', userId: 'u2' },
        ],
      },
    });
    await assert.rejects(
      markCompromised(api, device, 'ck_now', ['dev_me']),
      inBoth('ILLEGAL_TRANSITION', /残る登録済みの端末から記録して/, /not among the enrolled devices that remain/),
    );
    await assert.rejects(
      removeAndRotate(api, device, { userId: 'u1' }),
      inBoth('ILLEGAL_TRANSITION', /除外と鍵の更新/, /remove and rotate from an enrolled device/),
    );
    assert.deepEqual(calls, ['GET /v1/custody', 'GET /v1/custody']);
  });

  test('re-seal: a key the hub names that this device cannot trust, or a key it does not hand out', async () => {
    const device = await newHandle('dev_me');
    const key = await custodyKeyWrappedTo(device);
    const keys = {
      items: [{ keyId: key.id, publicKey: key.publicKey, wrapped: key.wrapped, passOn: true, current: true }],
    };
    const work = (toKey: { id: string; publicKey: string }) => ({
      items: [{ kind: 'attachment', itemId: 'att_9', sealed: { recipientKeyId: 'ck_gone' }, aad: 'a' }],
      toKey,
      keys: [],
      left: 1,
      openableHere: 1,
    });
    const hub = (toKey: { id: string; publicKey: string }) =>
      stubHub({ 'GET /v1/custody/devices/dev_me/keys': keys, 'GET /v1/custody/reseal': work(toKey) }).api;
    await assert.rejects(
      resealOnDevice(hub({ id: 'ck_0', publicKey: key.publicKey }), device),
      inBoth('KEY_UNKNOWN', /その公開鍵から導かれる鍵ではありません/, /is not the key its public part names/),
    );
    await assert.rejects(
      resealOnDevice(hub({ id: 'ck_0', publicKey: 'garbage' }), device),
      inBoth('KEY_UNKNOWN', /何も封緘し直していません/, /nothing was sealed again/),
    );
    const rogue = await custodyKeyWrappedTo(await newHandle('dev_rogue'));
    await assert.rejects(
      resealOnDevice(hub({ id: rogue.id, publicKey: rogue.publicKey }), device),
      inBoth('KEY_UNKNOWN', /この端末が保管している鍵ではありません/, /is not held on this device/),
    );
    // The key this device holds passes every check the hub could pass too: not made here and not
    // confirmed, it is refused naming the fingerprint to compare; confirmed as another, refused too.
    const shown = `SHA-256 ${(await deviceKeyFingerprint(key.publicKey)).replaceAll(':', ' ')}`;
    await assert.rejects(
      resealOnDevice(hub({ id: key.id, publicKey: key.publicKey }), device),
      inBoth('KEY_UNKNOWN', new RegExp(`（${shown}）は、この端末で作った鍵ではありません`), /not made on this device/),
    );
    await assert.rejects(
      resealOnDevice(hub(key), device, undefined, 'SHA-256 0000 0000 0000 0000 0000 0000 0000 0000'),
      inBoth('KEY_UNKNOWN', /確認された指紋と一致しません/, /does not match the fingerprint confirmed/),
    );
    const missing = inBoth(
      'KEY_UNKNOWN',
      /添付ファイル（att_9）を封緘した鍵を渡しませんでした/,
      /did not hand out the key the file \(att_9\)/,
    );
    // Confirmed (as shown, or stored) or made here, it is the key the work goes on with.
    await assert.rejects(resealOnDevice(hub(key), device, undefined, shown), missing);
    await assert.rejects(resealOnDevice(hub(key), { ...device, madeKeys: [await madeRecord(key)] }), missing);
  });

  test('a file: another than asked, not as signed, bytes that differ, not named — each in words', async () => {
    const device = await newHandle('dev_me');
    const bytes = new TextEncoder().encode('hello');
    await assert.rejects(
      checkFileBytes(bytes, { id: 'att_1', sha256: '0'.repeat(64), byteSize: 5 }),
      inBoth('SIGNATURE_INVALID', /SHA-256 と大きさに一致しません/, /does not match its SHA-256/),
    );
    const sealed = {
      requestId: 'req_1',
      attachmentId: 'att_2',
      fileName: 'a.pdf',
      mediaType: 'application/pdf',
      byteSize: 5,
      sha256: '1'.repeat(64),
    };
    const s = sealed as Parameters<typeof openSealedAttachment>[0];
    await assert.rejects(
      openSealedAttachment(s, device, 'req_1', 'att_1'),
      inBoth('SIGNATURE_INVALID', /別のファイル/, /the hub handed out another file/),
    );
    const named = {
      id: 'att_2',
      fileName: 'report.pdf',
      mediaType: 'application/pdf' as const,
      byteSize: 6,
      sha256: '1'.repeat(64),
    };
    await assert.rejects(
      openSealedAttachment(s, device, 'req_1', 'att_2', named, 'request'),
      inBoth(
        'SIGNATURE_INVALID',
        /ファイル「report\.pdf」は、署名された要請/,
        /"report\.pdf" is not the file the signed request/,
      ),
    );
    const envelope = { payload: { requestId: 'req_1', content: { attachments: [] } } };
    const { api } = stubHub({ 'GET /v1/requests/req_1/envelope': { envelope } });
    await assert.rejects(
      requestFileInEnvelope(api, 'req_1', 'att_1'),
      inBoth('NOT_FOUND', /署名された要請に記載されていません/, /is not named in the signed request/),
    );
    // An issued request whose envelope retention took: said so, not that the file is not named in it.
    const { api: archived } = stubHub({ 'GET /v1/requests/req_1/envelope': { envelope: null } });
    await assert.rejects(
      requestFileInEnvelope(archived, 'req_1', 'att_1'),
      inBoth('PURGED', /保存期間を過ぎたため、署名された照会書/, /retention period, the signed request was taken/),
    );
  });

  test("an answer's file: refused in words when the signature fails or the answer does not name it", async () => {
    const device = await newHandle('dev_me');
    const { api, calls } = stubHub({});
    const opened: OpenedOnDevice = {
      answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] },
      answeredAt: '2025-01-01T00:00:00.000Z',
      signatureValid: false,
      signatureProblem: { ja: '鍵が失効しています', en: 'the key is revoked' },
      signedBy: { organisationId: 'org_1', keyFingerprint: '', credential: null },
      readAt: '2025-01-01T00:00:00.000Z',
      copy: 'unit',
      inner: {
        signed: { answeredAt: '', answer: {}, requestId: 'req_1', reference: '', providerOrganisationId: 'org_1' },
        signature: '',
        keyId: '',
      },
      signerKey: null,
    };
    await assert.rejects(
      openAnswerFileOnDevice(api, device, 'req_1', 'att_1', opened),
      inBoth(
        'SIGNATURE_INVALID',
        /回答の署名を確認できません（鍵が失効しています）/,
        /signature does not verify \(the key is revoked\)/,
      ),
    );
    await assert.rejects(
      openAnswerFileOnDevice(api, device, 'req_1', 'att_1', {
        ...opened,
        signatureValid: true,
        signatureProblem: null,
      }),
      inBoth('NOT_FOUND', /署名された回答に記載されていません/, /is not named in the signed answer/),
    );
    assert.deepEqual(calls, []);
  });
});

describe("the CLI's words for them (describeCliError): Japanese by default, English with SHOKAI_LANG=en", () => {
  const saved = process.env.SHOKAI_LANG;
  afterEach(() => {
    if (saved === undefined) delete process.env.SHOKAI_LANG;
    else process.env.SHOKAI_LANG = saved;
  });

  test('a refusal of the client, and one of the key work passed on in words', async () => {
    const device = await newHandle('dev_me');
    const refused = await enrolDevice(stubHub({}).api, device, { id: 'dev_new', publicKey: 'garbage' }).catch(
      (e: unknown) => e,
    );
    const unwrapped = refusals.refusalInWords(
      new DeviceKeyError('SEAL_OPEN_FAILED', { ja: '開けません', en: 'cannot open' }),
    );
    delete process.env.SHOKAI_LANG;
    assert.match(describeCliError(refused), /^渡す先の端末の公開鍵が、P-256 の公開鍵/);
    assert.equal(describeCliError(unwrapped), '開けません');
    process.env.SHOKAI_LANG = 'en';
    assert.match(describeCliError(refused), /^the target device's public key is not a P-256 public key/);
    assert.equal(describeCliError(unwrapped), 'cannot open');
  });
});
