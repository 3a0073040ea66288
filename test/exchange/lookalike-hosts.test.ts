import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lookalikeOfKnown } from '../../src/domain/deceptive-hosts.ts';
import { targetValueProblem } from '../../src/domain/target-values.ts';
import type { Db } from '../../src/store/database.ts';
import { testDialects } from '../support/dialects.ts';
import { approve, hubWithHooks } from '../support/exchange.ts';
import { declareSigned } from '../support/networks.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

// An attacker's pass (twentieth session): a host name that reads as another. `pаypal.example` with a Cyrillic
// `а` is `paypal.example` on the unit head's signing page and on the provider's screen, and was signed as it
// was typed; so were `аррӏе.com` (all Cyrillic) and `ｅｘａｍｐｌｅ.com` (full-width). The zero-width and
// text-direction characters were refused for that reason already; these were not.

const PAYPAL_LOOKALIKE = 'p\u0430ypal.example';

/** How many rows each of the tables a draft writes to holds. */
async function countRows(db: Db, tables: readonly ('requests' | 'audit_entries' | 'cases')[]): Promise<number[]> {
  const counts: number[] = [];
  for (const t of tables) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts.push(Number(r.n));
  }
  return counts;
}

for (const dialect of testDialects()) {
  describe(`a host name that reads as another is refused before it is signed (${dialect})`, () => {
    const {
      hub,
      people: [sato],
      orgs,
    } = hubWithHooks(dialect, ['sato']);
    const inquiry = (target: Record<string, unknown>) => ({
      content: {
        kind: 'inquiry',
        providerOrganisationId: orgs.board,
        caseReference: 'HOMOGRAPH-1',
        offence: '詐欺',
        facts: 'フィッシングのメールに記載されたドメイン',
        necessity: '登録者の特定のため',
        targets: [target],
        categories: ['subscriber'],
      },
    });
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      [
        'a domain with a Cyrillic letter among Latin ones',
        { type: 'domain', name: PAYPAL_LOOKALIKE },
        'name',
        /xn--pypal-4ve\.example/,
      ],
      [
        'a domain all of Cyrillic letters that read as Latin',
        { type: 'domain', name: '\u0430\u0440\u0440\u04cf\u0435.com' },
        'name',
        /xn--80ak6aa92e\.com/,
      ],
      [
        'a domain in full-width letters',
        { type: 'domain', name: 'ｅｘａｍｐｌｅ.com' },
        'name',
        /[「"]example\.com[」"]/,
      ],
      [
        'an e-mail address at a look-alike host',
        { type: 'email', address: `info@${PAYPAL_LOOKALIKE}` },
        'address',
        /xn--pypal-4ve/,
      ],
      [
        'a domain mixing Armenian and Cyrillic letters, no Latin one',
        { type: 'domain', name: '\u0581\u043e\u043e\u0441\u04cf\u0435.com' },
        'name',
        /xn--/,
      ],
      [
        'a domain all of Greek letters that read as Latin',
        { type: 'domain', name: '\u03bf\u03c1\u03bf.com' },
        'name',
        /xn--/,
      ],
      ['a URL on a look-alike host', { type: 'url', url: `https://${PAYPAL_LOOKALIKE}/login` }, 'url', /xn--pypal-4ve/],
      [
        'a URL on a look-alike host written without `//`',
        { type: 'url', url: `http:${PAYPAL_LOOKALIKE}/login` },
        'url',
        /http:\/\/xn--pypal-4ve\.example\/login/,
      ],
    ];
    for (const [name, target, key, mention] of cases) {
      test(name, async () => {
        const before = await countRows(hub.ctx.store.db, ['requests', 'audit_entries', 'cases']);
        const r = await sato.call<ApiError>('POST', '/v1/requests', inquiry(target));
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.equal(r.body.error.code, 'INVALID_IDENTIFIER');
        assert.equal(r.body.error.details?.field, `targets.0.${key}`);
        assert.match(r.body.error.message.en, mention);
        assert.match(r.body.error.message.ja, mention);
        assert.deepEqual(await countRows(hub.ctx.store.db, ['requests', 'audit_entries', 'cases']), before);
      });
    }

    test('the name as its A-label, and names in one script (Japanese, Cyrillic, Greek), are taken', async () => {
      for (const name of [
        'xn--pypal-4ve.example',
        '日本語.jp',
        '\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444',
        '\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1.\u03b5\u03bb',
        'straße.de',
        'İstanbul.com.tr',
      ]) {
        const r = await sato.call<RequestDetail>('POST', '/v1/requests', inquiry({ type: 'domain', name }));
        assert.equal(r.status, 201, `${name}: ${JSON.stringify(r.body)}`);
      }
    });
  });
}

