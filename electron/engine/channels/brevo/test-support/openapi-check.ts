/**
 * TEST SUPPORT ONLY. Checks requests (and the fake server's answers) against Brevo's published
 * OpenAPI description (../shared/reference/brevo/brevo-openapi-v3.yaml): the path and method
 * exist, path and query parameters have the declared types, required body fields are present,
 * every field has the declared type and enum, and no undeclared field is sent. The fake Brevo
 * server runs every request through it, so neither the channel nor the fake can drift from the
 * real API unnoticed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

type Schema = Record<string, any>;
export interface OpenApi {
  paths: Record<string, Record<string, Schema>>;
  components: Schema;
}

/** Relative to the repository root (vitest's working directory), never copied into the repo. */
export const brevoOpenApiPath = resolve(process.cwd(), '../shared/reference/brevo/brevo-openapi-v3.yaml');

let cached: OpenApi | null = null;

/**
 * Loads the description once per process (about 4 s). The vendored copy closes some multi-line
 * quoted descriptions with a `'` at column 0, which the `yaml` package (strict YAML 1.2) refuses;
 * those lines are indented first, which changes no value (folded whitespace inside a scalar).
 */
export function loadBrevoOpenApi(): OpenApi {
  if (cached) return cached;
  const text = readFileSync(brevoOpenApiPath, 'utf8').replace(/^'$/gm, `${' '.repeat(200)}'`);
  cached = parse(text) as OpenApi;
  return cached;
}

export interface MatchedOperation {
  template: string;
  operation: Schema;
  params: Record<string, string>;
}

/** The operation for this method and concrete path; literal segments win over {templated} ones. */
export function matchOperation(spec: OpenApi, method: string, path: string): MatchedOperation | null {
  const segments = path.split('/').filter(Boolean);
  let best: { match: MatchedOperation; literals: number } | null = null;
  for (const [template, item] of Object.entries(spec.paths)) {
    const parts = template.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (const [index, part] of parts.entries()) {
      const segment = decodeURIComponent(segments[index]!);
      if (/^\{.+\}$/.test(part)) params[part.slice(1, -1)] = segment;
      else if (part === segment) literals++;
      else ok = false;
    }
    const operation = item[method.toLowerCase()];
    if (!ok || !operation) continue;
    if (!best || literals > best.literals) best = { match: { template, operation, params }, literals };
  }
  return best?.match ?? null;
}

export function resolveRef(spec: OpenApi, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let depth = 0; current?.$ref && depth < 20; depth++) {
    const path = String(current.$ref).replace(/^#\//, '').split('/');
    current = path.reduce<any>((node, key) => node?.[key], spec);
  }
  return current;
}

/** Problems of `value` against `schema`; `strict` also refuses properties the schema does not declare. */
export function validate(spec: OpenApi, schemaIn: Schema | undefined, value: unknown, where: string, strict: boolean): string[] {
  const schema = resolveRef(spec, schemaIn);
  if (!schema || Object.keys(schema).length === 0) return [];
  const problems: string[] = [];
  if (schema.allOf) {
    for (const part of schema.allOf as Schema[]) problems.push(...validate(spec, part, value, where, false));
    if (strict && isObject(value)) {
      const known = new Set(collectProperties(spec, schema));
      for (const key of Object.keys(value)) if (!known.has(key)) problems.push(`${where}.${key}: not in the API description`);
    }
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (schema[key] && !(schema[key] as Schema[]).some((part) => validate(spec, part, value, where, strict).length === 0)) problems.push(`${where}: matches none of ${key}`);
  }
  if (value === null) return schema.nullable ? problems : [...problems, `${where}: null is not allowed`];
  const type = schema.type as string | undefined;
  if (type === 'object' || (!type && schema.properties)) {
    if (!isObject(value)) return [...problems, `${where}: expected an object, got ${typeof value}`];
    for (const required of (schema.required as string[] | undefined) ?? []) if (!(required in value)) problems.push(`${where}.${required}: required`);
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [key, item] of Object.entries(value)) {
      if (properties[key]) problems.push(...validate(spec, properties[key], item, `${where}.${key}`, strict));
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') problems.push(...validate(spec, schema.additionalProperties, item, `${where}.${key}`, strict));
      else if (strict && !schema.allOf && schema.properties && schema.additionalProperties === undefined) problems.push(`${where}.${key}: not in the API description`);
    }
  } else if (type === 'array') {
    if (!Array.isArray(value)) return [...problems, `${where}: expected an array`];
    value.forEach((item, index) => problems.push(...validate(spec, schema.items, item, `${where}[${index}]`, strict)));
  } else if (type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) problems.push(`${where}: expected an integer, got ${JSON.stringify(value)}`);
  } else if (type === 'number') {
    if (typeof value !== 'number') problems.push(`${where}: expected a number, got ${JSON.stringify(value)}`);
  } else if (type === 'boolean') {
    if (typeof value !== 'boolean') problems.push(`${where}: expected a boolean`);
  } else if (type === 'string') {
    if (typeof value !== 'string') problems.push(`${where}: expected a string, got ${JSON.stringify(value)}`);
    else if (schema.format === 'email' && !/^[^\s@]+@[^\s@]+$/.test(value)) problems.push(`${where}: expected an e-mail address`);
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) problems.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${where}: below ${schema.minimum}`);
  if (typeof value === 'number' && typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${where}: above ${schema.maximum}`);
  return problems;
}

function collectProperties(spec: OpenApi, schemaIn: Schema | undefined): string[] {
  const schema = resolveRef(spec, schemaIn);
  if (!schema) return [];
  return [...Object.keys(schema.properties ?? {}), ...((schema.allOf as Schema[] | undefined) ?? []).flatMap((part) => collectProperties(spec, part))];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parameterValue(schema: Schema | undefined, raw: string): unknown {
  if (schema?.type === 'integer' || schema?.type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (schema?.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

/** Everything wrong with a request: unknown path or method, parameters, body. Empty when it conforms. */
export function checkRequest(spec: OpenApi, method: string, url: URL, body: unknown): string[] {
  const matched = matchOperation(spec, method, url.pathname.replace(/^\/v3/, ''));
  if (!matched) return [`${method} ${url.pathname}: no such operation in the Brevo API description`];
  const where = `${method} ${matched.template}`;
  const problems: string[] = [];
  const parameters = ((matched.operation.parameters ?? []) as Schema[]).map((parameter) => resolveRef(spec, parameter)!);
  for (const [name, raw] of Object.entries(matched.params)) {
    const declared = parameters.find((parameter) => parameter.in === 'path' && parameter.name === name);
    problems.push(...validate(spec, declared?.schema, parameterValue(declared?.schema, raw), `${where} path ${name}`, false));
  }
  for (const [name, raw] of url.searchParams) {
    const declared = parameters.find((parameter) => parameter.in === 'query' && parameter.name === name);
    if (!declared) problems.push(`${where}: query parameter "${name}" is not in the API description`);
    else problems.push(...validate(spec, declared.schema, parameterValue(declared.schema, raw), `${where} query ${name}`, false));
  }
  for (const parameter of parameters) if (parameter.in === 'query' && parameter.required && !url.searchParams.has(parameter.name)) problems.push(`${where}: query parameter "${parameter.name}" is required`);
  const requestBody = resolveRef(spec, matched.operation.requestBody);
  const bodySchema = requestBody?.content?.['application/json']?.schema;
  if (body === undefined && requestBody?.required) problems.push(`${where}: a JSON body is required`);
  if (body !== undefined && !bodySchema) problems.push(`${where}: takes no JSON body`);
  if (body !== undefined && bodySchema) problems.push(...validate(spec, bodySchema, body, `${where} body`, true));
  return problems;
}

/** Everything wrong with an answer: undeclared status, or a JSON body that does not fit its schema. */
export function checkResponse(spec: OpenApi, method: string, url: URL, status: number, body: unknown): string[] {
  const matched = matchOperation(spec, method, url.pathname.replace(/^\/v3/, ''));
  if (!matched) return [];
  const responses = (matched.operation.responses ?? {}) as Record<string, Schema>;
  const declared = resolveRef(spec, responses[String(status)] ?? responses.default);
  // 401, 429 and 5xx come from Brevo's gateway on every operation and are not repeated per operation.
  if (!declared) return status === 401 || status === 429 || status >= 500 ? [] : [`${method} ${matched.template}: status ${status} is not in the API description`];
  const schema = declared.content?.['application/json']?.schema;
  if (!schema || body === undefined) return [];
  return validate(spec, schema, body, `${method} ${matched.template} ${status}`, false);
}
