import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Metafile } from './budgets';
import { bytesByPackage, UNATTRIBUTED } from './bundle';

describe('bytesByPackage', () => {
  const file = (path: string, bytes: number) => ({ path, bytes, gzipBytes: bytes / 4 });

  it("splits each served file's bytes in the stats' proportions, so they add up to it", () => {
    // The chunk optimizer's stats overcount: these inputs sum to 1500 for a 1200-byte file.
    const metafile: Metafile = {
      outputs: {
        'main-A.js': {
          inputs: {
            'node_modules/@angular/core/fesm2022/core.mjs': { bytesInOutput: 900 },
            'node_modules/rxjs/dist/esm/internal/Observable.js': { bytesInOutput: 300 },
            'src/app/app.ts': { bytesInOutput: 300 },
          },
        },
        'chunk-B.js': {
          inputs: {
            'node_modules/@angular/core/fesm2022/_resource-chunk.mjs': { bytesInOutput: 10 },
          },
        },
      },
    };
    assert.deepEqual(
      bytesByPackage(metafile, [file('/main-A.js', 1200), file('/chunk-B.js', 40)]),
      [
        ['@angular/core', 760],
        ['rxjs', 240],
        ['app', 240],
      ],
    );
  });

  it('counts the bytes of a file the stats do not describe apart, never drops them', () => {
    assert.deepEqual(bytesByPackage({ outputs: {} }, [file('/main-A.js', 500)]), [
      [UNATTRIBUTED, 500],
    ]);
  });
});
