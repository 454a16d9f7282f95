/**
 * A node started without `DEBUG` gives libp2p loggers that never print, so that the
 * loggers libp2p makes for every connection and stream do not ask whether stderr is a
 * terminal (`weald`'s `tty.isatty`, four system calls each) for output nobody sees.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import tty from 'node:tty'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { networkLogger, quietLogger } from '../src/quiet-logger.js'
import { localNetwork } from './local-network.js'

describe('the network logger', () => {
  it('is quiet unless DEBUG asks for a log', () => {
    expect(networkLogger(undefined)).toBe(quietLogger)
    expect(networkLogger(' ')).toBe(quietLogger)
    expect(networkLogger('polder:replicator*')).toBeUndefined()
    const log = quietLogger.forComponent('libp2p:test').newScope('stream')
    expect(log.enabled).toBe(false)
    expect(() => log.error('nothing %s', 'printed')).not.toThrow()
  })

  describe('in a node started without DEBUG', () => {
    let root: string
    let nodes: Network[] = []
    let debug: string | undefined
    const isatty = tty.isatty
    let probes = 0

    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'polder-quiet-logger-'))
      debug = process.env.DEBUG
      delete process.env.DEBUG
      probes = 0
      tty.isatty = (fd: number) => {
        probes++
        return isatty(fd)
      }
    })

    afterEach(async () => {
      tty.isatty = isatty
      if (debug !== undefined) process.env.DEBUG = debug
      await Promise.all(nodes.map((node) => node.stop()))
      nodes = []
      await rm(root, { recursive: true, force: true })
    })

    it('connects and opens streams without probing the terminal', async () => {
      nodes = [await localNetwork(root, 'a'), await localNetwork(root, 'b')]
      const [a, b] = nodes as [Network, Network]
      probes = 0
      await a.libp2p.dial(b.libp2p.getMultiaddrs())
      for (let i = 0; i < 3; i++) await a.libp2p.services.ping.ping(b.libp2p.peerId)
      expect(probes).toBe(0)
    })
  })
})
