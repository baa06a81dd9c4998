/** A CLI command: takes its own arguments, resolves with the process exit code. */
export type CommandRunner = (args: string[]) => Promise<number>
