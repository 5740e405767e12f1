import { describe, expect, it } from '@jest/globals';
import { code, heading, list, paragraph, table } from './document.js';
import { escapeWiki, toMediaWiki } from './mediawiki.js';

describe(escapeWiki.name, () => {
  it('turns link, template, table and HTML syntax into character references', () => {
    expect(escapeWiki('a | b [[x]] {{y}} <b> & c')).toBe(
      'a &#124; b &#91;&#91;x&#93;&#93; &#123;&#123;y&#125;&#125; &lt;b&gt; &amp; c',
    );
  });

  it('escapes runs that format, sign or switch, and leaves single characters readable', () => {
    expect(escapeWiki("it's ''italic'' '''bold''' ~~~~ __TOC__ a_b ~ x")).toBe(
      "it's &#39;&#39;italic&#39;&#39; &#39;&#39;&#39;bold&#39;&#39;&#39; &#126;&#126;&#126;&#126; &#95;&#95;TOC&#95;&#95; a_b ~ x",
    );
  });

  it('escapes an apostrophe at either end, which could join the markup next to it', () => {
    expect(escapeWiki("'quoted'")).toBe('&#39;quoted&#39;');
  });

  it('escapes list, definition, rule and heading syntax only at the start of a line', () => {
    expect(escapeWiki('* not a list', true)).toBe('&#42; not a list');
    expect(escapeWiki('----', true)).toBe('&#45;---');
    expect(escapeWiki('= x =', true)).toBe('&#61; x =');
    expect(escapeWiki('-35.2%')).toBe('-35.2%');
    expect(escapeWiki('  indented', true)).toBe('indented');
  });

  it('keeps text on one line', () => {
    expect(escapeWiki('two\nlines\tand  spaces')).toBe('two lines and spaces');
  });
});

describe(toMediaWiki.name, () => {
  it('writes headings, paragraphs, lists and preformatted lines', () => {
    expect(
      toMediaWiki([
        heading(2, 'A = B'),
        paragraph('Text, ', { strong: 'bold' }, ' ', { emphasis: "it's" }, ' ', { code: 'a|b' }),
        list([['one'], ['two ', { link: 'https://example.org/a b', text: 'site' }]]),
        code(['dnf install <x> && y']),
      ]),
    ).toBe(
      [
        '== A &#61; B ==',
        '',
        "Text, '''bold''' ''it's'' <code>a&#124;b</code>",
        '',
        '* one',
        '* two [https://example.org/a%20b site]',
        '',
        '<pre>',
        'dnf install &lt;x&gt; &amp;&amp; y',
        '</pre>',
        '',
      ].join('\n'),
    );
  });

  it('writes a wikitable whose cells cannot break out of it', () => {
    expect(toMediaWiki([table('Cap | tion', ['A', 'B'], [['x||y', '-1%']])])).toBe(
      [
        '{| class="wikitable"',
        '|+ Cap &#124; tion',
        '! A !! B',
        '|-',
        '| x&#124;&#124;y || -1%',
        '|}',
        '',
      ].join('\n'),
    );
  });

  it('refers to figures as [[File:...]] and writes templates as they are', () => {
    expect(
      toMediaWiki([
        { kind: 'template', name: 'Change_Proposal_Banner' },
        { kind: 'figure', fileName: 'F.svg', url: 'https://x/F.svg', caption: 'a|b' },
      ]),
    ).toBe('{{Change_Proposal_Banner}}\n\n[[File:F.svg|thumb|none|720px|a&#124;b]]\n');
  });
});
