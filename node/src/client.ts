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

export async function connectToNode(home: string): Promise<NodeClient> {
  const config = buildConfig(home, ...(await readRawConfig(home)))
  const host = config.api.host.includes(':') ? `[${config.api.host}]` : config.api.host
  const url = `http://${host}:${config.api.port}`
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
