import type { Redis } from 'ioredis'
import type { RemoteEntry } from '../shared/worker-protocol'
import { coordinatorConsumer, coordinatorGroup, resultStreamKey } from './queue-keys'

/** One raw entry of the results stream: its id and its payload, not yet validated. */
export interface StreamEntry {
  id: string
  /** The JSON text of the entry's `e` field, or null when the entry has no such field. */
  json: string | null
}

/**
 * A remote worker's side of the results stream: entries are added in order on one connection;
 * while Redis is away they wait in ioredis's queue and are sent when it is back.
 */
export class ResultStreamWriter {
  private readonly pending = new Set<Promise<unknown>>()

  /** @param onError told when an entry could not be added (Redis refused it). */
  constructor(
    private readonly redis: Redis,
    private readonly onError: (error: Error) => void
  ) {}

  add(entry: RemoteEntry): void {
    const sent = this.redis
      .xadd(resultStreamKey, '*', 'e', JSON.stringify(entry))
      .catch(this.onError)
    this.pending.add(sent)
    void sent.finally(() => this.pending.delete(sent))
  }

  /** Resolves once every entry added so far is in Redis (or failed). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending])
  }
}

/**
 * The coordinator's side: reads the stream as the one consumer of a consumer group, first what
 * was delivered before and never acknowledged (a coordinator killed before its commit), then new
 * entries. An entry is acknowledged and deleted only after its commit.
 */
export class ResultStreamReader {
  private backlog = true

  constructor(private readonly redis: Redis) {}

  /** Creates the stream and the group when missing (a new Redis, or one that lost its data). */
  async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', resultStreamKey, coordinatorGroup, '0', 'MKSTREAM')
    } catch (error) {
      if (!/BUSYGROUP/.test((error as Error).message)) throw error
    }
  }

  /**
   * Up to `count` entries: the unacknowledged backlog until it is empty, then new ones, waiting
   * up to `blockMs` for them.
   */
  async read(count: number, blockMs: number): Promise<StreamEntry[]> {
    const from = this.backlog ? '0' : '>'
    const args = ['GROUP', coordinatorGroup, coordinatorConsumer, 'COUNT', String(count)]
    if (!this.backlog) args.push('BLOCK', String(blockMs))
    const reply = (await this.redis.call(
      'XREADGROUP',
      ...args,
      'STREAMS',
      resultStreamKey,
      from
    )) as Array<[string, Array<[string, string[] | null]>]> | null
    const entries = (reply?.[0]?.[1] ?? []).map(([id, fields]) => ({ id, json: fieldOf(fields) }))
    if (this.backlog && entries.length === 0) this.backlog = false
    return entries
  }

  /** Whether the next {@link read} reads the unacknowledged backlog rather than new entries. */
  get readingBacklog(): boolean {
    return this.backlog
  }

  /** Reads the backlog again (after a reconnect: Redis may have been restarted). */
  rewind(): void {
    this.backlog = true
  }

  /** Acknowledges committed entries and deletes them: the catalog has them now. */
  async ack(ids: string[]): Promise<void> {
    if (ids.length === 0) return
    await this.redis
      .multi()
      .xack(resultStreamKey, coordinatorGroup, ...ids)
      .xdel(resultStreamKey, ...ids)
      .exec()
  }
}

/** The `e` field of an entry's field list. */
function fieldOf(fields: string[] | null): string | null {
  if (!fields) return null
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'e') return fields[i + 1]!
  return null
}

/** Compares two stream ids (`ms-seq`): negative when `a` comes first. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number)
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number)
  return aMs - bMs || aSeq - bSeq
}