describe('the request editor says it as the hub refuses it', () => {
  test('targetValueProblem names the A-label, and leaves plain names alone', () => {
    assert.match(targetValueProblem('domain', PAYPAL_LOOKALIKE)?.en ?? '', /xn--pypal-4ve\.example/);
    assert.match(
      targetValueProblem('url', 'https://ＥＸＡＭＰＬＥ.com/x')?.ja ?? '',
      /「example\.com」と書いてください/,
    );
    assert.equal(targetValueProblem('domain', 'example.com'), null);
    assert.equal(targetValueProblem('email', 'Bob@Example.com'), null);
  });
});

describe('a URL whose host is not written as scheme://host is refused, naming the form to write', () => {
  // Review finding M1: the check read the host between `//` and the first `/`, so a URL written another way,
  // which every browser still opens at the look-alike host, passed; and with two `@` the wrong host was read.
  const written = (url: string) => targetValueProblem('url', url);
  test('no `//`, one `/`, backslashes, or a backslash before an `@`: refused, with the URL to write', () => {
    const urls: Array<[string, string]> = [
      ['http:p\u0430ypal.example/login', 'http://xn--pypal-4ve.example/login'],
      ['http:/p\u0430ypal.example/', 'http://xn--pypal-4ve.example/'],
      ['http:\\\\p\u0430ypal.example\\', 'http://xn--pypal-4ve.example/'],
      ['http://p\u0430ypal.example\\@evil.example/', 'http://xn--pypal-4ve.example/@evil.example/'],
      ['http:///p\u0430ypal.example/', 'http://xn--pypal-4ve.example/'],
    ];
    for (const [url, instead] of urls) {
      const p = written(url);
      assert.ok(p, `${url} is refused`);
      assert.match(p.en, /"https:\/\/host\/…"/, url);
      assert.match(p.ja, /「https:\/\/ホスト名\/…」/, url);
      assert.ok(p.en.includes(`"${instead}"`) && p.ja.includes(`「${instead}」`), `${url}: ${p.en}`);
    }
  });

  test('a host written with percent escapes is refused', () => {
    assert.match(written('http://p%D0%B0ypal.example/')?.en ?? '', /percent/);
    assert.match(written('http://p%D0%B0ypal.example/')?.ja ?? '', /%/);
  });

  test('URLs written the usual way are taken as before', () => {
    for (const url of [
      'https://example.com/login',
      'HTTPS://Example.com/x',
      'http://example.com',
      'http://example.com?q=1',
      'http://example.com#top',
      'http://example.com:8080/x',
      'https://mastodon.example/@user/1',
      'http://example.com/?q=a@b#c@d',
      'http://[2001:db8::1]:8080/',
      'https://xn--pypal-4ve.example/login',
      'https://日本語.jp/パス',
    ]) {
      assert.equal(written(url), null, url);
    }
  });
});

