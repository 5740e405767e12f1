import { describe, expect, it } from '@jest/globals';
import { mayChangeExperiment } from './experiment-ownership.js';

describe('mayChangeExperiment', () => {
  it('lets the owner who created it, or any admin', () => {
    expect(mayChangeExperiment({ id: 'p1', role: 'OWNER' }, 'p1')).toBe(true);
    expect(mayChangeExperiment({ id: 'p1', role: 'OWNER' }, 'p2')).toBe(false);
    expect(mayChangeExperiment({ id: 'p1', role: 'OWNER' }, null)).toBe(false);
    expect(mayChangeExperiment({ id: 'p1', role: 'VIEWER' }, 'p1')).toBe(false);
    expect(mayChangeExperiment({ id: 'p9', role: 'ADMIN' }, 'p2')).toBe(true);
  });
});
