import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalBytes, canonicalJson, MAX_DEPTH, sha256Hex } from '../../src/crypto/canonical.ts';
import { CryptoError } from '../../src/crypto/errors.ts';

/** A double from its IEEE-754 bit pattern, as RFC 8785 Appendix B lists them. */
function fromHex(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

const rejects = (value: unknown, re: RegExp) =>
  assert.throws(
    () => canonicalJson(value),
    (err: unknown) => err instanceof CryptoError && err.code === 'CANONICALIZATION_FAILED' && re.test(err.message),
  );

describe('canonicalJson — RFC 8785 vectors', () => {
  // Input text → canonical output (cyberphone/json-canonicalization testdata and RFC 8785 §3.2).
  const vectors: Array<[string, string, string]> = [
    [
      'values (RFC 8785 §3.2.2)',
      String.raw`{
  "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],
  "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`,
      String.raw`{"escaping":"€$\u000f\nA'B\"\\\\\"/",` +
        '"literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}',
    ],
    [
      'structures (nested sorting)',
      String.raw`{
  "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0},
  "10": { },
  "": "empty",
  "a": { },
  "111": [ { } ],
  "A": { }
}`,
      String.raw`{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}`,
    ],
    [
      'weird (UTF-16 code unit order, RFC 8785 §3.2.3)',
      String.raw`{
  "\u20ac": "Euro Sign",
  "1": "One",
  "\u0080": "Control\u007f",
  "\ud83d\ude02": "Smiley",
  "\u00f6": "Latin Small Letter O With Diaeresis",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "</script>": "Browser Challenge"
}`,
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😂":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    [
      'french (no locale collation)',
      '{"peach":"This sorting order","péché":"is wrong according to French",' +
        '"pêche":"but canonicalization MUST","sin":"ignore locale"}',
      '{"peach":"This sorting order","péché":"is wrong according to French",' +
        '"pêche":"but canonicalization MUST","sin":"ignore locale"}',
    ],
    [
      'unicode (no normalisation)',
      String.raw`{"Unnormalized Unicode":"A\u030a"}`,
      '{"Unnormalized Unicode":"A\u030a"}',
    ],
    ['arrays', '[56,{"d":true,"10":null,"1":[]}]', '[56,{"1":[],"10":null,"d":true}]'],
  ];
  for (const [name, input, expected] of vectors) {
    it(name, () => assert.equal(canonicalJson(JSON.parse(input)), expected));
  }

  it('sorts by UTF-16 code units, not code points (astral before U+FB33)', () => {
    // U+1F600 is D83D DE00 in UTF-16, which sorts before U+FB33 although its code point is larger.
    assert.equal(canonicalJson({ '\ufb33': 1, '\u{1f600}': 2 }), '{"\u{1f600}":2,"\ufb33":1}');
  });

  // RFC 8785 Appendix B: IEEE-754 bit pattern → serialisation.
  const numbers: Array<[string, string]> = [
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ];
  for (const [hex, expected] of numbers) {
    it(`number ${hex} → ${expected}`, () => assert.equal(canonicalJson(fromHex(hex)), expected));
  }

  it('rejects NaN and ±Infinity (Appendix B 7fffffffffffffff, 7ff0000000000000)', () => {
    rejects(fromHex('7fffffffffffffff'), /not finite/);
    rejects(fromHex('7ff0000000000000'), /not finite/);
    rejects({ a: [1, -Infinity] }, /\$\.a\[1\].*not finite/);
  });
});

describe('canonicalJson — JavaScript values', () => {
  it('skips undefined properties, honours toJSON (Date)', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6));
    assert.equal(canonicalJson({ b: undefined, a: at, c: null }), '{"a":"2026-01-02T03:04:05.006Z","c":null}');
  });

  it('has no whitespace and escapes control characters like JSON.stringify', () => {
    assert.equal(canonicalJson({ s: 'a\tb\u0001\u2028' }), '{"s":"a\\tb\\u0001\u2028"}');
  });

  it('is independent of insertion order', () => {
    assert.equal(canonicalJson({ x: { b: 1, a: 2 }, y: [3] }), canonicalJson({ y: [3], x: { a: 2, b: 1 } }));
  });

  it('rejects values a verifier could not reproduce from JSON', () => {
    rejects(10n, /BigInt/);
    rejects({ f: () => 1 }, /functions/);
    rejects({ s: Symbol('x') }, /symbols/);
    rejects([1, undefined], /undefined/);
    rejects(undefined, /undefined/);
    rejects(new Map(), /Map object/);
    rejects({ b: Buffer.from('x') }, /binary data/);
    rejects({ k: '\ud800' }, /lone UTF-16 surrogate/);
    rejects({ '\udc00x': 1 }, /lone UTF-16 surrogate/);
    class Thing {
      a = 1;
    }
    rejects(new Thing(), /Thing object/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    rejects(cyclic, /cyclic/);
  });

  it('refuses nesting deeper than MAX_DEPTH instead of overflowing the stack', () => {
    const nest = (depth: number): unknown => {
      let v: unknown = 1;
      for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { k: v };
      return v;
    };
    assert.equal(canonicalJson(nest(MAX_DEPTH)).length > 0, true);
    rejects(nest(MAX_DEPTH + 1), /nested deeper/);
    rejects(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)), /nested deeper/);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    assert.equal(canonicalJson([shared, shared]), '[{"a":1},{"a":1}]');
  });

  it('accepts null-prototype objects', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o.z = 1;
    o.a = 2;
    assert.equal(canonicalJson(o), '{"a":2,"z":1}');
  });

  it('canonicalBytes is UTF-8 and sha256Hex hashes strings and bytes alike', () => {
    const bytes = canonicalBytes({ 名前: '照会' });
    assert.deepEqual(bytes, Buffer.from('{"名前":"照会"}', 'utf8'));
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(sha256Hex(Buffer.from('abc')), sha256Hex('abc'));
  });
});
