/**
 * Checks an answer of the API against its OpenAPI 3.0 schema (api/openapi.yaml): finds
 * the operation for a method and a path, the response for the status, and validates the
 * body with Ajv against that response's JSON schema. OpenAPI 3.0 is not quite JSON
 * Schema, so the schema's objects are translated first: `nullable: true` becomes "or
 * null", and `$ref`s point into the document.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/** The committed schema, which drf-server generates (`npm run schema`). */
export const OPENAPI_SCHEMA_FILE = join(__dirname, 'openapi.yaml');

type Json = null | boolean | number | string | readonly Json[] | JsonObject;
interface JsonObject {
  readonly [key: string]: Json;
}

/** The parts of an OpenAPI 3.0 document that validating an answer reads. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation | Json>>>>;
  readonly components?: {
    readonly schemas?: Readonly<Record<string, JsonObject>>;
    readonly securitySchemes?: Readonly<Record<string, JsonObject>>;
  };
}

interface OpenApiOperation {
  readonly operationId?: string;
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
}

interface OpenApiResponse {
  readonly description: string;
  readonly content?: Readonly<Record<string, { readonly schema?: JsonObject }>>;
}

/** api/openapi.yaml, parsed. */
export function readOpenApiSchema(file = OPENAPI_SCHEMA_FILE): OpenApiDocument {
  return parse(readFileSync(file, 'utf8')) as OpenApiDocument;
}

/** One answer, as a client saw it. */
export interface Answer {
  /** `GET`, `post`, ...: HEAD is checked as GET without its body. */
  readonly method: string;
  /**
   * The request's path, from the API's root (`/polls/api/questions/1/`, a query string
   * allowed), or a template of the schema (`/polls/api/questions/{id}/`).
   */
  readonly path: string;
  readonly status: number;
  /** The parsed body; `undefined` for an answer without one (a 204, an answer to HEAD). */
  readonly body: unknown;
  /** The answer's Content-Type, if it is to be checked too (parameters are ignored). */
  readonly contentType?: string;
}

/**
 * An answer as it came on the wire, its body still text: parsed when the Content-Type is
 * JSON (`+json` too), `undefined` when empty. Text that is not JSON stays text, so that
 * the check says what the schema wanted instead.
 */
export function answerFromText(
  method: string,
  path: string,
  status: number,
  contentType: string | undefined,
  text: string,
): Answer {
  const base = { method, path, status, ...(contentType === undefined ? {} : { contentType }) };
  if (text === '') return { ...base, body: undefined };
  const mediaType = (contentType?.split(';')[0] ?? '').trim().toLowerCase();
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json'))
    return { ...base, body: text };
  try {
    return { ...base, body: JSON.parse(text) as unknown };
  } catch {
    return { ...base, body: text };
  }
}

export interface ValidatorOptions {
  /**
   * An object may hold only the properties its schema names, as if each said
   * `additionalProperties: false`: a server that sends more than it describes is caught.
   * (drf-spectacular never says it; wrong for schemas that combine objects with `allOf`.)
   */
  readonly closedObjects?: boolean;
}

export type AnswerCheck =
  /** The schema describes the answer and the answer fits: `errors` is empty. */
  | { readonly described: true; readonly operation: string; readonly errors: readonly string[] }
  /** The schema has no operation or no response for it: `reason` says which. */
  | { readonly described: false; readonly reason: string };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Ajv holds the document's schema components under this id, as `$defs`. */
const DOCUMENT_ID = 'openapi';
const COMPONENT_REF = '#/components/schemas/';

/**
 * Validates answers against one schema; each response's validator is compiled once,
 * the first time an answer needs it.
 */
export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly templates: readonly { readonly template: string; readonly regex: RegExp }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    private readonly document: OpenApiDocument,
    private readonly options: ValidatorOptions = {},
  ) {
    // strict: a keyword Ajv does not know, or a format it cannot check, is an error in
    // the schema, not a check silently left out.
    this.ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(this.ajv);
    const schemas = document.components?.schemas ?? {};
    const translated = Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [name, toJsonSchema(schema, options)]),
    );
    this.ajv.addSchema({ $id: DOCUMENT_ID, $defs: translated });
    // Literal paths before templated ones, as a router would try them.
    this.templates = Object.keys(document.paths)
      .map((template) => ({ template, regex: templateRegex(template) }))
      .sort((a, b) => placeholders(a.template) - placeholders(b.template));
  }

  /** Whether the schema describes `answer`, and if so every way in which the answer breaks it. */
  check(answer: Answer): AnswerCheck {
    const path = answer.path.split('?')[0] ?? '';
    const found = this.templates.find(({ regex }) => regex.test(path));
    if (!found) return { described: false, reason: `no path of the schema matches ${path}` };
    const method = answer.method.toLowerCase() === 'head' ? 'get' : answer.method.toLowerCase();
    const item = this.document.paths[found.template] ?? {};
    const operation = HTTP_METHODS.includes(method) ? item[method] : undefined;
    if (!isOperation(operation)) {
      return { described: false, reason: `${found.template} has no ${method.toUpperCase()}` };
    }
    const name = `${method.toUpperCase()} ${found.template}`;
    const status = responseKey(operation.responses, answer.status);
    const response = status === undefined ? undefined : operation.responses[status];
    if (status === undefined || response === undefined) {
      return { described: false, reason: `${name} describes no ${answer.status} answer` };
    }
    const label = `${name} ${answer.status}`;
    return {
      described: true,
      operation: name,
      errors: this.bodyErrors(label, [found.template, method, status], response, answer),
    };
  }

  private bodyErrors(
    label: string,
    pointer: readonly string[],
    response: OpenApiResponse,
    answer: Answer,
  ): string[] {
    const content = response.content ?? {};
    const mediaTypes = Object.keys(content);
    const withoutBody = answer.method.toLowerCase() === 'head' || mediaTypes.length === 0;
    if (withoutBody) {
      const sent = answer.body !== undefined && answer.method.toLowerCase() !== 'head';
      return sent ? [`${label}: the schema says no body, the answer has one`] : [];
    }
    const mediaType = pickMediaType(mediaTypes, answer.contentType);
    if (mediaType === undefined) {
      return [
        `${label}: Content-Type ${answer.contentType}, the schema says ${mediaTypes.join(', ')}`,
      ];
    }
    if (answer.body === undefined) return [`${label}: the schema says ${mediaType}, no body came`];
    const schema = content[mediaType]?.schema;
    if (schema === undefined) return [];
    const key = [...pointer, mediaType].join(' ');
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema, this.options));
      this.compiled.set(key, validate);
    }
    return validate(answer.body)
      ? []
      : (validate.errors ?? []).map((e) => `${label}: ${describe(e)}`);
  }
}