describe('look-alike scripts mixed without Latin, and Greek or Armenian names that read as Latin', () => {
  // Review finding M2: only a label mixing Latin with another script, or all of Cyrillic look-alikes, was refused.
  test('a label mixing two of Latin, Cyrillic, Greek and Armenian, or all of one script’s look-alikes', () => {
    for (const name of [
      '\u0581\u043e\u043e\u0441\u04cf\u0435.com', // ցоосӏе: Armenian and Cyrillic
      '\u0581\u0585\u0585\u0581\u04cf\u0435.com', // ցօօցӏе: Armenian and Cyrillic
      '\u0430\u0440\u0440\u04cf\u03b5.com', // аррӏε: Cyrillic and Greek
      '\u03bf\u03c1\u03bf.com', // ορο: all Greek, reads "opo"
      '\u0581\u0585\u0585\u0581.com', // ցօօց: all Armenian, reads "goog"
    ]) {
      const p = targetValueProblem('domain', name);
      const aLabel = new URL(`http://${name}/`).hostname;
      assert.ok(p?.en.includes(`"${aLabel}"`) && p.ja.includes(`「${aLabel}」`), `${name}: ${JSON.stringify(p)}`);
    }
  });

  test('names in one script, under a top-level domain of that script or with letters that read as no Latin', () => {
    for (const name of [
      '\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1.\u03b5\u03bb', // παράδειγμα.ελ
      '\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444', // пример.рф
      '日本example.jp',
      'straße.de',
      'İstanbul.com.tr',
      'xn--pypal-4ve.example',
      'xn--80ak6aa92e.com',
    ]) {
      assert.equal(targetValueProblem('domain', name), null, name);
      assert.equal(targetValueProblem('url', `https://${name}/`), null, name);
    }
  });
});

describe('slash look-alikes and Latin letters that read as other Latin ones', () => {
  // Review finding L4. `example.com⁄login.evil.com` is one host under evil.com that reads as example.com and a path.
  test('a slash or backslash look-alike in a host is refused, naming the A-label', () => {
    for (const c of ['\u2044', '\u2215', '\u29f8', '\u2571', '\u2216', '\u29f5', '\u29f9']) {
      const name = `example.com${c}login.evil.com`;
      const aLabel = new URL(`http://${name}/`).hostname;
      for (const p of [targetValueProblem('domain', name), targetValueProblem('url', `https://${name}/`)]) {
        assert.ok(p?.en.includes(`"${aLabel}"`) && p.ja.includes(`「${aLabel}」`), `${name}: ${JSON.stringify(p)}`);
        assert.match(p?.en ?? '', /slash/);
      }
    }
    // The full-width solidus is a slash to the URL parser: not a host name at all, as before.
    assert.match(targetValueProblem('domain', 'example.com\uff0flogin.evil.com')?.en ?? '', /not a valid domain/);
    assert.match(targetValueProblem('url', 'https://example.com\uff0flogin.evil.com/')?.en ?? '', /not an http/);
  });

  test('ɡ ɑ ȷ ɩ are refused; dotless ı only outside .tr and .az, and never before a combining mark', () => {
    for (const name of ['\u0261oogle.com', '\u0251pple.com', '\u0237ava.com', 'w\u0269ki.org', 'g\u0131thub.com']) {
      const aLabel = new URL(`http://${name}/`).hostname;
      const p = targetValueProblem('domain', name);
      assert.ok(p?.en.includes(`"${aLabel}"`) && p.ja.includes(`「${aLabel}」`), `${name}: ${JSON.stringify(p)}`);
    }
    assert.ok(targetValueProblem('domain', 'g\u0131\u0307thub.com.tr'), 'ı with a dot above reads as i');
    for (const name of ['\u0131sparta.com.tr', 'k\u0131rm\u0131z\u0131.tr', 'ba\u0131k.az']) {
      assert.equal(targetValueProblem('domain', name), null, name);
    }
  });
});

