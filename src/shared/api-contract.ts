import { z } from 'zod'
import type { ApiErrorCode } from './api-error'
import {
  brandInputSchema,
  brandPatchSchema,
  type BrandSummary,
  type IngestionStatusRow
} from './brand'
import {
  idParam,
  logListRequestSchema,
  noRequest,
  productListRequestSchema,
  queryInt,
  workerStartRequestSchema
} from './api-request-schemas'
import type { LogEntry } from './log-entry'
import type { ProductRecord } from './product'
import type { RunRecord } from './run'
import type { StartMode } from './worker-mode'
import type { WorkerRecord } from './worker-record'
import type { WorkerProgress, WorkerStatus } from './worker-status'

/**
 * The one contract of the UI API. The Electron IPC handlers, the preload bridge, the headless
 * server's HTTP routes and the renderer's HTTP client are all derived from this object: a method
 * is added here once and every transport carries it.
 *
 * Each method names its HTTP route (path parameters as `:name`), the schema its request must pass
 * (path, query and body merged into one object), and its response type.
 */

/** Marks a response type; carries no runtime value. */
function returns<T>(): T {
  return undefined as T
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** What the API docs (`/docs`, `/openapi.json`) say of a method; no transport reads it. */
export interface MethodDocs {
  /** One line, shown next to the route. */
  summary: string
  /** More, when the summary is not enough. Default: none. */
  description?: string
  /**
   * The errors the method's handler answers besides a bad request (400) and a failure (500),
   * which every method may answer. Default: none.
   */
  errors?: readonly ApiErrorCode[]
}

export interface MethodSpec<Request extends z.ZodType = z.ZodType, Response = unknown> {
  http: { method: HttpMethod; path: string }
  request: Request
  response: Response
  docs: MethodDocs
}

function method<Request extends z.ZodType, Response>(
  httpMethod: HttpMethod,
  path: string,
  request: Request,
  response: Response,
  docs: MethodDocs
): MethodSpec<Request, Response> {
  return { http: { method: httpMethod, path }, request, response, docs }
}

export { productSortFields, workerStartRequestSchema } from './api-request-schemas'

export const apiContract = {
  worker: {
    /** Start the worker in continuous or once mode. 409 when one is running. */
    start: method(
      'POST',
      '/api/worker/start',
      workerStartRequestSchema,
      returns<{ status: 'started'; pid: number | null; pids: number[]; mode: StartMode }>(),
      {
        summary: 'Start the worker',
        description: 'In continuous or once mode; 409 while a worker of this server runs.',
        errors: ['conflict', 'unavailable']
      }
    ),
    /** Ask the worker to stop gracefully; it is killed if it has not exited in 10 s. */
    stop: method(
      'POST',
      '/api/worker/stop',
      noRequest,
      returns<{ status: 'stopping' | 'not_running' }>(),
      {
        summary: 'Stop the worker',
        description: 'Gracefully; a worker that has not exited in 10 s is killed.'
      }
    ),
    status: method('GET', '/api/worker/status', noRequest, returns<WorkerStatus>(), {
      summary: 'Worker status'
    }),
    /**
     * Scrape one brand now, then exit. 404 for an unknown brand; 409 when another worker holds the
     * brand (naming it) or this coordinator's workers are busy.
     */
    scrapeBrand: method(
      'POST',
      '/api/worker/scrape/:brand',
      z.object({ brand: z.string().min(1) }).strict(),
      returns<{ status: 'started'; pid: number | null; brand: string }>(),
      {
        summary: 'Scrape one brand now',
        description:
          'The brand is named in the path (URL-encoded); the worker exits when it is done. 404 ' +
          'for an unknown brand; 409 when another worker holds it or this server’s workers are busy.',
        errors: ['not_found', 'conflict', 'unavailable']
      }
    )
  },
  workers: {
    /** Every worker on the catalog, whoever started it, from the catalog's registry. */
    list: method('GET', '/api/workers', noRequest, returns<{ workers: WorkerRecord[] }>(), {
      summary: 'Every worker on the catalog'
    }),
    /**
     * Asks a worker to stop gracefully; it picks the request up within its heartbeat, even in a
     * process this coordinator did not start. 404 for an unknown worker.
     */
    stop: method(
      'POST',
      '/api/workers/:id/stop',
      z.object({ id: z.string().min(1).max(200) }).strict(),
      returns<{ status: 'stopping'; id: string }>(),
      {
        summary: 'Ask a worker to stop',
        description:
          'Any worker on the catalog, even in another process: it picks the request up within ' +
          'its heartbeat.',
        errors: ['not_found']
      }
    )
  },
  brands: {
    list: method('GET', '/api/brands', noRequest, returns<BrandSummary[]>(), {
      summary: 'List brands'
    }),
    add: method('POST', '/api/brands', brandInputSchema.strict(), returns<BrandSummary>(), {
      summary: 'Add a brand',
      errors: ['conflict']
    }),
    update: method(
      'PATCH',
      '/api/brands/:id',
      idParam.extend({ patch: brandPatchSchema.strict() }).strict(),
      returns<BrandSummary>(),
      { summary: 'Change a brand', errors: ['not_found', 'conflict'] }
    ),
    remove: method('DELETE', '/api/brands/:id', idParam.strict(), returns<{ removed: true }>(), {
      summary: 'Remove a brand and its products',
      errors: ['not_found', 'conflict']
    }),
    /** Add or update brands from a JSON array or a CSV with a header (name, website, …). */
    import: method(
      'POST',
      '/api/brands/import',
      z
        .object({
          format: z.enum(['json', 'csv']),
          content: z.string().max(10_000_000)
        })
        .strict(),
      returns<{ added: number; updated: number }>(),
      {
        summary: 'Import brands (JSON or CSV)',
        description:
          'Adds or updates brands from a JSON array or a CSV with a header (name, website, …).'
      }
    )
  },
  products: {
    list: method(
      'GET',
      '/api/products',
      productListRequestSchema,
      returns<{ items: ProductRecord[]; total: number }>(),
      { summary: 'List and search products' }
    ),
    get: method('GET', '/api/products/:id', idParam.strict(), returns<ProductRecord>(), {
      summary: 'One product',
      errors: ['not_found']
    }),
    /** The current filter as a file's content. */
    export: method(
      'GET',
      '/api/products/export',
      z
        .object({
          brand: z.string().optional(),
          q: z.string().max(500).optional(),
          format: z.enum(['json', 'csv']).default('csv')
        })
        .strict(),
      returns<{ filename: string; mimeType: string; content: string; count: number }>(),
      {
        summary: 'Export products (JSON or CSV)',
        description: 'The filtered products as a file’s content, with its name and media type.'
      }
    )
  },
  runs: {
    list: method(
      'GET',
      '/api/runs',
      z.object({ brand: z.string().optional(), limit: queryInt(1, 1000).default(50) }).strict(),
      returns<RunRecord[]>(),
      { summary: 'Recent runs' }
    )
  },
  logs: {
    list: method('GET', '/api/logs', logListRequestSchema, returns<LogEntry[]>(), {
      summary: 'Log entries'
    }),
    /** Where the log file is, for "open the log file". */
    file: method('GET', '/api/logs/file', noRequest, returns<{ path: string }>(), {
      summary: 'Where the log file is'
    }),
    /**
     * Opens the log file in the system's default app, where the coordinator runs on the user's
     * desktop (the Electron app); elsewhere `opened` is false and the path is for the user to open.
     */
    openFile: method(
      'POST',
      '/api/logs/file/open',
      noRequest,
      returns<{ opened: boolean; path: string }>(),
      {
        summary: 'Open the log file',
        description:
          'In the desktop app, with the system’s default app; elsewhere `opened` is false and ' +
          'the path is for the user to open.'
      }
    )
  },
  ingestion: {
    status: method('GET', '/api/ingestion/status', noRequest, returns<IngestionStatusRow[]>(), {
      summary: 'Per-brand ingestion status'
    })
  }
} as const

/** Events pushed to every subscriber: over IPC in the app, Server-Sent Events in a browser. */
export interface ApiEvents {
  status: WorkerStatus
  progress: WorkerProgress
  log: LogEntry
  /** The catalog's worker registry, whenever it changes. */
  workers: WorkerRecord[]
}

export const apiEventNames = [
  'status',
  'progress',
  'log',
  'workers'
] as const satisfies readonly (keyof ApiEvents)[]

export type ApiContract = typeof apiContract
export type ApiDomain = keyof ApiContract
export type ApiMethodName<D extends ApiDomain> = keyof ApiContract[D] & string

type RequestOf<S> = S extends MethodSpec<infer R, unknown> ? z.input<R> : never
type ResponseOf<S> = S extends MethodSpec<z.ZodType, infer T> ? T : never

/** A method with nothing to send takes no argument. */
type ClientMethod<S> =
  Record<string, never> extends RequestOf<S>
    ? (request?: RequestOf<S>) => Promise<ResponseOf<S>>
    : (request: RequestOf<S>) => Promise<ResponseOf<S>>

/** The API as the renderer sees it: `api.worker.start({ mode: 'once' })`. */
export type Api = {
  [D in ApiDomain]: { [M in keyof ApiContract[D]]: ClientMethod<ApiContract[D][M]> }
} & {
  /** Subscribe to a pushed event; returns the function that unsubscribes. */
  on<E extends keyof ApiEvents>(event: E, listener: (payload: ApiEvents[E]) => void): () => void
}

export type ApiRequest<D extends ApiDomain, M extends ApiMethodName<D>> = RequestOf<
  ApiContract[D][M]
>
export type ApiResponse<D extends ApiDomain, M extends ApiMethodName<D>> = ResponseOf<
  ApiContract[D][M]
>

/** The server side: one handler per method, taking the validated request. */
export type ApiHandlers = {
  [D in ApiDomain]: {
    [M in keyof ApiContract[D]]: (
      request: ApiContract[D][M] extends MethodSpec<infer R, unknown> ? z.output<R> : never
    ) => Promise<ResponseOf<ApiContract[D][M]>> | ResponseOf<ApiContract[D][M]>
  }
}

/** Every method as `[domain, method, spec]`, for transports that register them all. */
export function listApiMethods(): Array<[ApiDomain, string, MethodSpec]> {
  const methods: Array<[ApiDomain, string, MethodSpec]> = []
  for (const domain of Object.keys(apiContract) as ApiDomain[]) {
    for (const [name, spec] of Object.entries(apiContract[domain])) {
      methods.push([domain, name, spec as MethodSpec])
    }
  }
  return methods
}
