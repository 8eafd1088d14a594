// defineEngine skips a path's regex when the request path lacks the pattern's literal prefix; that
// prefix must be something every match really starts with.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { literalPrefix } from '../../src/framework/engine.js';
import { genericName, matchAllRest, optionalParam } from '../../src/framework/path.js';

const PATTERNS = [
  'config',
  'data/(?<path>.*?[^/])',
  '.*',
  'ab?c',
  'ab*',
  'ab+c',
  'a{0,2}b',
  'x|y',
  'keys/?',
  'a\\.b',
  '(?<name>\\w+)/rotate',
  `roles/${genericName('role')}`,
  `mounts/${matchAllRest('path')}`,
  `lookup${optionalParam('token')}`,
  '',
];

describe('literalPrefix', () => {
  it('is what every match starts with', () => {
    expect(PATTERNS.map(literalPrefix)).toEqual(['config', 'data/', '', 'a', 'a', 'ab', '', '', 'keys', 'a', '', 'roles/', 'mounts/', 'lookup', '']);
    const pieces = fc.array(fc.constantFrom('a', 'b', 'c', 'x', 'y', '/', '.', 'config', 'data', 'keys', 'roles', 'mounts', 'lookup', 'rotate', '-', '_', '1'), { maxLength: 8 });
    fc.assert(
      fc.property(pieces, fc.constantFrom(...PATTERNS), (parts, pattern) => {
        const path = parts.join('');
        if (new RegExp(`^${pattern}$`).test(path)) expect(path.startsWith(literalPrefix(pattern))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
