/**
 * The composition root (after atproto's PDS `AppContext.fromConfig`): from a checked
 * {@link Config}, each part of a node is built in turn and handed what it needs and a
 * logger of its own — the data directory, the store, the search index and the HTTP API.
 * Nothing here listens yet: `listen()` opens the API, so tests can run a whole node in
 * their own process, and then starts the network (libp2p and Helia, the collective,
 * attachments: a chunk of its own, imported then), which the API's routes that need it
 * wait for ({@link NetworkStart}).
 */

import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { Store } from '@polder/store'
import type { StateCheck } from '@polder/store/integrity'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { createApiServer } from './api/server.js'
import type { Config } from './config.js'
import { loadDemo, loadDemoAttachments } from './demo.js'
import { ConfigError, PortInUseError } from './errors.js'
import { type Home, initHome } from './home.js'
import { type HomeLock, lockHome } from './home-lock.js'
import { apiSettled } from './parts/api-settled.js'
import { holdNetwork, NetworkStart, nextTurn } from './parts/network-start.js'
import { SearchService } from './parts/search.js'
import { openStore } from './parts/store.js'
import { VERSION } from './version.js'

export interface ContextOptions {
  /** Load the fixtures into an empty node. @default false */
  readonly demo?: boolean
  /**
   * The state file's check, begun early (`checkStateFile`, on a worker thread) so that it
   * overlaps loading the node's modules; the store then opens without checking again.
   * @default the store checks the file as it opens it
   */
  readonly stateCheck?: Promise<StateCheck>
  /** Marks of what began before the context (the state check), for {@link AppContext.startedAt}. */
  readonly marks?: Readonly<Record<string, number>>
}

/** The parts of a node, as built. */
type Parts = Pick<AppContext, 'home' | 'store' | 'search' | 'network' | 'api'>

/** Whether an error (or one it was caused by) is a listen on an address in use. */
function addressInUse(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || /EADDRINUSE/.test(error.message))
    return true
  return addressInUse(error.cause, depth + 1)
}

/** Resolves with the outcome of `promise`, never rejecting (a stop waits for a start). */
const settled = (promise: Promise<unknown>): Promise<void> =>
  promise.then(
    () => {},
    () => {},
  )

export class AppContext implements AsyncDisposable {
  readonly config: Config
  readonly logger: Logger
  readonly home: Home
  readonly store: Store
  readonly search: SearchService
  /** The network's start: begun by {@link listen}, once the API listens. */
  readonly network: NetworkStart
  readonly api: FastifyInstance
  /** Milliseconds since the process started at which each part was ready (start-up profile). */
  readonly startedAt: Readonly<Record<string, number>>
  readonly #lock: HomeLock
  readonly #begin: () => void
  readonly #stopNetwork: () => Promise<void>
  #closed = false

  private constructor(
    config: Config,
    logger: Logger,
    lock: HomeLock,
    parts: Parts & {
      begin: () => void
      stopNetwork: () => Promise<void>
    },
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
    this.api = parts.api
    this.#begin = parts.begin
    this.#stopNetwork = parts.stopNetwork
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
      // While the state file is checked on its worker: the search index's own file, which
      // reads nothing of it.
      const searchOpening = SearchService.opening(config.home)
      closers.push(async () => searchOpening.close())
      mark('searchFile')
      const checked = await options.stateCheck
      if (checked?.read === false)
        logger.info(
          { checkedAt: new Date(checked.checkedAt).toISOString() },
          'state file as its clean stop left it, checked whole then: not read again',
        )
      const store = await openStore(
        {
          home: config.home,
          key: home.key,
          stateChecked: checked !== undefined,
          checkedAt: checked?.checkedAt,
        },
        part('store'),
      )
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
      // The network starts once the API listens and has answered what came as it opened
      // (`listen` calls `begin`; a request that needs the network calls it at once): its
      // module is a chunk of its own, imported then, so neither its loading nor its start
      // delays the API.
      const stopping = new AbortController()
      let begin: () => void = () => {}
      let stopStarted: () => Promise<void> = async () => {}
      const starting = new Promise<void>((resolve) => {
        begin = resolve
      }).then(async () => {
        if (config.holdNetwork !== undefined) await holdNetwork(config.holdNetwork, stopping.signal)
        // the search index's columns, which its open left unread so that the API answers sooner
        // (a search or a write before this reads them itself)
        if (!stopping.signal.aborted && search.loadColumns()) mark('searchColumns')
        const { startNetworkParts } = await import('./parts/network-parts.js')
        mark('networkLoaded')
        await nextTurn()
        const parts = await startNetworkParts(config, {
          key: home.key,
          store,
          part,
          mark,
          signal: stopping.signal,
          prepare:
            options.demo === true
              ? async (files) => {
                  const added = await loadDemoAttachments(files)
                  logger.info({ attachments: added }, 'loaded the demo attachments')
                }
              : undefined,
        })
        stopStarted = parts.stop
        return parts
      })
      const network = new NetworkStart(starting, () => begin())
      const stopNetwork = async () => {
        stopping.abort()
        begin() // a start never begun ends at its first step, aborted
        await settled(network.started)
        await stopStarted()
      }
      closers.push(stopNetwork)
      const api = await createApiServer({
        logger,
        version: VERSION,
        token: home.token,
        peerId: peerIdFromPrivateKey(home.key.privateKey).toString(),
        store,
        network,
        search,
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
        { home, store, search, network, api, begin, stopNetwork },
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
    // the network's chunk holds the thread while it loads: what came as the API opened first
    const settled = apiSettled(this.api.server)
    // the CLI's client commands read it to find this node, whatever port it took
    await this.#lock.setApi(this.url)
    void settled.then(this.#begin)
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
    await this.#stopNetwork()
    await this.search.close()
    await this.store.stop()
    await this.#lock.release()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }
}
