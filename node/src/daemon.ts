/**
 * The daemon: the store, the network and the HTTP API, started in that order and
 * stopped in reverse.
 */
import { Attachments } from '@polder/attachments'
import { createNetwork, type Network } from '@polder/net'
import { Store } from '@polder/store'
import { Collective } from '@polder/sync'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { createApiServer } from './api/server.js'
import type { Config } from './config.js'
import { loadDemo } from './demo.js'
import { initHome } from './home.js'
import { type MemoryWatch, watchMemory } from './memory-watch.js'
import { SearchService } from './search.js'
import { VERSION } from './version.js'

export interface DaemonOptions {
  /** Load the fixtures into an empty node. @default false */
  readonly demo?: boolean
}

export class Daemon implements AsyncDisposable {
  readonly config: Config
  readonly logger: Logger
  readonly #options: DaemonOptions
  #store: Store | undefined
  #search: SearchService | undefined
  #network: Network | undefined
  #collective: Collective | undefined
  #attachments: Attachments | undefined
  #api: FastifyInstance | undefined
  #memory: MemoryWatch | undefined

  constructor(config: Config, logger: Logger, options: DaemonOptions = {}) {
    this.config = config
    this.logger = logger
    this.#options = options
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
    const { config, logger } = this
    try {
      const home = await initHome(config.home)
      if (home.created.length > 0)
        logger.info({ home: config.home, created: home.created }, 'initialised the data directory')
      this.#store = await Store.open({ home: config.home, key: home.key })
      this.#store.addEventListener('entry:rejected', ({ detail }) =>
        logger.warn(
          { log: detail.log, entry: detail.entry, reason: detail.reason },
          'refused a log entry',
        ),
      )
      // Before the demo loads, so its records are indexed as they are written.
      this.#search = SearchService.open(this.#store, config.home, logger)
      if (this.#options.demo === true) {
        const written = await loadDemo(this.#store)
        logger.info(
          { records: written },
          written > 0 ? 'loaded the demo records' : 'demo records present',
        )
      }
      this.#network = await createNetwork({
        home: config.home,
        privateKey: home.key.privateKey,
        listen: config.listen,
        bootstrap: config.bootstrap,
        collective: config.collective,
        mdns: config.mdns,
        denyPeers: config.denyPeers,
        // peers on this host (tests, a demo) are not the Sybils the colocation penalty is for
        colocationWhitelist: ['127.0.0.1', '::1'],
      })
      this.#collective = new Collective({
        store: this.#store,
        libp2p: this.#network.libp2p,
        collective: config.collective,
        trust: config.trust,
        trustVouches: config.trustVouches,
        repairIntervalMs: config.syncIntervalMs,
        announceIntervalMs: config.announceIntervalMs,
        discoveryIntervalMs: config.announceIntervalMs,
        targetPeers: config.targetPeers,
        dropHeadsMessages: config.dropHeadsMessages,
      })
      const { replicator } = this.#collective
      replicator.addEventListener('peer:offence', ({ detail }) =>
        logger.warn(detail, 'a peer sent data that was refused'),
      )
      // a block never asked for is wrong data (a wrong block for a wanted CID hashes to
      // another CID): an offence like refused log entries, three and the peer is cut off
      this.#network.blocks.addEventListener('block:unasked', ({ detail }) =>
        replicator.reportOffence(detail.sender, `sent a block it was not asked for: ${detail.cid}`),
      )
      replicator.addEventListener('sync:complete', ({ detail }) =>
        logger.debug(detail, 'replicated'),
      )
      await this.#collective.start()
      this.#attachments = new Attachments({
        network: this.#network,
        store: this.#store,
        maxBytes: config.maxAttachmentBytes,
        pinBudget: config.pinBudgetBytes,
        findTimeoutMs: config.fetchTimeoutMs,
        blockTimeoutMs: config.fetchTimeoutMs,
      })
      this.#attachments.addEventListener('attachment:failed', ({ detail }) =>
        logger.warn(detail, 'could not fetch an attachment to pin'),
      )
      this.#attachments.addEventListener('attachment:pinned', ({ detail }) =>
        logger.info(detail, 'pinned an attachment'),
      )
      this.#attachments.start()
      this.#api = await createApiServer({
        logger,
        version: VERSION,
        token: home.token,
        store: this.#store,
        network: this.#network,
        collective: this.#collective,
        search: this.#search,
        attachments: this.#attachments,
        guards: { writesPerMinute: config.writesPerMinute, corsOrigins: config.corsOrigins },
        events: {
          maxClients: config.maxEventClients,
          ringBytes: Math.min(config.eventBufferBytes, config.memoryLimitBytes / 16),
        },
      })
      await this.#api.listen({ host: config.api.host, port: config.api.port })
      this.#memory = watchMemory({ limitBytes: config.memoryLimitBytes, logger })
    } catch (err) {
      await this.stop()
      throw err
    }
    logger.info(
      {
        url: this.url,
        did: this.#store?.did,
        peerId: this.#network?.libp2p.peerId.toString(),
        listen: this.#network?.libp2p.getMultiaddrs().map(String),
        home: config.home,
      },
      'Polder node started',
    )
  }

  async stop(): Promise<void> {
    this.#memory?.stop()
    this.#memory = undefined
    const api = this.#api
    const network = this.#network
    const collective = this.#collective
    const attachments = this.#attachments
    const store = this.#store
    const search = this.#search
    this.#api = undefined
    this.#search = undefined
    this.#collective = undefined
    this.#attachments = undefined
    this.#network = undefined
    this.#store = undefined
    await api?.close()
    await attachments?.stop()
    await collective?.stop()
    await network?.stop()
    await search?.close()
    await store?.stop()
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
    this.logger.info('stopped')
  }
}
