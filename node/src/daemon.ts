/**
 * The daemon: owns the node's long-lived services and stops them in reverse order.
 * Today it serves the HTTP API; the store and the network join it as they are built.
 */
import { mkdir } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { createApiServer } from './api/server.js'
import type { Config } from './config.js'
import { VERSION } from './version.js'

export class Daemon implements AsyncDisposable {
  #api: FastifyInstance | undefined
  readonly config: Config
  readonly logger: Logger

  constructor(config: Config, logger: Logger) {
    this.config = config
    this.logger = logger
  }

  /** The URL the API listens on, once started. */
  get url(): string {
    const address = this.#api?.server.address()
    if (address === null || address === undefined || typeof address === 'string') {
      throw new Error('The daemon is not started')
    }
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
    return `http://${host}:${address.port}`
  }

  async start(): Promise<void> {
    await mkdir(this.config.home, { recursive: true, mode: 0o700 })
    this.#api = await createApiServer({ logger: this.logger, version: VERSION })
    await this.#api.listen({ host: this.config.api.host, port: this.config.api.port })
    this.logger.info({ url: this.url, home: this.config.home }, 'Polder node started')
  }

  async stop(): Promise<void> {
    await this.#api?.close()
    this.#api = undefined
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }

  /** Runs until the signal aborts (SIGINT/SIGTERM in the CLI), then stops cleanly. */
  async run(options: { signal: AbortSignal }): Promise<void> {
    await this.start()
    if (!options.signal.aborted) {
      await new Promise<void>((resolve) =>
        options.signal.addEventListener('abort', () => resolve(), { once: true }),
      )
    }
    this.logger.info('stopping')
    await this.stop()
  }
}
