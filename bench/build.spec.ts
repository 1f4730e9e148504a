import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { buildScriptEnv, readBuildScriptEnv } from './build';

const REPO = resolve(__dirname, '..');

describe('buildScriptEnv', () => {
  it('reads the variables a build script sets before ng build', () => {
    assert.deepEqual(buildScriptEnv('ng build'), {});
    assert.deepEqual(buildScriptEnv('NG_BUILD_OPTIMIZE_CHUNKS=1 ng build'), {
      NG_BUILD_OPTIMIZE_CHUNKS: '1',
    });
    assert.deepEqual(buildScriptEnv('  A=1  B_2=x=y ng build '), { A: '1', B_2: 'x=y' });
  });

  it('refuses a script it could only follow in part, rather than build otherwise', () => {
    for (const script of ['ng build --source-map', 'cross-env A=1 ng build', 'A=1 && ng build']) {
      assert.throws(() => buildScriptEnv(script), /cannot build as the build script/, script);
    }
  });

  it("builds as this repository's npm run build does, with every variable it sets", async () => {
    const manifest = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as {
      scripts: { build: string };
    };
    const env = await readBuildScriptEnv(REPO);
    const rebuilt = [...Object.entries(env).map(([name, value]) => `${name}=${value}`), 'ng build'];
    assert.equal(rebuilt.join(' '), manifest.scripts.build.trim().replace(/\s+/g, ' '));
  });
});
