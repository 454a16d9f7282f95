/**
 * The CLI's way to a running node: the contract's typed client (`@polder/api`) at its API
 * address (config file, environment) with its token (the data directory), and errors that
 * say what to do next.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type ApiClient, type ApiError, createClient, type ProblemDocument } from '@polder/api'
import { buildConfig } from './config.js'
import { readRawConfig } from './env.js'
import { runningNode } from './home-lock.js'

/** The node could not be reached, or it answered with an error: the CLI prints it and exits 1. */
export class ClientError extends Error {
  override readonly name = 'ClientError'
}

export interface NodeClient {
  readonly url: string
  /** The node's API token, when the data directory has one (writes need it). */
  readonly token: string | undefined
  readonly api: ApiClient
}

/**
 * The node's URL: `--api` when given, else the address the node running on `home` wrote
 * into its lock (whatever port it was started on), else the configured address.
 */
async function nodeUrl(home: string, apiFlag: string | undefined): Promise<string> {
  if (apiFlag === undefined) {
    const running = await runningNode(home)
    if (running?.api !== undefined) return running.api
  }
  const config = buildConfig(
    home,
    ...(await readRawConfig(home, apiFlag === undefined ? {} : { POLDER_API: apiFlag })),
  )
  const host = config.api.host.includes(':') ? `[${config.api.host}]` : config.api.host
  return `http://${host}:${config.api.port}`
}

/** The client of the node of `home`, or at `apiFlag` (`--api host:port`). */
export async function connectToNode(home: string, apiFlag?: string): Promise<NodeClient> {
  const url = await nodeUrl(home, apiFlag)
  let token: string | undefined
  try {
    token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
  } catch {
    // reads work without it; writes say what is missing
  }
  const api = createClient({
    baseUrl: url,
    token,
    fetch: async (input, init) => {
      try {
        return await fetch(input, init)
      } catch {
        throw new ClientError(`no node running at ${url}: start one with \`polder start\``)
      }
    },
  })
  return { url, token, api }
}

/** The command failed and has said so already: the CLI exits 1 without another word. */
export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError'
}

export interface ProblemLinesOptions {
  /** The language of the messages. @default 'en' */
  readonly lang?: 'nl' | 'en'
  /** The request was a list of records: a path's first step is the record's index. */
  readonly bulk?: boolean
  /** Index of the request's first record in the whole list (a bulk sent in slices). */
  readonly offset?: number
}

/** Every problem of a problem document, one line each: "record 3: /title/nl: …". */
export function problemLines(
  problem: ProblemDocument,
  options: ProblemLinesOptions = {},
): string[] {
  return (problem.problems ?? []).map((p) => {
    const message = p.message[options.lang ?? 'en']
    // a request's problems point into its body: /body/3/title is record 3's title
    const path = p.path.startsWith('/body') ? p.path.slice('/body'.length) : p.path
    const step = options.bulk === true ? /^\/(\d+)(.*)$/.exec(path) : null
    if (step === null) return `${path || '(record)'}: ${message}`
    const index = Number(step[1]) + (options.offset ?? 0)
    return `record ${index}: ${step[2] || '(record)'}: ${message}`
  })
}

/**
 * Reports a refusal of the node: with `--json` its problem document on stdout, else its
 * title and every problem on stderr; then fails the command (exit 1).
 */
export function reportRefusal(
  error: ApiError,
  options: ProblemLinesOptions & { readonly json?: boolean; readonly after?: string },
): never {
  if (options.json === true) {
    process.stdout.write(`${JSON.stringify(error.problem ?? error.body, null, 2)}\n`)
  } else {
    const lines = error.problem === undefined ? [] : problemLines(error.problem, options)
    // the title is constant per type (RFC 9457): the particulars, when given, say more
    const text = [
      `polder: ${error.problem?.detail ?? error.problem?.title ?? error.message}`,
      ...lines.map((line) => `  ${line}`),
      ...(options.after === undefined ? [] : [options.after]),
    ]
    process.stderr.write(`${text.join('\n')}\n`)
  }
  throw new CommandFailedError(error.message)
}
