import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { MOCK_API_DIR } from './data-dir';

/**
 * Each folder may import only from its own layer and the ones below it: CPython's
 * behaviour, then Django's, then DRF's, then the apps and the HTTP plumbing, then the
 * server and the CLI at the top. `json-file.ts` and `request-state.ts` import nothing
 * and serve every layer.
 */
const RANKS: Readonly<Record<string, number>> = {
  'json-file.ts': 0,
  'request-state.ts': 0,
  python: 0,
  django: 1,
  drf: 2,
  auth: 3,
  http: 3,
  polls: 4,
};
const TOP = 5;

function rankOf(file: string): number {
  return RANKS[file.split('/')[0] ?? ''] ?? TOP;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'data' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('layers', () => {
  it('no module imports from a layer above its own', () => {
    const upward: string[] = [];
    let checked = 0;
    for (const path of sources(MOCK_API_DIR)) {
      const file = relative(MOCK_API_DIR, path);
      for (const [, target] of readFileSync(path, 'utf8').matchAll(/from '(\.[^']*)'/g)) {
        const imported = relative(MOCK_API_DIR, join(dirname(path), `${target}.ts`));
        if (imported.startsWith('..')) continue; // api/: plain facts, no layer
        checked++;
        if (rankOf(imported) > rankOf(file)) upward.push(`${file} imports ${imported}`);
      }
    }
    assert.deepEqual(upward, []);
    assert.ok(checked > 50, `only ${checked} imports found`);
  });
});
