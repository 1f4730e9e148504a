/**
 * `npm run schema`: writes the API's OpenAPI schema, api/openapi.yaml, as drf-server
 * generates it (drf-spectacular's `manage.py spectacular`, validated, any warning an
 * error), then the wire types, api/openapi.d.ts, from that file with openapi-typescript.
 * Both are committed: the schema is the contract, and api/openapi.spec.ts fails when
 * either differs from what these functions give now.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { OPENAPI_SCHEMA_FILE } from '../api/openapi-validate';
import { drfServerManage } from './servers';

/** The types generated from the committed schema, api/openapi.yaml. */
export const TYPES_FILE = join(__dirname, '..', 'api', 'openapi.d.ts');

/** Formats `text` as `npm run lint` expects the file at `path` to be. */
async function prettier(text: string, path: string): Promise<string> {
  const config = await resolveConfig(path);
  return format(text, { ...config, filepath: path });
}

/** drf-server's schema in its correct configuration (no misconfiguration switch), as YAML. */
export async function generateSchema(): Promise<string> {
  // The settings want a data folder (for the secret key); the schema needs no database.
  const dataDir = await mkdtemp(join(tmpdir(), 'drf-server-schema-'));
  try {
    const yaml = await drfServerManage(['spectacular', '--validate', '--fail-on-warn'], dataDir);
    return await prettier(yaml, OPENAPI_SCHEMA_FILE);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * The TypeScript types of a schema (YAML text). Immutable, as wire data is: the app reads
 * what the server sent and never edits it in place.
 */
export async function generateTypes(schemaYaml: string): Promise<string> {
  const ast = await openapiTS(schemaYaml, { immutable: true });
  // Generated code is checked by the compiler, not held to the house's lint rules.
  const header = COMMENT_HEADER.replace(
    ' */',
    ' * Run `npm run schema` after a change to drf-server.\n */\n/* eslint-disable */',
  );
  return prettier(header + astToString(ast), TYPES_FILE);
}

async function main(): Promise<void> {
  const schema = await generateSchema();
  await writeFile(OPENAPI_SCHEMA_FILE, schema);
  await writeFile(TYPES_FILE, await generateTypes(await readFile(OPENAPI_SCHEMA_FILE, 'utf8')));
  console.log(`wrote ${OPENAPI_SCHEMA_FILE} and ${TYPES_FILE}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`schema: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
