import { describe, expect, it } from '@jest/globals';
import { code, heading, list, paragraph, table } from './document.js';
import { escapeMarkdown, toMarkdown } from './markdown.js';

describe(escapeMarkdown.name, () => {
  it('backslash-escapes what would format, link or break a table cell', () => {
    expect(escapeMarkdown('a | b *c* [d](e) <f> `g` ~h~ #i &amp;')).toBe(
      'a \\| b \\*c\\* \\[d\\](e) \\<f\\> \\`g\\` \\~h\\~ \\#i \\&amp;',
    );
  });

  it('leaves underscores inside words alone and escapes the others', () => {
    expect(escapeMarkdown('install_duration_ms _x_ __TOC__')).toBe(
      'install_duration_ms \\_x\\_ \\_\\_TOC\\_\\_',
    );
  });

  it('escapes list, quote and ordered-list starts only at the start of a block', () => {
    expect(escapeMarkdown('- item', true)).toBe('\\- item');
    expect(escapeMarkdown('2026. was a year', true)).toBe('2026\\. was a year');
    expect(escapeMarkdown('= not a heading', true)).toBe('\\= not a heading');
    expect(escapeMarkdown('-35.2%')).toBe('-35.2%');
  });
});

describe(toMarkdown.name, () => {
  it('writes headings, paragraphs, lists and fenced code', () => {
    expect(
      toMarkdown([
        heading(1, 'Title | with pipe'),
        paragraph('See ', { link: 'https://example.org/(x)', text: 'the [page]' }, ' and ', {
          code: 'a`b',
        }),
        list([['one'], [{ strong: 'two' }]]),
        code(['echo ```']),
      ]),
    ).toBe(
      [
        '# Title \\| with pipe',
        '',
        'See [the \\[page\\]](https://example.org/%28x%29) and ``a`b``',
        '',
        '- one',
        '- **two**',
        '',
        '````',
        'echo ```',
        '````',
        '',
      ].join('\n'),
    );
  });

  it('writes a pipe table with its caption above, pipes in cells escaped', () => {
    expect(toMarkdown([table('Cap', ['A', 'B'], [['x|y', '-1%']])])).toBe(
      ['**Cap**', '', '| A | B |', '| --- | --- |', '| x\\|y | -1% |', ''].join('\n'),
    );
  });

  it('shows figures as images and leaves wiki templates out', () => {
    expect(
      toMarkdown([
        { kind: 'template', name: 'Change_Proposal_Banner' },
        { kind: 'figure', fileName: 'F.svg', url: 'https://x/F.svg', caption: 'a*b' },
      ]),
    ).toBe('![a\\*b](https://x/F.svg)\n');
  });
});
