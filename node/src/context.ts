/**
 * The composition root (after atproto's PDS `AppContext.fromConfig`): from a checked
 * {@link Config}, each part of a node is built in turn and handed what it needs and a
 * logger of its own — the data directory, the store, the search index, the network, the
 * collective (sync), attachments and the HTTP API. Nothing here listens yet: `listen()`
 * opens the API, so tests can run a whole node in their own process.
 */
import type { Attachments } from '@polder/attachments'
import type { Network } from '@polder/net'
import type { Store } from '@polder/store'
import type { Collective } from '@polder/sync'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { createApiServer } from './api/server.js'
import type { Config } from './config.js'
import { loadDemo, loadDemoAttachments } from './demo.js'
import { ConfigError, PortInUseError } from './errors.js'
import { type Home, initHome } from './home.js'
import { type HomeLock, lockHome } from './home-lock.js'
import { startAttachments } from './parts/attachments.js'
import { startNetwork } from './parts/network.js'
import { SearchService } from './parts/search.js'
import { openStore } from './parts/store.js'
import { startSync } from './parts/sync.js'
import { VERSION } from './version.js'

export interface ContextOptions {
  /** Load the fixtures into an empty node. @default false */
  readonly demo?: boolean
  /**
   * The state file's check, begun early (`checkStateFile`, on a worker thread) so that it
   * overlaps loading the node's modules; the store then opens without checking again.
   * @default the store checks the file as it opens it
   */
  readonly stateCheck?: Promise<void>
  /** Marks of what began before the context (the state check), for {@link AppContext.startedAt}. */
  readonly marks?: Readonly<Record<string, number>>
}

/** The parts of a node, as built. */
type Parts = Pick<
  AppContext,
  'home' | 'store' | 'search' | 'network' | 'collective' | 'attachments' | 'api'
>

/** Whether an error (or one it was caused by) is a listen on an address in use. */
function addressInUse(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || /EADDRINUSE/.test(error.message))
    return true
  return addressInUse(error.cause, depth + 1)
}

export class AppContext implements AsyncDisposable {
  readonly config: Config
  readonly logger: Logger
  readonly home: Home
  readonly store: Store
  readonly search: SearchService
  readonly network: Network
  readonly collective: Collective
  readonly attachments: Attachments
  readonly api: FastifyInstance
  /** Milliseconds since the process started at which each part was ready (start-up profile). */
  readonly startedAt: Readonly<Record<string, number>>
  readonly #lock: HomeLock
  #closed = false

  private constructor(
    config: Config,
    logger: Logger,
    lock: HomeLock,
    parts: Parts,
    startedAt: Record<string, number>,
  ) {
    this.config = config
    this.startedAt = startedAt
    this.logger = logger
    this.#lock = lock
    this.home = parts.home
    this.store = parts.store
    this.search = parts.search
    this.network = parts.network
    this.collective = parts.collective
    this.attachments = parts.attachments
    this.api = parts.api
  }

  /** Builds every part, in order; when one fails, what was built is closed again. */
  static async fromConfig(
    config: Config,
    logger: Logger,
    options: ContextOptions = {},
  ): Promise<AppContext> {
    const closers: (() => Promise<void>)[] = []
    const part = (name: string) => logger.child({ part: name })
    // performance.now() counts from the process's start: where a start's time goes
    const startedAt: Record<string, number> = { context: Math.round(performance.now()) }
    const mark = (name: string) => {
      startedAt[name] = Math.round(performance.now())
    }
    // first of all: a second node on the same home must not touch the first one's files
    const lock = await lockHome(config.home)
    closers.push(() => lock.release())
    try {
      const home = await initHome(config.home)
      if (home.created.length > 0)
        logger.info({ home: config.home, created: home.created }, 'initialised the data directory')
      // While the state file is checked on its worker: what reads nothing of it, the search
      // index's own file and the network (its relay asks the store's directory once open).
      const searchOpening = SearchService.opening(config.home)
      closers.push(async () => searchOpening.close())
      mark('searchFile')
      let opened: Store | undefined
      const network = await startNetwork(
        config,
        home.key,
        () => opened?.directory,
        part('network'),
      ).catch((err) => {
        throw addressInUse(err)
          ? new PortInUseError(
              `a libp2p listen address (${config.listen.join(', ')}) is in use: ` +
                'choose another with --listen or POLDER_LISTEN',
              { cause: err },
            )
          : err
      })
      closers.push(() => network.stop())
      mark('network')
      if (options.stateCheck !== undefined) await options.stateCheck
      const store = await openStore(
        { home: config.home, key: home.key, stateChecked: options.stateCheck !== undefined },
        part('store'),
      )
      opened = store
      closers.push(() => store.stop())
      mark('store')
      // before the demo loads, so its records are indexed as they are written
      const search = searchOpening.follow(store, part('search'))
      closers.push(() => search.close())
      mark('search')
      if (options.demo === true) {
        const written = await loadDemo(store)
        logger.info(
          { records: written },
          written > 0 ? 'loaded the demo records' : 'demo records present',
        )
      }
      const collective = await startSync(config, { store, network, key: home.key }, part('sync'))
      closers.push(() => collective.stop())
      mark('sync')
      const attachments = await startAttachments(
        config,
        { store, network },
        part('attachments'),
        options.demo === true
          ? async (files) => {
              const added = await loadDemoAttachments(files)
              logger.info({ attachments: added }, 'loaded the demo attachments')
            }
          : undefined,
      )
      closers.push(() => attachments.stop())
      mark('attachments')
      const api = await createApiServer({
        logger,
        version: VERSION,
        token: home.token,
        store,
        network,
        collective,
        search,
        attachments,
        guards: { writesPerMinute: config.writesPerMinute, corsOrigins: config.corsOrigins },
        events: {
          maxClients: config.maxEventClients,
          // the live-event buffer takes at most a sixteenth of the memory limit
          ringBytes: Math.min(config.eventBufferBytes, config.memoryLimitBytes / 16),
        },
        viewerRoot: config.viewerRoot,
        publicUrl: config.publicUrl,
        checkResponses: config.checkResponses,
      })
      mark('api')
      Object.assign(startedAt, options.marks)
      return new AppContext(
        config,
        logger,
        lock,
        { home, store, search, network, collective, attachments, api },
        startedAt,
      )
    } catch (err) {
      for (const close of closers.reverse()) await close()
      throw err
    }
  }

  /** Opens the API on the configured address; resolves with its URL. */
  async listen(): Promise<string> {
    const { host, port } = this.config.api
    try {
      await this.api.listen({ host, port })
    } catch (err) {
      if (addressInUse(err))
        throw new PortInUseError(
          `port ${port} of the HTTP API (${host}) is in use: choose another with --api or POLDER_API`,
          { cause: err },
        )
      if ((err as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL')
        throw new ConfigError(`the HTTP API cannot listen on ${host}: no such address here`)
      throw err
    }
    // the CLI's client commands read it to find this node, whatever port it took
    await this.#lock.setApi(this.url)
    return this.url
  }

  /** The URL the API listens on. */
  get url(): string {
    const address = this.api.server.address()
    if (address === null || typeof address === 'string') {
      throw new Error('The API is not listening')
    }
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
    return `http://${host}:${address.port}`
  }

  /** Stops every part, the API first and the store last. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.api.close()
    await this.attachments.stop()
    await this.collective.stop()
    await this.network.stop()
    await this.search.close()
    await this.store.stop()
    await this.#lock.release()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }
}
