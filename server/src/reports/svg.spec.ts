import { describe, expect, it } from '@jest/globals';
import { escapeXml, niceTicks, px, scale } from './svg.js';

describe(niceTicks.name, () => {
  it.each([
    [-0.43, 0.12, [-0.4, -0.3, -0.2, -0.1, 0, 0.1]],
    [0, 42000, [0, 10000, 20000, 30000, 40000]],
    [0.3, 0.3, [0.3]],
  ])('puts round ticks over [%p, %p]', (min, max, ticks) => {
    expect(niceTicks(min, max)).toEqual(ticks);
  });
});

describe(escapeXml.name, () => {
  it('escapes markup and quotes', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('writes coordinates with one decimal and no negative zero', () => {
    expect([px(1), px(-0.01), px(2.345)]).toEqual(['1.0', '0.0', '2.3']);
    expect(scale([0, 10], [100, 200])(5)).toBe(150);
  });
});
