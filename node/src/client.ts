/**
 * The CLI's way to a running node: the contract's typed client (`@polder/api`) at its API
 * address (config file, environment) with its token (the data directory), and errors that
 * say what to do next.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type ApiClient, type ApiError, createClient } from '@polder/api'
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

/** What the CLI says for an error answer: the problem's title and detail. */
export function clientErrorOf(error: ApiError): ClientError {
  const detail = error.problem?.detail === undefined ? '' : ` (${error.problem.detail})`
  return new ClientError(`${error.problem?.title ?? `the node answered ${error.status}`}${detail}`)
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
