/** A client of a node's server-sent events, for tests and benchmarks. */

export interface NodeEvent {
  readonly event: string
  readonly data: unknown
  /** When it arrived here (`Date.now()`). */
  readonly receivedAt: number
}

export interface EventSubscription {
  /** Resolves once the stream is open: events from then on are seen. */
  readonly ready: Promise<void>
  close(): void
}

/** Listens to `GET /v1/events` of the node at `url`, calling `onEvent` for each event. */
export function subscribeEvents(
  url: string,
  onEvent: (event: NodeEvent) => void,
): EventSubscription {
  const controller = new AbortController()
  let opened: () => void = () => undefined
  let failed: (err: Error) => void = () => undefined
  const ready = new Promise<void>((resolve, reject) => {
    opened = resolve
    failed = reject
  })
  void (async () => {
    try {
      const response = await fetch(`${url}/v1/events`, { signal: controller.signal })
      if (!response.ok || response.body === null)
        throw new Error(`events answered ${response.status}`)
      opened()
      const decoder = new TextDecoder()
      let buffer = ''
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          end = buffer.indexOf('\n\n')
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (event !== undefined && data !== undefined) {
            onEvent({ event, data: JSON.parse(data), receivedAt: Date.now() })
          }
        }
      }
    } catch (err) {
      failed(err as Error)
    }
  })()
  return { ready, close: () => controller.abort() }
}
