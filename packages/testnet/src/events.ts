/**
 * A client of a node's server-sent events, for tests and benchmarks: each event's data is
 * checked against the API contract (`EVENT_SCHEMAS`) and typed by it.
 */
import { EVENT_SCHEMAS, type EventData, type EventName, pathOf, ROUTES } from '@polder/api'

/** One event as it arrived, its data typed by its name. */
export type NodeEvent = {
  readonly [E in EventName]: {
    readonly event: E
    readonly data: EventData<E>
    /** When it arrived here (`Date.now()`). */
    readonly receivedAt: number
  }
}[EventName]

export interface EventSubscription {
  /** Resolves once the stream is open: events from then on are seen. */
  readonly ready: Promise<void>
  /** Events the contract does not allow (unknown names, data of the wrong shape). */
  readonly invalid: readonly string[]
  close(): void
}

const isEventName = (name: string): name is EventName => Object.hasOwn(EVENT_SCHEMAS, name)

/** Listens to `GET /v1/events` of the node at `url`, calling `onEvent` for each event. */
export function subscribeEvents(
  url: string,
  onEvent: (event: NodeEvent) => void,
): EventSubscription {
  const controller = new AbortController()
  const invalid: string[] = []
  let opened: () => void = () => undefined
  let failed: (err: Error) => void = () => undefined
  const ready = new Promise<void>((resolve, reject) => {
    opened = resolve
    failed = reject
  })
  const received = (event: string, json: string) => {
    const data: unknown = JSON.parse(json)
    const checked = isEventName(event) ? EVENT_SCHEMAS[event].safeParse(data) : undefined
    if (checked === undefined || !checked.success) {
      invalid.push(`${event}: ${json}`)
      return
    }
    onEvent({ event, data: checked.data, receivedAt: Date.now() } as NodeEvent)
  }
  void (async () => {
    try {
      const response = await fetch(`${url}${pathOf(ROUTES.getEvents)}`, {
        signal: controller.signal,
      })
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
          if (event !== undefined && data !== undefined) received(event, data)
        }
      }
    } catch (err) {
      failed(err as Error)
    }
  })()
  return { ready, invalid, close: () => controller.abort() }
}
