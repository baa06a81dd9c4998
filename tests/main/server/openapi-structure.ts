/**
 * A structural check of an OpenAPI 3.1 document, written from the specification's required fields
 * (https://spec.openapis.org/oas/v3.1.0): what a tool reading the document relies on. Schemas
 * themselves are checked with a JSON Schema 2020-12 validator by the test.
 */

/** The parts of an OpenAPI document the tests read. */
export interface OpenApi {
  openapi: string
  info: { title: string; version: string; [key: string]: unknown }
  servers?: Array<{ url: string }>
  paths: Record<string, Record<string, OpenApiOperation>>
  components?: {
    schemas?: Record<string, object>
    responses?: Record<string, Record<string, unknown>>
    securitySchemes?: Record<string, Record<string, unknown>>
  }
  security?: Array<Record<string, string[]>>
  [key: string]: unknown
}

/** An operation of {@link OpenApi}. */
export interface OpenApiOperation {
  operationId?: string
  summary?: string
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown }>
  requestBody?: unknown
  responses: Record<string, unknown>
  [key: string]: unknown
}

const operationMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
const parameterLocations = ['query', 'header', 'path', 'cookie']
const schemeTypes = ['apiKey', 'http', 'mutualTLS', 'oauth2', 'openIdConnect']

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Every problem found in `document`, as `where: what`; empty when it is well formed. */
export function validateOpenApiStructure(document: unknown): string[] {
  const problems: string[] = []
  const fail = (where: string, what: string): void => void problems.push(`${where}: ${what}`)
  if (!isObject(document)) return ['document: not an object']
  if (typeof document['openapi'] !== 'string' || !/^3\.1\.\d+$/.test(document['openapi'])) {
    fail('openapi', 'must be a 3.1.x version string')
  }
  const info = document['info']
  if (!isObject(info)) fail('info', 'required')
  else {
    if (typeof info['title'] !== 'string') fail('info.title', 'required string')
    if (typeof info['version'] !== 'string') fail('info.version', 'required string')
  }
  if (!('paths' in document) && !('components' in document) && !('webhooks' in document)) {
    fail('document', 'needs paths, components or webhooks')
  }
  for (const [index, server] of ((document['servers'] ?? []) as unknown[]).entries()) {
    if (!isObject(server) || typeof server['url'] !== 'string') fail(`servers[${index}]`, 'url')
  }
  checkRefs(document, document, '#', fail)
  const schemes = isObject(document['components'])
    ? ((document['components']['securitySchemes'] ?? {}) as Json)
    : {}
  checkSecuritySchemes(schemes, fail)
  checkSecurity(document['security'], schemes, 'security', fail)
  const operationIds = new Set<string>()
  const paths = document['paths']
  if (paths !== undefined && !isObject(paths)) fail('paths', 'must be an object')
  for (const [path, item] of Object.entries(isObject(paths) ? paths : {})) {
    if (!path.startsWith('/')) fail(path, 'a path must begin with /')
    if (!isObject(item)) {
      fail(path, 'a path item must be an object')
      continue
    }
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!)
    for (const [method, operation] of Object.entries(item)) {
      const where = `${method.toUpperCase()} ${path}`
      if (!operationMethods.includes(method)) continue
      if (!isObject(operation)) {
        fail(where, 'an operation must be an object')
        continue
      }
      const id = operation['operationId']
      if (typeof id === 'string') {
        if (operationIds.has(id)) fail(where, `operationId ${id} is not unique`)
        operationIds.add(id)
      }
      checkParameters(operation['parameters'], templated, where, fail)
      checkRequestBody(operation['requestBody'], where, fail)
      checkResponses(operation['responses'], where, fail)
      checkSecurity(operation['security'], schemes, `${where} security`, fail)
    }
  }
  return problems
}

type Fail = (where: string, what: string) => void

