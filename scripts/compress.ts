/**
 * The build's last step (`postbuild`): writes a brotli (`.br`) and a gzip (`.gz`) copy
 * next to each text file of the browser build, so that nginx serves them as they are
 * (`brotli_static`, `gzip_static`) instead of compressing on every request, and at the
 * highest levels, which would be too slow to do on the fly.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The browser build that nginx serves. */
export const BROWSER_DIR = resolve(__dirname, '..', 'dist', 'drf-token-client', 'browser');

/** Files worth compressing; images, fonts and archives are compressed already. */
const TEXT_EXTENSIONS = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.ico']);

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The compressed copies of one file, by the suffix they are written under. */
async function compressedCopies(bytes: Buffer): Promise<Record<'.br' | '.gz', Buffer>> {
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzipAsync(bytes, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return { '.br': br, '.gz': gz };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Writes `FILE.br` and `FILE.gz` beside each text file under `dir`, each only when it is
 * smaller than the file (a copy that is not is deleted, so that nginx sends the file).
 * Running it again gives the same files. Resolves the paths written.
 */
export async function compressAssets(dir: string): Promise<string[]> {
  const sources = (await filesUnder(dir)).filter((file) => TEXT_EXTENSIONS.has(extname(file)));
  const written: string[] = [];
  for (const file of sources) {
    const bytes = await readFile(file);
    for (const [suffix, copy] of Object.entries(await compressedCopies(bytes))) {
      const target = file + suffix;
      if (copy.length < bytes.length) {
        await writeFile(target, copy);
        written.push(target);
      } else {
        await rm(target, { force: true });
      }
    }
  }
  return written;
}

if (require.main === module) {
  compressAssets(process.argv[2] ?? BROWSER_DIR).then(
    (written) => console.log(`compress: wrote ${written.length} .br and .gz files`),
    (error: unknown) => {
      console.error(`compress: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
