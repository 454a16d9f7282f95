/**
 * Live updates from the node (`GET /v1/events`, server-sent events): records added,
 * updated and retracted invalidate what shows them; sync progress is kept per
 * organisation. The browser's EventSource reconnects by itself after a break.
 */

import { ROUTES } from '@polder/api'
import { useQueryClient } from '@tanstack/react-query'
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react'
import { eventData } from '../lib/api'
import type { RecordEvent } from '../lib/types'

export type ActivityKind = 'record:added' | 'record:updated' | 'record:retracted'

export interface Activity {
  readonly kind: ActivityKind
  readonly event: RecordEvent
  readonly at: number
}

export interface SyncProgress {
  readonly total: number
  readonly joined: number
  readonly complete: boolean
}

interface Live {
  readonly connected: boolean
  /** Newest first, a few dozen at most. */
  readonly activity: readonly Activity[]
  readonly progress: ReadonlyMap<string, SyncProgress>
}

const Context = createContext<Live>({ connected: false, activity: [], progress: new Map() })
const KEEP = 30
const RECORD_EVENTS: readonly ActivityKind[] = [
  'record:added',
  'record:updated',
  'record:retracted',
]

export function LiveProvider({ children }: { readonly children: ReactNode }) {
  const client = useQueryClient()
  const [connected, setConnected] = useState(false)
  const [activity, setActivity] = useState<readonly Activity[]>([])
  const [progress, setProgress] = useState<ReadonlyMap<string, SyncProgress>>(new Map())

  useEffect(() => {
    const source = new EventSource(ROUTES.getEvents.path)
    source.onopen = () => setConnected(true)
    source.onerror = () => setConnected(false)
    const onRecord = (kind: ActivityKind) => (message: MessageEvent<string>) => {
      const event = eventData('record:added', message)
      setActivity((list) => [{ kind, event, at: Date.now() }, ...list].slice(0, KEEP))
      void client.invalidateQueries({ queryKey: ['search'] })
      void client.invalidateQueries({ queryKey: ['record', event.ref] })
      void client.invalidateQueries({ queryKey: ['orgs'] })
      void client.invalidateQueries({ queryKey: ['all-records'] })
      void client.invalidateQueries({ queryKey: ['status'] })
    }
    const handlers = RECORD_EVENTS.map((kind) => [kind, onRecord(kind)] as const)
    for (const [kind, handler] of handlers) source.addEventListener(kind, handler)
    const onProgress = (message: MessageEvent<string>) => {
      const { did, total, joined } = eventData('sync:progress', message)
      setProgress((map) => new Map(map).set(did, { total, joined, complete: false }))
    }
    const onComplete = (message: MessageEvent<string>) => {
      const { did } = eventData('sync:complete', message)
      setProgress((map) => {
        const before = map.get(did)
        return new Map(map).set(did, {
          total: before?.total ?? 0,
          joined: before?.total ?? 0,
          complete: true,
        })
      })
      void client.invalidateQueries({ queryKey: ['sync'] })
    }
    const onTrust = () => {
      void client.invalidateQueries({ queryKey: ['orgs'] })
      void client.invalidateQueries({ queryKey: ['search'] })
      void client.invalidateQueries({ queryKey: ['peers'] })
    }
    source.addEventListener('sync:progress', onProgress)
    source.addEventListener('sync:complete', onComplete)
    source.addEventListener('org:blocked', onTrust)
    source.addEventListener('peer:offence', onTrust)
    return () => source.close()
  }, [client])

  const value = useMemo(() => ({ connected, activity, progress }), [connected, activity, progress])
  return <Context.Provider value={value}>{children}</Context.Provider>
}

export const useLive = (): Live => useContext(Context)
