/**
 * When the network's start may begin after the API opens. Loading the network's chunk holds
 * the thread for 80-150 ms (compiling and evaluating ~1 MB of libp2p, gossipsub, kad-dht:
 * one block, no I/O turn in it), so a request that comes as the API opens (a supervisor or
 * a client waiting for the restart) waited for it. The network begins instead once what
 * came as the API opened has been answered: no request in flight, no connection still
 * waiting to send its first one, and either one answered or a short grace passed; at most
 * `maxMs` after listening, so a client that connects and sends nothing, or holds a live
 * event stream open, cannot hold it longer. A request that needs the network begins it at
 * once (`NetworkStart`'s demand), and `/v1/status` says `starting` until it is up.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

/** The grace after listening when nothing comes, ms. */
export const SETTLE_GRACE_MS = 20
/** The longest the network waits for the API to settle, ms. */
export const SETTLE_MAX_MS = 250

export interface SettleOptions {
  /** @default SETTLE_GRACE_MS */
  readonly graceMs?: number
  /** @default SETTLE_MAX_MS */
  readonly maxMs?: number
}

/** Resolves once `server` (listening) has answered what came as it opened; see above. */
export function apiSettled(server: Server, options: SettleOptions = {}): Promise<void> {
  const { graceMs = SETTLE_GRACE_MS, maxMs = SETTLE_MAX_MS } = options
  return new Promise((resolve) => {
    const waiting = new Set<Socket>() // connected, first request not yet parsed
    let inFlight = 0
    let answered = false
    let graceOver = false
    let over = false
    const done = () => {
      if (over) return
      over = true
      clearTimeout(grace)
      clearTimeout(max)
      server.off('connection', onConnection)
      server.off('request', onRequest)
      server.off('close', done)
      for (const socket of waiting) socket.off('close', onSocketClose)
      resolve()
    }
    const check = () => {
      if (inFlight === 0 && waiting.size === 0 && (answered || graceOver))
        // after the turn that wrote the answer, so that it leaves before the thread is held
        setImmediate(done)
    }
    const onSocketClose = function (this: Socket) {
      waiting.delete(this)
      answered = true // it came and went without asking
      check()
    }
    const onConnection = (socket: Socket) => {
      waiting.add(socket)
      socket.once('close', onSocketClose)
    }
    const onRequest = (request: IncomingMessage, response: ServerResponse) => {
      if (waiting.delete(request.socket)) request.socket.off('close', onSocketClose)
      inFlight++
      response.once('close', () => {
        inFlight--
        answered = true
        check()
      })
    }
    const grace = setTimeout(() => {
      graceOver = true
      check()
    }, graceMs)
    const max = setTimeout(done, maxMs)
    grace.unref()
    max.unref()
    server.on('connection', onConnection)
    server.on('request', onRequest)
    server.once('close', done)
  })
}