function checkParameters(value: unknown, templated: string[], where: string, fail: Fail): void {
  const parameters = (value ?? []) as unknown[]
  if (!Array.isArray(parameters)) return fail(where, 'parameters must be an array')
  const seen = new Set<string>()
  for (const parameter of parameters) {
    if (!isObject(parameter)) {
      fail(where, 'a parameter must be an object')
      continue
    }
    const { name, in: location } = parameter
    if (typeof name !== 'string') fail(where, 'a parameter needs a name')
    if (!parameterLocations.includes(location as string)) fail(where, `parameter ${name}: in`)
    if (seen.has(`${location}:${name}`)) fail(where, `parameter ${name} is declared twice`)
    seen.add(`${location}:${name}`)
    if (location === 'path' && parameter['required'] !== true) {
      fail(where, `path parameter ${name} must be required`)
    }
    if (location === 'path' && !templated.includes(name as string)) {
      fail(where, `path parameter ${name} is not in the path`)
    }
    if ('schema' in parameter === 'content' in parameter) {
      fail(where, `parameter ${name} needs a schema or a content, not both`)
    }
  }
  for (const name of templated) {
    if (!seen.has(`path:${name}`)) fail(where, `path template {${name}} has no parameter`)
  }
}

function checkRequestBody(value: unknown, where: string, fail: Fail): void {
  if (value === undefined || (isObject(value) && '$ref' in value)) return
  if (!isObject(value) || !isObject(value['content'])) fail(where, 'requestBody needs a content')
  else checkContent(value['content'], `${where} requestBody`, fail)
}

function checkResponses(value: unknown, where: string, fail: Fail): void {
  if (value === undefined) return
  if (!isObject(value) || Object.keys(value).length === 0) {
    return fail(where, 'responses must hold at least one answer')
  }
  for (const [status, answer] of Object.entries(value)) {
    if (!/^([1-5](\d\d|XX)|default)$/.test(status)) fail(where, `${status} is no status code`)
    if (isObject(answer) && '$ref' in answer) continue
    if (!isObject(answer) || typeof answer['description'] !== 'string') {
      fail(`${where} ${status}`, 'an answer needs a description')
    } else if (answer['content'] !== undefined) {
      checkContent(answer['content'], `${where} ${status}`, fail)
    }
  }
}

function checkContent(value: unknown, where: string, fail: Fail): void {
  if (!isObject(value)) return fail(where, 'content must be an object')
  for (const [type, media] of Object.entries(value)) {
    if (!/^[\w.+-]+\/[\w.+*-]+$/.test(type)) fail(where, `${type} is no media type`)
    if (!isObject(media)) fail(where, `${type} must be a media type object`)
  }
}

function checkSecuritySchemes(schemes: Json, fail: Fail): void {
  for (const [name, scheme] of Object.entries(schemes)) {
    const where = `securitySchemes.${name}`
    if (!isObject(scheme) || !schemeTypes.includes(scheme['type'] as string)) {
      fail(where, 'type')
      continue
    }
    if (scheme['type'] === 'apiKey') {
      if (typeof scheme['name'] !== 'string') fail(where, 'an apiKey needs a name')
      if (!['query', 'header', 'cookie'].includes(scheme['in'] as string)) fail(where, 'in')
    }
    if (scheme['type'] === 'http' && typeof scheme['scheme'] !== 'string') fail(where, 'scheme')
  }
}

function checkSecurity(value: unknown, schemes: Json, where: string, fail: Fail): void {
  if (value === undefined) return
  if (!Array.isArray(value)) return fail(where, 'must be an array')
  for (const requirement of value) {
    for (const name of Object.keys(isObject(requirement) ? requirement : {})) {
      if (!(name in schemes)) fail(where, `${name} is no declared security scheme`)
    }
  }
}

/** Every local `$ref` must point at something in the document. */
function checkRefs(node: unknown, document: Json, where: string, fail: Fail): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => checkRefs(item, document, `${where}/${index}`, fail))
    return
  }
  if (!isObject(node)) return
  const ref = node['$ref']
  if (typeof ref === 'string') {
    let target: unknown = document
    for (const part of ref.replace(/^#\//, '').split('/')) {
      target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined
    }
    if (!ref.startsWith('#/') || target === undefined) fail(where, `$ref ${ref} does not resolve`)
  }
  for (const [key, value] of Object.entries(node))
    checkRefs(value, document, `${where}/${key}`, fail)
}
