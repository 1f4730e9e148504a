/**
 * The OpenAPI schema at `/polls/api/schema/`: drf-spectacular's SpectacularAPIView, with
 * DRF's content negotiation over its four renderers (YAML first). A client generator
 * fetches it there, so the mock serves it as drf-server does. A user's server need not
 * serve a schema: these cases run on the plain run's own servers only.
 */
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { parse } from 'yaml';
import { readOpenApiSchema } from '../api/openapi-validate';
import { SCHEMA_PATH } from '../api/paths';
import { ALLOW, assertReply } from './expect';
import type { ServerUnderTest } from './server-under-test';

const YAML_TYPE = 'application/vnd.oai.openapi; charset=utf-8';
const JSON_SCHEMA_TYPE = 'application/vnd.oai.openapi+json';
const STALE_KEY = `Token ${'0'.repeat(40)}`;

const RENDERS = [
  'application/vnd.oai.openapi',
  'application/yaml',
  'application/vnd.oai.openapi+json',
  'application/json',
];
const METADATA = {
  name: 'Spectacular Api',
  description:
    'OpenApi3 schema for this API. Format can be selected via content negotiation.\n\n' +
    '- YAML: application/vnd.oai.openapi\n- JSON: application/vnd.oai.openapi+json',
  renders: RENDERS,
  parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
};
// As drf-spectacular's renderer dumps it with PyYAML: a list under a key is not indented.
const METADATA_YAML = [
  'name: Spectacular Api',
  'description: |-',
  '  OpenApi3 schema for this API. Format can be selected via content negotiation.',
  '',
  '  - YAML: application/vnd.oai.openapi',
  '  - JSON: application/vnd.oai.openapi+json',
  'renders:',
  ...RENDERS.map((type) => `- ${type}`),
  'parses:',
  ...METADATA.parses.map((type) => `- ${type}`),
  '',
].join('\n');

/** An error as drf-spectacular's YAML renderer dumps DRF's ErrorDetail: its string and code. */
function yamlError(message: string, code: string): string {
  return `detail:\n  string: ${message}\n  code: ${code}\n`;
}

export function schemaViewContract(server: ServerUnderTest): void {
  describe(`GET ${SCHEMA_PATH}`, () => {
    server.test(
      'serves api/openapi.yaml to anyone, a stale key ignored: YAML, or JSON indented by 4 for ?format=json',
      async () => {
        const committed = readOpenApiSchema();
        const anyone: readonly Record<string, string>[] = [{}, { Authorization: STALE_KEY }];
        for (const headers of anyone) {
          const yaml = await server.send(SCHEMA_PATH, { headers });
          assertReply(yaml, {
            status: 200,
            headers: {
              'content-type': YAML_TYPE,
              'content-disposition': 'inline; filename="Polls API.yaml"',
              allow: ALLOW.readOnly,
              vary: 'Accept, Origin',
            },
          });
          assert.deepEqual(parse(yaml.body), committed, 'the YAML schema');
        }
        const json = await server.send(`${SCHEMA_PATH}?format=json`);
        assertReply(json, {
          status: 200,
          body: JSON.stringify(committed, null, 4),
          headers: {
            'content-type': JSON_SCHEMA_TYPE,
            'content-disposition': 'inline; filename="Polls API.json"',
          },
        });
      },
    );

    server.test('describes itself to OPTIONS with DRF metadata, in YAML or JSON', async () => {
      assertReply(await server.send(SCHEMA_PATH, { method: 'OPTIONS' }), {
        status: 200,
        body: METADATA_YAML,
        headers: { 'content-type': YAML_TYPE, allow: ALLOW.readOnly },
      });
      const json = { method: 'OPTIONS', headers: { Accept: 'application/json' } };
      assertReply(await server.send(SCHEMA_PATH, json), {
        status: 200,
        body: JSON.stringify(METADATA, null, 4),
        headers: { 'content-type': 'application/json', allow: ALLOW.readOnly },
      });
    });

    server.test(
      'refuses, in YAML: POST (405), an unknown ?format= (404), an Accept it cannot meet (406)',
      async () => {
        assertReply(await server.send(SCHEMA_PATH, { method: 'POST' }), {
          status: 405,
          body: yamlError('Method "POST" not allowed.', 'method_not_allowed'),
          headers: { 'content-type': YAML_TYPE, allow: ALLOW.readOnly },
        });
        assertReply(await server.send(`${SCHEMA_PATH}?format=xml`), {
          status: 404,
          body: yamlError('Not found.', 'not_found'),
          headers: { 'content-type': YAML_TYPE },
        });
        assertReply(await server.send(SCHEMA_PATH, { headers: { Accept: 'text/csv' } }), {
          status: 406,
          body: yamlError('Could not satisfy the request Accept header.', 'not_acceptable'),
          headers: { 'content-type': YAML_TYPE },
        });
      },
    );

    server.test('redirects the path without its final slash (301), the query kept', async () => {
      assertReply(await server.send('/polls/api/schema?format=json'), {
        status: 301,
        body: '',
        headers: {
          location: `${SCHEMA_PATH}?format=json`,
          'content-type': 'text/html; charset=utf-8',
        },
      });
    });
  });
}
