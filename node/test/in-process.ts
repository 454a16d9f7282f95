/**
 * A whole node in the test's own process: its context built from a config (loopback,
 * free ports, every answer checked against the API contract), its API listening, and the
 * contract's client with its token, checking every answer too. Much faster to start than
 * a process; tests of processes (signals, restarts, the CLI's own start) keep those.
 */
import { type ApiClient, createClient } from '@polder/api'
import { buildConfig, type RawConfig } from '../src/config.js'
import { AppContext, type ContextOptions } from '../src/context.js'
import { createLogger } from '../src/logger.js'

export interface InProcessNode extends AsyncDisposable {
  readonly context: AppContext
  readonly url: string
  readonly token: string
  /** The typed client, with the token, validating every answer. */
  readonly api: ApiClient
  /** Everything the node logged. */
  output(): string
  close(): Promise<void>
}

const LOOPBACK: RawConfig = {
  POLDER_API: '127.0.0.1:0',
  POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
  POLDER_PEERS: '0',
  POLDER_CHECK_RESPONSES: 'true',
}

/** A node listening in this process, its network begun but not awaited (it may be held). */
export async function openInProcess(
  home: string,
  options: RawConfig = {},
  context: ContextOptions = {},
): Promise<InProcessNode> {
  const config = buildConfig(home, { ...LOOPBACK, ...options })
  let output = ''
  const logger = createLogger(config.logLevel, {
    write: (line: string) => {
      output += line
    },
  })
  const built = await AppContext.fromConfig(config, logger, context)
  const url = await built.listen()
  const token = built.home.token
  return {
    context: built,
    url,
    token,
    api: createClient({ baseUrl: url, token, validate: true }),
    output: () => output,
    close: () => built.close(),
    [Symbol.asyncDispose]: () => built.close(),
  }
}

export async function startInProcess(
  home: string,
  options: RawConfig = {},
  context: ContextOptions = {},
): Promise<InProcessNode> {
  const node = await openInProcess(home, options, context)
  // as a process's "Polder node started": the network too (it starts after the API listens)
  try {
    await node.context.network.started
  } catch (err) {
    await node.close()
    throw err
  }
  return node
}
