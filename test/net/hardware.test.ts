import assert from 'node:assert/strict';
import { it } from 'node:test';
import { normaliseHardware } from '../../src/net/hardware.ts';

it('hardware addresses, client ids and DUIDs become lower-case colon-separated hex', () => {
  const cases: Array<[string, string]> = [
    ['00:1A:2B:3C:4D:5E', '00:1a:2b:3c:4d:5e'],
    ['00-1a-2b-3c-4d-5e', '00:1a:2b:3c:4d:5e'],
    ['001a.2b3c.4d5e', '00:1a:2b:3c:4d:5e'],
    [' 001A2B3C4D5E ', '00:1a:2b:3c:4d:5e'],
    ['00:01:00:01:2a:3b:4c:5d:00:1a:2b:3c:4d:5e', '00:01:00:01:2a:3b:4c:5d:00:1a:2b:3c:4d:5e'],
    // not hex, or an odd number of digits: kept as written (trimmed, lower case)
    ['Client-7', 'client-7'],
    ['abc', 'abc'],
    ['a', 'a'],
    ['', ''],
  ];
  for (const [input, want] of cases) assert.equal(normaliseHardware(input), want, input);
});