/** Checks one answer against a schema (compiling its validators each time: for one-offs). */
export function checkAnswer(
  document: OpenApiDocument,
  answer: Answer,
  options: ValidatorOptions = {},
): AnswerCheck {
  return new OpenApiValidator(document, options).check(answer);
}

function isOperation(value: unknown): value is OpenApiOperation {
  return typeof value === 'object' && value !== null && 'responses' in value;
}

/** The response for a status: the status itself, else its range (`4XX`), else `default`. */
function responseKey(
  responses: Readonly<Record<string, unknown>>,
  status: number,
): string | undefined {
  return [String(status), `${String(status)[0]}XX`, 'default'].find((key) => key in responses);
}

/**
 * The schema's media type for an answer's Content-Type; without one, JSON (or the only
 * media type there is).
 */
function pickMediaType(
  mediaTypes: readonly string[],
  contentType: string | undefined,
): string | undefined {
  if (contentType === undefined) {
    return mediaTypes.includes('application/json')
      ? 'application/json'
      : mediaTypes.length === 1
        ? mediaTypes[0]
        : undefined;
  }
  const wanted = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const range = `${wanted.split('/')[0]}/*`;
  return (
    mediaTypes.find((m) => m.toLowerCase() === wanted) ??
    mediaTypes.find((m) => m === range || m === '*/*')
  );
}

function placeholders(template: string): number {
  return (template.match(/\{[^}]+\}/g) ?? []).length;
}

/** A path template as a regex of the concrete paths it stands for (itself included). */
function templateRegex(template: string): RegExp {
  const parts = template.split(/(\{[^}]+\})/);
  const pattern = parts
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

/**
 * An OpenAPI 3.0 schema object as JSON Schema: `nullable: true` as "or null" (OpenAPI
 * allows it beside `$ref`s and `allOf`, where Ajv's own `nullable` needs a `type`), the
 * `$ref`s to the document's components pointed at the copy Ajv holds, and the annotations
 * JSON Schema lacks (`example`, `xml`, `externalDocs`) left out.
 */
export function toJsonSchema(schema: JsonObject, options: ValidatorOptions = {}): JsonObject {
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example' || key === 'xml' || key === 'externalDocs')
      continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF)) {
      out[key] = `${DOCUMENT_ID}#/$defs/${value.slice(COMPONENT_REF.length)}`;
    } else if (key === 'properties' && isJsonObject(value)) {
      // Property names are data, not keywords: only their schemas are translated.
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [name, translate(s, options)]),
      );
    } else {
      out[key] = translate(value, options);
    }
  }
  if (options.closedObjects && 'properties' in out && !('additionalProperties' in out)) {
    out['additionalProperties'] = false;
  }
  return schema['nullable'] === true ? { anyOf: [out, { type: 'null' }] } : out;
}

/** A keyword's value: the schemas in it translated (`items`, `allOf`, ...), data kept. */
function translate(value: Json, options: ValidatorOptions): Json {
  if (isJsonObject(value)) return toJsonSchema(value, options);
  if (isJsonArray(value)) return value.map((item) => translate(item, options));
  return value;
}

function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJsonArray(value: Json): value is readonly Json[] {
  return Array.isArray(value);
}

/** One of Ajv's errors as a sentence about the body. */
function describe(error: ErrorObject): string {
  const where = `body${error.instancePath}`;
  if (error.keyword === 'additionalProperties') {
    return `${where} has ${JSON.stringify(error.params['additionalProperty'])}, which the schema does not allow`;
  }
  if (error.keyword === 'enum') {
    return `${where} must be one of ${JSON.stringify(error.params['allowedValues'])}`;
  }
  return `${where} ${error.message ?? `fails ${error.keyword}`}`;
}
