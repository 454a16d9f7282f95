/**
 * What every CLI command that talks to the running node shares: `--home` and `--json`,
 * the way to the node, and printing either JSON or words.
 */
import type { Command } from 'commander'
import { connectToNode, type NodeClient } from './client.js'

export interface NodeCommandOptions {
  home?: string
  json?: boolean
  /** `--api host:port`: the node to talk to, whatever the data directory says. */
  api?: string
}

/** Prints `value` as JSON with `--json`, else the human text. */
export function print(options: NodeCommandOptions, value: unknown, human: () => string): void {
  process.stdout.write(
    options.json === true ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`,
  )
}

export interface NodeCommands {
  /** A subcommand with `--home`, `--api` and `--json`. */
  command(name: string, description: string): Command
  /** The running node of the command's data directory. */
  client(options: NodeCommandOptions): Promise<NodeClient>
}

export function nodeCommands(
  program: Command,
  homeOf: (options: NodeCommandOptions) => string,
  homeFlag: readonly [string, string],
): NodeCommands {
  return {
    command: (name, description) =>
      program
        .command(name)
        .description(description)
        .option(...homeFlag)
        .option(
          '--api <host:port>',
          'the node to talk to (default: the node running on --home, else POLDER_API)',
        )
        .option('--json', 'print JSON'),
    client: (options) => connectToNode(homeOf(options), options.api),
  }
}
