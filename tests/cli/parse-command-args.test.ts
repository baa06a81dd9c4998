import { describe, expect, it } from 'vitest'
import { parseCommandArgs } from '../../src/cli/parse-command-args'
import { UsageError } from '../../src/cli/usage-error'

const options = { json: { type: 'boolean' }, priority: { type: 'string' } } as const

describe('parseCommandArgs', () => {
  it('parses the command’s options, the common --db, and positionals', () => {
    expect(
      parseCommandArgs(['add', 'KRK', '--priority', '5', '--db', '/tmp/x.db', '--json'], options)
    ).toEqual({
      values: { priority: '5', db: '/tmp/x.db', json: true },
      positionals: ['add', 'KRK']
    })
    expect(parseCommandArgs([], options)).toEqual({ values: {}, positionals: [] })
  })

  it.each([
    [['--frobnicate'], /--frobnicate/],
    [['--priority'], /--priority/],
    [['--db'], /--db/],
    [['--json=yes'], /--json/]
  ])('turns %j into a one-line usage error', (args, message) => {
    let thrown: unknown
    try {
      parseCommandArgs(args, options)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(UsageError)
    expect((thrown as Error).message).toMatch(message)
    expect((thrown as Error).message).not.toContain('\n')
  })

  it('refuses positionals where a command takes none', () => {
    expect(() => parseCommandArgs(['extra'], options, false)).toThrow(UsageError)
    expect(parseCommandArgs(['--json'], options, false).values).toEqual({ json: true })
  })
})
