import { describe, expect, it } from '@jest/globals';
import {
  figureFileName,
  parseFigureFileName,
  renderFigure,
  reportFigures,
  tickLabel,
} from './figures.js';
import { NASTY_TITLE, reportDataFixture } from './report-data.fixture.js';

describe(parseFigureFileName.name, () => {
  it('reads back the slug and key of every figure name, hyphens in slugs included', () => {
    expect(parseFigureFileName(figureFileName('rpm-cow-2', 'effects'))).toEqual({
      slug: 'rpm-cow-2',
      key: 'effects',
    });
    expect(parseFigureFileName('Fleetlab-a-b-install_duration_ms.svg')).toEqual({
      slug: 'a-b',
      key: 'install_duration_ms',
    });
    expect(parseFigureFileName('other.svg')).toBeNull();
    expect(parseFigureFileName('Fleetlab-x-y.png')).toBeNull();
  });
});

describe(renderFigure.name, () => {
  const data = reportDataFixture();

  it('names an effects figure and one per metric', () => {
    expect(reportFigures(data).map((f) => f.fileName)).toEqual([
      'Fleetlab-cow-test-effects.svg',
      'Fleetlab-cow-test-install_duration_ms.svg',
      'Fleetlab-cow-test-disk_used_delta_bytes.svg',
    ]);
    expect(renderFigure(data, 'boot_duration_ms')).toBeNull();
  });

  it('draws a point and an interval per metric and treatment, coloured by verdict', () => {
    const svg = renderFigure(data, 'effects')!;
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<circle cx="[\d.]+" cy="(71|101)\.0" r="5"/g)).toHaveLength(2);
    expect(svg).toContain('fill="#2e7d32"'); // better
    expect(svg).toContain('fill="#c62828"'); // worse
    expect(svg).toContain('-35.2%  better');
  });

  it('escapes the text it shows', () => {
    const svg = renderFigure(data, 'effects')!;
    expect(svg).not.toContain(NASTY_TITLE);
    expect(svg).toContain('RPM | CoW [[x]] {{y}} &#39;z&#39; *a* _b_ &lt;c&gt; &amp;');
  });

  it('draws a bar per arm with its mean', () => {
    const svg = renderFigure(data, 'install_duration_ms')!;
    expect(svg.match(/<rect x=/g)).toHaveLength(2);
    expect(svg).toContain('>12,000 ms</text>');
    expect(svg).toContain('>baseline (Stock rpm)</text>');
  });

  it('draws the same bytes for the same data', () => {
    const again = reportDataFixture();
    for (const key of ['effects', 'install_duration_ms']) {
      expect(renderFigure({ ...again, generatedAt: 'later' }, key)).toBe(renderFigure(data, key));
    }
  });

  it('labels round ticks without trailing zeros', () => {
    expect(['1.000 GB', '+25.0%', '0.000 B', '12,000 ms', '2.500 MB'].map(tickLabel)).toEqual([
      '1 GB',
      '+25%',
      '0 B',
      '12,000 ms',
      '2.5 MB',
    ]);
  });
});
