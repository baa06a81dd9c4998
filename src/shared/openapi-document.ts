import { z } from 'zod'
import { apiEventNames, listApiMethods, type ApiDomain, type MethodSpec } from './api-contract'
import type { ApiErrorCode } from './api-error'
import { apiErrorBodySchema, apiResponseSchemas } from './api-response-schemas'

/**
 * The API's OpenAPI 3.1 document, generated from the contract (api-contract.ts) and its response
 * schemas (api-response-schemas.ts) with zod's JSON Schema output: no route, parameter or schema
 * is written twice. Served by the headless server at `/openapi.json` and shown at `/docs`.
 */

/** A JSON Schema or OpenAPI object, as plain JSON. */
export type JsonObject = { [key: string]: unknown }

/** Options of {@link buildOpenApiDocument}. */
export interface OpenApiDocumentOptions {
  /**
   * The name of the cookie that carries the access token, when the server needs one (serve
   * `--token`, or any address beyond loopback); it differs per port. Default: none, no token.
   */
  tokenCookie?: string
}

/** The header a script may send the token in, besides `Authorization: Bearer`. */
const tokenHeader = 'x-brand-scraper-token'

/** The API's version, not the app's: it changes when a route or a schema does. */
const apiVersion = '1.0.0'

/** Every error answer: the status, and when the server gives it. */
const errorAnswers = {
  bad_request: [400, 'The request does not pass the contract; the message says which field.'],
  unauthorized: [401, 'The access token is missing or wrong.'],
  forbidden: [
    403,
    'The Host header is not one the server answers to, or a write came from another site.'
  ],
  not_found: [404, 'The resource the path names does not exist.'],
  conflict: [409, 'The request clashes with the current state; the message says what to do.'],
  payload_too_large: [413, 'The request body is over the server’s limit (20 MB by default).'],
  unsupported_media_type: [
    415,
    'A write without the header Content-Type: application/json (required even with no body).'
  ],
  internal: [500, 'Something went wrong on the server.'],
  unavailable: [503, 'The server is shutting down.']
} as const satisfies Record<string, readonly [number, string]>

type ErrorAnswer = keyof typeof errorAnswers

/** The schema of `schema` as JSON Schema 2020-12, the dialect of OpenAPI 3.1. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  // Transforms (a query flag given as "true") are shown by their input, which is what a client sends.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any'
  }) as JsonObject
  return rest
}

/** `/api/products/:id` → `/api/products/{id}`, and the parameter names in order. */
function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = []
  const converted = path.replace(/:([A-Za-z_]\w*)/g, (_match, name: string) => {
    params.push(name)
    return `{${name}}`
  })
  return { path: converted, params }
}

function operationId(domain: ApiDomain, method: string): string {
  return `${domain}${method.charAt(0).toUpperCase()}${method.slice(1)}`
}

function errorResponses(spec: MethodSpec, tokenRequired: boolean): Record<string, JsonObject> {
  const answers = new Set<ErrorAnswer>(['bad_request', 'forbidden', 'internal'])
  if (tokenRequired) answers.add('unauthorized')
  if (spec.http.method !== 'GET') {
    answers.add('payload_too_large')
    answers.add('unsupported_media_type')
  }
  for (const code of spec.docs.errors ?? ([] as readonly ApiErrorCode[])) answers.add(code)
  const responses: Record<string, JsonObject> = {}
  for (const code of Object.keys(errorAnswers) as ErrorAnswer[]) {
    if (answers.has(code)) responses[String(errorAnswers[code][0])] = { $ref: responseRef(code) }
  }
  return responses
}

function responseRef(code: ErrorAnswer): string {
  return `#/components/responses/${code}`
}

/** A request schema split as HTTP carries it: path parameters, query parameters, JSON body. */
function requestParts(
  spec: MethodSpec,
  params: string[]
): { parameters: JsonObject[]; requestBody?: JsonObject } {
  const request = jsonSchema(spec.request, 'input')
  const properties = (request['properties'] ?? {}) as Record<string, JsonObject>
  const required = new Set((request['required'] ?? []) as string[])
  const parameters: JsonObject[] = params.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: properties[name] ?? { type: 'string' }
  }))
  const rest = Object.keys(properties).filter((name) => !params.includes(name))
  if (spec.http.method === 'GET') {
    for (const name of rest) {
      parameters.push({ name, in: 'query', required: required.has(name), schema: properties[name] })
    }
    return { parameters }
  }
  const bodyRequired = rest.filter((name) => required.has(name))
  const { required: _all, ...bodySchema } = request
  const schema: JsonObject = {
    ...bodySchema,
    properties: Object.fromEntries(rest.map((name) => [name, properties[name]])),
    ...(bodyRequired.length ? { required: bodyRequired } : {})
  }
  // The server reads an empty body as {}, but wants the JSON header either way; the example
  // makes "try it" send one.
  const example = bodyRequired.length ? {} : { example: {} }
  return {
    parameters,
    requestBody: {
      required: bodyRequired.length > 0,
      content: { 'application/json': { schema, ...example } }
    }
  }
}