describe('a URL with user-info is refused, naming the URL to write without it', () => {
  // Twenty-first session: `https://www.example.co.jp@evil.example/post/1` reads as www.example.co.jp and opens
  // evil.example; a post's URL never needs the part before `@`.
  test('the refusal names the URL, the user-info, the host it opens, and the URL without the part before `@`', () => {
    const cases: Array<[string, string, string]> = [
      ['https://www.example.co.jp@evil.example/post/1', 'www.example.co.jp@', 'https://evil.example/post/1'],
      ['https://user:pass@host.example/', 'user:pass@', 'https://host.example/'],
      ['http://user:pw@example.com:8080/x', 'user:pw@', 'http://example.com:8080/x'],
      ['https://@example.com/x', '@', 'https://example.com/x'],
      ['https://a@p\u0430ypal.com@x.example/', 'a@p\u0430ypal.com@', 'https://x.example/'],
      ['https://a@b@p\u0430ypal.com/', 'a@b@', 'https://p\u0430ypal.com/'],
    ];
    for (const [url, userinfo, instead] of cases) {
      const p = targetValueProblem('url', url);
      assert.ok(p, `${url} is refused`);
      assert.ok(p.en.includes(`"${url}"`) && p.ja.includes(`「${url}」`), `${url}: ${p.en}`);
      assert.ok(p.en.includes(`"${userinfo}"`) && p.ja.includes(`「${userinfo}」`), `${url}: ${p.en}`);
      assert.ok(p.en.includes(`"${instead}"`) && p.ja.includes(`「${instead}」`), `${url}: ${p.en}`);
      assert.match(p.en, /without the part before "@"/);
      assert.match(p.ja, /「@」より前の部分を除いて/);
    }
  });
});

describe('letters tied to one language’s top-level domains: þ (.is), ð (.is, .fo), ə (.az)', () => {
  // Twenty-first session: as the dotless ı under .tr and .az (Chromium's IDN spoof checker ties these the same way).
  test('refused elsewhere, naming the A-label and where the letter is taken', () => {
    const cases: Array<[string, RegExp, RegExp]> = [
      ['\u00feing.com', /"þ" is taken under \.is only/, /「þ」は \.is の名前でだけ/],
      ['\u00feing.fo', /"þ" is taken under \.is only/, /「þ」は \.is の名前でだけ/],
      ['go\u00f0.com', /"ð" is taken under \.is and \.fo only/, /「ð」は \.is・\.fo の名前でだけ/],
      ['\u0259la.com', /"ə" is taken under \.az only/, /「ə」は \.az の名前でだけ/],
      ['\u0259la.com.tr', /"ə" is taken under \.az only/, /「ə」は \.az の名前でだけ/],
    ];
    for (const [name, en, ja] of cases) {
      const aLabel = new URL(`http://${name}/`).hostname;
      for (const p of [targetValueProblem('domain', name), targetValueProblem('url', `https://${name}/x`)]) {
        assert.ok(p?.en.includes(`"${aLabel}"`) && p.ja.includes(`「${aLabel}」`), `${name}: ${JSON.stringify(p)}`);
        assert.match(p?.en ?? '', en, name);
        assert.match(p?.ja ?? '', ja, name);
      }
    }
  });

  test('taken under their own top-level domains', () => {
    for (const name of ['\u00feing.is', 'go\u00f0.is', 'go\u00f0.fo', '\u0259la.az', 'b\u0259k\u0131.az']) {
      assert.equal(targetValueProblem('domain', name), null, name);
    }
  });
});

