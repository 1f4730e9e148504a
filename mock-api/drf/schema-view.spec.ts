import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { OPENAPI_SCHEMA_FILE } from '../../api/openapi-validate';
import { startTestServer, type TestServer } from '../testing';
import { SCHEMA_PATH } from '../../api/paths';

// Each answer here is drf-server's, byte for byte but for the YAML schema's layout (the
// mock sends the committed file, drf-server its own dump of the same document).

const STALE_KEY = `Token ${'0'.repeat(40)}`;

let api: TestServer;
let committed: string;
before(async () => {
  api = await startTestServer();
  committed = await readFile(OPENAPI_SCHEMA_FILE, 'utf8');
});
after(() => api.stop());

function get(query = '', headers: Record<string, string> = {}, method = 'GET') {
  return fetch(`${api.url}${SCHEMA_PATH}${query}`, { method, headers });
}

function headersOf(response: Response, names: readonly string[]): Record<string, string | null> {
  return Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));
}

describe(`GET ${SCHEMA_PATH}`, () => {
  it('sends the committed schema as YAML to anyone, a stale key ignored', async () => {
    const anyone: readonly Record<string, string>[] = [{}, { Authorization: STALE_KEY }];
    for (const headers of anyone) {
      const response = await get('', headers);
      assert.equal(response.status, 200);
      assert.deepEqual(
        headersOf(response, ['content-type', 'content-disposition', 'allow', 'vary']),
        {
          'content-type': 'application/vnd.oai.openapi; charset=utf-8',
          'content-disposition': 'inline; filename="Polls API.yaml"',
          allow: 'GET, HEAD, OPTIONS',
          vary: 'Accept, Origin',
        },
      );
      assert.equal(await response.text(), committed);
    }
  });

  it('sends JSON, indented by 4, for ?format=json or an Accept that prefers JSON', async () => {
    const document: unknown = parse(committed);
    const answers = [
      [await get('?format=json'), 'application/vnd.oai.openapi+json'],
      [await get('', { Accept: 'application/json' }), 'application/json'],
      [await get('', { Accept: 'text/html, application/json;q=0.9' }), 'application/json'],
      [
        await get('', { Accept: 'application/vnd.oai.openapi+json' }),
        'application/vnd.oai.openapi+json',
      ],
    ] as const;
    for (const [response, contentType] of answers) {
      assert.equal(response.status, 200);
      assert.deepEqual(headersOf(response, ['content-type', 'content-disposition']), {
        'content-type': contentType,
        'content-disposition': 'inline; filename="Polls API.json"',
      });
      const text = await response.text();
      assert.equal(text, JSON.stringify(document, null, 4));
    }
    const indented = await get('', { Accept: 'application/json; indent=2' });
    assert.equal(await indented.text(), JSON.stringify(document, null, 2));
  });

  it('sends YAML as application/yaml when asked so', async () => {
    const response = await get('', { Accept: 'application/yaml' });
    assert.equal(response.headers.get('content-type'), 'application/yaml; charset=utf-8');
    assert.equal(await response.text(), committed);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const response = await get('', {}, 'HEAD');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(committed)));
    assert.equal(await response.text(), '');
  });

  it('refuses an unknown ?format= (404) and an Accept it cannot meet (406), in YAML', async () => {
    const answers = [
      [await get('?format=xml'), 404, 'Not found.', 'not_found'],
      [
        await get('', { Accept: 'text/html' }),
        406,
        'Could not satisfy the request Accept header.',
        'not_acceptable',
      ],
      [
        await get('?format=json', { Accept: 'application/yaml' }),
        406,
        'Could not satisfy the request Accept header.',
        'not_acceptable',
      ],
    ] as const;
    for (const [response, status, message, code] of answers) {
      assert.equal(response.status, status);
      assert.equal(
        response.headers.get('content-type'),
        'application/vnd.oai.openapi; charset=utf-8',
      );
      assert.equal(response.headers.get('content-disposition'), null);
      assert.equal(await response.text(), `detail:\n  string: ${message}\n  code: ${code}\n`);
    }
  });

  it('answers other methods 405, in the format negotiated', async () => {
    const yaml = await get('', {}, 'POST');
    assert.equal(yaml.status, 405);
    assert.equal(yaml.headers.get('allow'), 'GET, HEAD, OPTIONS');
    assert.equal(
      await yaml.text(),
      'detail:\n  string: Method "POST" not allowed.\n  code: method_not_allowed\n',
    );
    const json = await get('?format=json', {}, 'DELETE');
    assert.equal(json.status, 405);
    assert.equal(json.headers.get('content-type'), 'application/vnd.oai.openapi+json');
    assert.equal(await json.text(), '{\n    "detail": "Method \\"DELETE\\" not allowed."\n}');
  });

  it("describes itself to OPTIONS as DRF's metadata does", async () => {
    const response = await get('?format=json', {}, 'OPTIONS');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      name: 'Spectacular Api',
      description:
        'OpenApi3 schema for this API. Format can be selected via content negotiation.\n\n' +
        '- YAML: application/vnd.oai.openapi\n- JSON: application/vnd.oai.openapi+json',
      renders: [
        'application/vnd.oai.openapi',
        'application/yaml',
        'application/vnd.oai.openapi+json',
        'application/json',
      ],
      parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
    });
  });

  it('writes that metadata in YAML as PyYAML does: a list under a key is not indented', async () => {
    const response = await get('', {}, 'OPTIONS');
    assert.equal(
      response.headers.get('content-type'),
      'application/vnd.oai.openapi; charset=utf-8',
    );
    assert.equal(
      await response.text(),
      'name: Spectacular Api\n' +
        'description: |-\n' +
        '  OpenApi3 schema for this API. Format can be selected via content negotiation.\n\n' +
        '  - YAML: application/vnd.oai.openapi\n' +
        '  - JSON: application/vnd.oai.openapi+json\n' +
        'renders:\n- application/vnd.oai.openapi\n- application/yaml\n' +
        '- application/vnd.oai.openapi+json\n- application/json\n' +
        'parses:\n- application/json\n- application/x-www-form-urlencoded\n' +
        '- multipart/form-data\n',
    );
  });

  it("redirects the path without its final slash to it (301), as Django's APPEND_SLASH does", async () => {
    const response = await fetch(`${api.url}/polls/api/schema?format=json`, { redirect: 'manual' });
    assert.equal(response.status, 301);
    assert.equal(response.headers.get('location'), `${SCHEMA_PATH}?format=json`);
  });
});