/** One contract method as an OpenAPI operation: parameters, body, answers. */
function operation(
  domain: ApiDomain,
  method: string,
  spec: MethodSpec,
  params: string[],
  tokenRequired: boolean
): JsonObject {
  const { parameters, requestBody } = requestParts(spec, params)
  // The table's type checks each schema against its method; indexed by name, it is looser.
  const schemas = apiResponseSchemas as unknown as Record<string, Record<string, z.ZodType>>
  const response = schemas[domain]![method]!
  return {
    operationId: operationId(domain, method),
    tags: [domain],
    summary: spec.docs.summary,
    ...(spec.docs.description ? { description: spec.docs.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      '200': {
        description: 'Done.',
        content: { 'application/json': { schema: jsonSchema(response, 'output') } }
      },
      ...errorResponses(spec, tokenRequired)
    }
  }
}

/** The event stream: not a contract method, but a route the UI subscribes to. */
function eventsPath(): JsonObject {
  return {
    get: {
      operationId: 'eventsStream',
      tags: ['events'],
      summary: 'Server-Sent Events',
      description:
        `A stream of events, one JSON payload each, named ${apiEventNames.join(', ')}. ` +
        'It stays open: read it with EventSource rather than from this page.',
      responses: {
        '200': {
          description: 'The stream.',
          content: { 'text/event-stream': { schema: { type: 'string' } } }
        }
      }
    }
  }
}

function securitySchemes(cookieName: string): JsonObject {
  return {
    tokenCookie: {
      type: 'apiKey',
      in: 'cookie',
      name: cookieName,
      description:
        'Set by opening the link serve prints (…/?token=TOKEN; …/docs?token=TOKEN opens this ' +
        'page): the server answers with an HttpOnly, SameSite=Strict cookie and redirects to the ' +
        'page without the token. This page’s requests then carry it.'
    },
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description:
        'Authorization: Bearer TOKEN; the token is in the serve-token file beside the catalog.'
    },
    tokenHeader: { type: 'apiKey', in: 'header', name: tokenHeader, description: 'The token.' }
  }
}

/** Builds the OpenAPI 3.1 document of the API. */
export function buildOpenApiDocument(options: OpenApiDocumentOptions = {}): JsonObject {
  const tokenRequired = options.tokenCookie !== undefined
  const paths: Record<string, JsonObject> = {}
  for (const [domain, method, spec] of listApiMethods()) {
    const { path, params } = openApiPath(spec.http.path)
    paths[path] ??= {}
    paths[path][spec.http.method.toLowerCase()] = operation(
      domain,
      method,
      spec,
      params,
      tokenRequired
    )
  }
  paths['/api/events'] = eventsPath()
  const responses = Object.fromEntries(
    (Object.keys(errorAnswers) as ErrorAnswer[]).map((code) => [
      code,
      {
        description: errorAnswers[code][1],
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/ApiErrorBody' } }
        }
      }
    ])
  )
  return {
    openapi: '3.1.0',
    info: {
      title: 'Brand Scraper API',
      version: apiVersion,
      description:
        'The control API of the Brand Scraper coordinator (`serve`). Every write (POST, PATCH, ' +
        'DELETE) needs the header Content-Type: application/json, with or without a body, and is ' +
        'refused from another site.'
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/', description: 'This server' }],
    paths,
    components: {
      schemas: { ApiErrorBody: jsonSchema(apiErrorBodySchema, 'output') },
      responses,
      ...(tokenRequired ? { securitySchemes: securitySchemes(options.tokenCookie!) } : {})
    },
    ...(tokenRequired
      ? { security: [{ tokenCookie: [] }, { bearer: [] }, { tokenHeader: [] }] }
      : {})
  }
}
