/**
 * The daemon: a node's {@link AppContext} built from its config, its API listening, until
 * it is stopped (SIGINT/SIGTERM in the CLI). It logs "API listening" once the API serves,
 * and "Polder node started" once the network has started too; a network that cannot start
 * (a listen address in use) stops the node, and `run` rejects with the reason.
 */
import type { Logger } from 'pino'
import type { Config } from './config.js'
import { AppContext, type ContextOptions } from './context.js'
import { type MemoryTrim, watchQuiet } from './memory-trim.js'
import { type MemoryWatch, watchMemory } from './memory-watch.js'

export type DaemonOptions = ContextOptions

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

export class Daemon implements AsyncDisposable {
  readonly config: Config
  readonly logger: Logger
  readonly #options: DaemonOptions
  #context: AppContext | undefined
  #memory: MemoryWatch | undefined
  #trim: MemoryTrim | undefined

  constructor(config: Config, logger: Logger, options: DaemonOptions = {}) {
    this.config = config
    this.logger = logger
    this.#options = options
  }

  /** The URL the API listens on, once started. */
  get url(): string {
    if (this.#context === undefined) throw new Error('The daemon is not started')
    return this.#context.url
  }

  /** The running node's parts, once started. */
  get context(): AppContext | undefined {
    return this.#context
  }

  /**
   * Resolves once the API listens; the network starts after it ({@link networkStarted}).
   */
  async start(): Promise<void> {
    const context = await AppContext.fromConfig(this.config, this.logger, this.#options)
    this.#context = context
    try {
      await context.listen()
      this.#memory = watchMemory({ limitBytes: this.config.memoryLimitBytes, logger: this.logger })
      this.#trim = watchQuiet({ logger: this.logger })
    } catch (err) {
      await this.stop()
      throw err
    }
    const listening = Math.round(performance.now())
    this.logger.info(
      {
        url: context.url,
        did: context.store.did,
        home: this.config.home,
        startedAt: { ...context.startedAt, listening },
        // CPU time of every thread so far (the state check's worker too): the start's cost
        cpuMs: Math.round(cpuMs()),
      },
      'API listening',
    )
    context.network.onStarted(({ network }) =>
      this.logger.info(
        {
          url: context.url,
          did: context.store.did,
          peerId: network.libp2p.peerId.toString(),
          listen: network.libp2p.getMultiaddrs().map(String),
          home: this.config.home,
          startedAt: {
            ...context.startedAt,
            listening,
            networkStarted: Math.round(performance.now()),
          },
        },
        'Polder node started',
      ),
    )
  }

  /** Resolves once the network has started; rejects with the reason it could not. */
  async networkStarted(): Promise<void> {
    if (this.#context === undefined) throw new Error('The daemon is not started')
    await this.#context.network.started
  }

  async stop(): Promise<void> {
    const context = this.#context
    this.#context = undefined
    this.#memory?.stop()
    this.#memory = undefined
    this.#trim?.stop()
    this.#trim = undefined
    await context?.close()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }

  /** Runs until the signal aborts (SIGINT/SIGTERM in the CLI), then stops cleanly. */
  async run(options: { signal: AbortSignal }): Promise<void> {
    await this.start()
    try {
      if (!options.signal.aborted) {
        // a network that cannot start ends the node as a part failing at start did: never
        // a node left serving half-started without saying so
        await Promise.race([
          new Promise<void>((resolve) =>
            options.signal.addEventListener('abort', () => resolve(), { once: true }),
          ),
          this.networkStarted().then(() => new Promise<never>(() => {})),
        ])
      }
    } catch (err) {
      this.logger.info('stopping: the network could not start')
      await this.stop()
      throw err
    }
    this.logger.info('stopping')
    await this.stop()
    this.logger.info('stopped')
  }
}