describe('a host whose confusable skeleton is a directory domain’s, but not that domain', () => {
  // Twenty-first session: UTS #39's skeleton compared with the domains providers declare in the hub's directory.
  const known = ['sakura-board.example', 'nihon-net.example'];
  test('a look-alike of a declared domain, or of a parent of the host, is refused naming both and the A-label', () => {
    const cases: Array<[string, string]> = [
      ['\uabaaakura-board.example', 'sakura-board.example'], // Cherokee ꮪ
      ['sakura-b\u1d0fard.example', 'sakura-board.example'], // Latin small capital ᴏ
      ['www.\uabaaakura-board.example', 'sakura-board.example'],
      ['ni\u0570on-net.example', 'nihon-net.example'], // Armenian հ
    ];
    for (const [host, declared] of cases) {
      const p = lookalikeOfKnown(host, known);
      const aLabel = new URL(`http://${host}/`).hostname;
      assert.equal(p?.instead, aLabel, host);
      assert.ok(p.words.en.includes(`"${declared}"`) && p.words.ja.includes(`「${declared}」`), host);
      assert.ok(p.words.en.includes(`"${aLabel}"`) && p.words.ja.includes(`「${aLabel}」`), host);
    }
  });

  test('the declared name itself, ASCII names, and names UTS #39 does not confuse are taken', () => {
    for (const host of [
      'sakura-board.example',
      'sakura-b0ard.example', // 0 is O to UTS #39, not o
      'sakura-b\u00f3ard.example', // diacritics are kept by the skeleton
      'xn--akura-board-ss2c.example',
      '日本語.jp',
      '\uabaaakura-board.example.evil.example',
    ]) {
      assert.equal(lookalikeOfKnown(host, known), null, host);
    }
    assert.equal(lookalikeOfKnown('\uabaaakura-board.example', []), null);
  });
});

for (const dialect of testDialects()) {
  describe(`a look-alike of a provider's declared domain is refused at drafting and approval (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka']);
    const inquiry = (target: Record<string, unknown>) => ({
      content: {
        kind: 'inquiry',
        providerOrganisationId: orgs.board,
        caseReference: 'HOMOGRAPH-2',
        offence: '詐欺',
        facts: 'フィッシングのメールに記載されたドメイン',
        necessity: '登録者の特定のため',
        targets: [target],
        categories: ['subscriber'],
      },
    });

    test('drafting: a look-alike of sakura-board.example (the demo board declares it) is refused', async () => {
      for (const [target, key] of [
        [{ type: 'domain', name: '\uabaaakura-board.example' }, 'name'],
        [{ type: 'url', url: 'https://\uabaaakura-board.example/thread/1' }, 'url'],
        [{ type: 'email', address: 'info@sakura-b\u1d0fard.example' }, 'address'],
      ] as const) {
        const before = await countRows(hub.ctx.store.db, ['requests', 'audit_entries', 'cases']);
        const r = await sato.call<ApiError>('POST', '/v1/requests', inquiry(target));
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.equal(r.body.error.code, 'INVALID_IDENTIFIER');
        assert.equal(r.body.error.details?.field, `targets.0.${key}`);
        assert.match(r.body.error.message.en, /"sakura-board\.example", a domain a provider declares/);
        assert.match(r.body.error.message.ja, /申告しているドメイン「sakura-board\.example」/);
        assert.deepEqual(await countRows(hub.ctx.store.db, ['requests', 'audit_entries', 'cases']), before);
      }
      const plain = await sato.call('POST', '/v1/requests', inquiry({ type: 'domain', name: 'sakura-b0ard.example' }));
      assert.equal(plain.status, 201, JSON.stringify(plain.body));
    });

    test('approval: a domain declared after the draft was written refuses its look-alike', async () => {
      const draft = await sato.call<RequestDetail>(
        'POST',
        '/v1/requests',
        inquiry({ type: 'domain', name: '\uabaaora-post.example' }),
      );
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      assert.equal(
        (await sato.call('POST', `/v1/requests/${draft.body.id}/transitions`, { action: 'submit' })).status,
        200,
      );
      await declareSigned(hub, orgs.board, {
        cidrs: ['198.51.100.0/24'],
        asns: [64501],
        domains: ['sakura-board.example', 'sora-post.example'],
      });
      const r = await approve<ApiError>(tanaka, draft.body.id);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'INVALID_IDENTIFIER');
      assert.equal(r.body.error.details?.field, 'targets.0.name');
      assert.match(r.body.error.message.en, /"sora-post\.example"/);
    });
  });
}
