import { describe, expect, it } from '@jest/globals';
import { parseOsRelease } from './os-release.js';

describe(parseOsRelease.name, () => {
  it('reads quoted and unquoted values and skips comments', () => {
    const text = [
      '# comment',
      'NAME="CentOS Stream"',
      'ID=centos',
      "VERSION_ID='9'",
      'PRETTY_NAME="say \\"hi\\""',
      'garbage',
    ].join('\n');
    expect(parseOsRelease(text)).toEqual({
      NAME: 'CentOS Stream',
      ID: 'centos',
      VERSION_ID: '9',
      PRETTY_NAME: 'say "hi"',
    });
  });
});
