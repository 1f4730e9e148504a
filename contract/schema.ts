/**
 * Every answer the suite receives is also checked against api/openapi.yaml, the schema
 * drf-server generates and the app's wire types come from: a body, a status or a
 * Content-Type the schema does not allow fails the case that received it. Answers the
 * schema leaves out (unknown URLs, methods an endpoint lacks, format suffixes, the API
 * root, the browsable API's HTML a browser asks for, and the HTML pages of Django where
 * it answers before DRF) pass unchecked here; the cases assert them exactly. The suite then asks that every answer the schema describes was met.
 */
import assert from 'node:assert/strict';
import {
  OpenApiValidator,
  answerFromText,
  readOpenApiSchema,
  type OpenApiDocument,
} from '../api/openapi-validate';
import type { Call, Reply } from './http';

const DOCUMENT: OpenApiDocument = readOpenApiSchema();
// An answer with a field the schema does not name is caught too.
const VALIDATOR = new OpenApiValidator(DOCUMENT, { closedObjects: true });
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** "POST /accounts/logout/ 204": each answer the schema describes, by operation and status. */
export function describedAnswers(document: OpenApiDocument = DOCUMENT): string[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.filter((method) => method in item).flatMap((method) => {
      const operation = item[method] as { responses?: Record<string, unknown> };
      return Object.keys(operation.responses ?? {}).map(
        (status) => `${method.toUpperCase()} ${template} ${status}`,
      );
    }),
  );
}

/** Whether a browser asked for the page: DRF's browsable API, HTML the schema leaves out. */
function asksForHtml(path: string, call: Call): boolean {
  const accept = Object.entries(call.headers ?? {}).find(([name]) => /^accept$/i.test(name));
  return /\btext\/html\b/.test(accept?.[1] ?? '') || /[?&]format=api\b/.test(path);
}

/** The schema checks of one server's run. */
export class SchemaChecks {
  /** The described answers met so far, as {@link describedAnswers} names them. */
  readonly met = new Set<string>();

  /** Throws an AssertionError naming every way in which `reply` breaks the schema. */
  check(path: string, call: Call, reply: Reply): void {
    const html = /^text\/html\b/.test(reply.headers['content-type'] ?? '');
    if (html && (asksForHtml(path, call) || call.outsideDrf)) return;
    const method = call.method ?? 'GET';
    const result = VALIDATOR.check(
      answerFromText(method, path, reply.status, reply.headers['content-type'], reply.body),
    );
    if (!result.described) return;
    assert.deepEqual(
      result.errors,
      [],
      `${method} ${path} ${reply.status} does not match api/openapi.yaml`,
    );
    this.met.add(`${result.operation} ${responseKeyOf(result.operation, reply.status)}`);
  }
}

/** The key of `status` in the operation's responses: the status itself, or its range (4XX). */
function responseKeyOf(operation: string, status: number): string {
  const [method = '', template = ''] = operation.split(' ');
  const item = DOCUMENT.paths[template] ?? {};
  const responses = (item[method.toLowerCase()] as { responses?: Record<string, unknown> })
    .responses;
  const exact = String(status);
  if (responses && exact in responses) return exact;
  const range = `${exact[0] ?? ''}XX`;
  return responses && range in responses ? range : 'default';
}
