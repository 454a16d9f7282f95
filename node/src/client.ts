/**
 * The CLI's way to a running node: its API address (config file, environment) and its
 * token (the data directory), with errors that say what to do next.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildConfig, readEnv } from './config.js'
import { readConfigFile } from './config-file.js'

/** The node could not be reached, or it answered with an error: the CLI prints it and exits 1. */
export class ClientError extends Error {
  override readonly name = 'ClientError'
}

export interface NodeClient {
  readonly url: string
  request<T>(method: string, path: string, body?: unknown): Promise<T>
}

export async function connectToNode(home: string): Promise<NodeClient> {
  const config = buildConfig(home, await readConfigFile(home), readEnv())
  const host = config.api.host.includes(':') ? `[${config.api.host}]` : config.api.host
  const url = `http://${host}:${config.api.port}`
  let token: string | undefined
  try {
    token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
  } catch {
    // reads work without it; writes say what is missing
  }
  return {
    url,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let response: Response
      try {
        response = await fetch(`${url}${path}`, {
          method,
          headers: {
            ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        })
      } catch {
        throw new ClientError(`no node running at ${url}: start one with \`polder start\``)
      }
      const text = await response.text()
      const parsed: unknown = text === '' ? undefined : JSON.parse(text)
      if (!response.ok) {
        const problem = parsed as { title?: string; detail?: string } | undefined
        const detail = problem?.detail === undefined ? '' : ` (${problem.detail})`
        throw new ClientError(
          `${problem?.title ?? `the node answered ${response.status}`}${detail}`,
        )
      }
      return parsed as T
    },
  }
}
