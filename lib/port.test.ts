import { describe, expect, it } from 'vitest';
import { parsePort, portNumber } from './port';

describe('ports', () => {
  it('parsePort accepts digits only, 1–65535', () => {
    expect([587, '587', ' 25 ', '0', '65536', '5e2', '0x19', 587.1, -25].map(parsePort)).toEqual([587, 587, 25, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
  it('portNumber reads the digits without a range check, and nothing else', () => {
    expect([587, ' 99999 ', '0', '', '5e2', '0x19', 'abc', undefined].map(portNumber)).toEqual([587, 99999, 0, undefined, undefined, undefined, undefined, undefined]);
  });
});
