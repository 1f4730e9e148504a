import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BROWSABLE_API_RENDERER,
  indentOf,
  JSON_RENDERER,
  NegotiationError,
  parseMediaType,
  selectParser,
  selectRenderer,
} from './media-types';

const TOKEN_PARSERS = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/json',
];
const VIEWSET_PARSERS = [
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
];

describe('media types', () => {
  it("parses like Django's parse_header", () => {
    const parsed = parseMediaType(' Application/JSON ; Charset="utf-8"; q=0.5;broken ');
    assert.equal(parsed.mainType, 'application');
    assert.equal(parsed.subType, 'json');
    assert.deepEqual(
      [...parsed.params],
      [
        ['charset', 'utf-8'],
        ['q', '0.5'],
      ],
    );
  });

  it("selects the first parser the Content-Type satisfies, in the view's order", () => {
    assert.equal(
      selectParser('application/json; charset=utf-8', VIEWSET_PARSERS),
      'application/json',
    );
    assert.equal(selectParser('*/*', TOKEN_PARSERS), 'application/x-www-form-urlencoded');
    assert.equal(selectParser('*/*', VIEWSET_PARSERS), 'application/json');
    assert.equal(selectParser('multipart/*', VIEWSET_PARSERS), 'multipart/form-data');
    assert.equal(selectParser('text/plain', VIEWSET_PARSERS), null);
    assert.equal(selectParser('', VIEWSET_PARSERS), null);
  });

  it("negotiates the renderer as DRF's DefaultContentNegotiation does", () => {
    const both = [JSON_RENDERER, BROWSABLE_API_RENDERER];
    assert.equal(selectRenderer(undefined, undefined, both).mediaType, 'application/json');
    assert.equal(selectRenderer('*/*; q=0.8', undefined, both).mediaType, 'application/json;q=0.8');
    assert.equal(
      selectRenderer('application/json; indent=4', undefined, both).mediaType,
      'application/json; indent=4',
    );
    assert.equal(
      selectRenderer('text/html,*/*;q=0.8', undefined, both).renderer,
      BROWSABLE_API_RENDERER,
    );
    assert.equal(
      selectRenderer('application/json, text/html', undefined, both).renderer,
      JSON_RENDERER,
    );
    assert.throws(
      () => selectRenderer('text/plain', undefined, both),
      new NegotiationError('not-acceptable'),
    );
    assert.throws(
      () => selectRenderer('', undefined, both),
      new NegotiationError('not-acceptable'),
    );
    assert.throws(
      () => selectRenderer('text/html', undefined, [JSON_RENDERER]),
      new NegotiationError('not-acceptable'),
    );
    assert.equal(selectRenderer(undefined, 'json', both).renderer, JSON_RENDERER);
    assert.throws(
      () => selectRenderer(undefined, 'xml', both),
      new NegotiationError('unknown-format'),
    );
  });

  it('reads the indent parameter the way JSONRenderer does', () => {
    assert.equal(indentOf('application/json; indent=4'), 4);
    assert.equal(indentOf('application/json; indent=20'), 8);
    assert.equal(indentOf('application/json; indent=0'), undefined);
    assert.equal(indentOf('application/json; indent=x'), undefined);
    assert.equal(indentOf('application/json'), undefined);
  });
});
