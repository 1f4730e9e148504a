/**
 * The committed schema is what drf-server generates now, and the committed types are
 * what openapi-typescript makes of it: when either is stale, `npm run schema` brings it
 * up to date. Also what a client importing the schema relies on: the token scheme, and
 * which operations want it.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { generateSchema, generateTypes, TYPES_FILE } from '../scripts/schema';
import { API_PATHS } from './paths';
import { OPENAPI_SCHEMA_FILE, readOpenApiSchema } from './openapi-validate';

describe('api/openapi.yaml and api/openapi.d.ts', () => {
  test('the schema is the one drf-server generates now', async () => {
    const [committed, generated] = await Promise.all([
      readFile(OPENAPI_SCHEMA_FILE, 'utf8'),
      generateSchema(),
    ]);
    // The documents first, for a readable difference; then the text, as npm run schema writes it.
    assert.deepEqual(parse(committed), parse(generated));
    assert.equal(committed, generated);
  });

  test('the types are the ones generated from the committed schema', async () => {
    const [schema, committed] = await Promise.all([
      readFile(OPENAPI_SCHEMA_FILE, 'utf8'),
      readFile(TYPES_FILE, 'utf8'),
    ]);
    assert.equal(committed, await generateTypes(schema));
  });

  test('states the token scheme: an apiKey in the Authorization header, with the Token prefix', () => {
    assert.deepEqual(readOpenApiSchema().components?.securitySchemes, {
      tokenAuth: {
        type: 'apiKey',
        in: 'header',
        name: 'Authorization',
        description: 'Token-based authentication with required prefix "Token"',
      },
    });
  });

  test('every operation but the login wants the token', () => {
    const schema = readOpenApiSchema();
    const security = Object.entries(schema.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => [
        `${method.toUpperCase()} ${path}`,
        (operation as { readonly security?: unknown }).security ?? 'none',
      ]),
    );
    const token = [{ tokenAuth: [] }];
    assert.deepEqual(Object.fromEntries(security), {
      [`POST ${API_PATHS.login}`]: 'none',
      [`POST ${API_PATHS.logout}`]: token,
      [`GET ${API_PATHS.questions}`]: token,
      'GET /polls/api/questions/{id}/': token,
      'POST /polls/api/questions/{id}/vote/': token,
    });
  });
});
