import { maxLogLines, type LogsState } from './logs-state'

/** What lies before the oldest line held, as the top of the viewer says it. */
export type OlderLines = 'loading' | 'start' | 'cap' | 'more'

/** Whether older lines are being fetched, do not exist, are out of reach (the cap), or can be. */
export function olderLines(state: LogsState): OlderLines {
  if (state.loadingOlder) return 'loading'
  if (state.reachedStart) return 'start'
  if (state.entries.length >= maxLogLines) return 'cap'
  return 'more'
}
