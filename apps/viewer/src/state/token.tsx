/**
 * Writes that the node refuses with 401 ask for the API token in a dialog, then run
 * again with it. `useAuthorized()(write)` wraps any write.
 */
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from 'react'
import { TokenDialog } from '../components/token-dialog'
import { ApiError } from '../lib/api'
import { storeToken } from '../lib/token'

type Authorized = <T>(write: () => Promise<T>) => Promise<T>

const Context = createContext<Authorized | undefined>(undefined)

export function TokenProvider({ children }: { readonly children: ReactNode }) {
  const [asking, setAsking] = useState<{ wrong: boolean } | undefined>()
  const pending = useRef<((token: string | undefined) => void) | undefined>(undefined)

  const ask = useCallback(
    (wrong: boolean) =>
      new Promise<string | undefined>((resolve) => {
        pending.current = resolve
        setAsking({ wrong })
      }),
    [],
  )

  const authorized = useCallback<Authorized>(
    async (write) => {
      let wrong = false
      for (;;) {
        try {
          return await write()
        } catch (error) {
          if (!(error instanceof ApiError) || error.status !== 401) throw error
          const token = await ask(wrong)
          if (token === undefined) throw error
          storeToken(token)
          wrong = true
        }
      }
    },
    [ask],
  )

  const close = (token: string | undefined) => {
    setAsking(undefined)
    pending.current?.(token)
    pending.current = undefined
  }

  return (
    <Context.Provider value={authorized}>
      {children}
      {asking !== undefined && <TokenDialog wrong={asking.wrong} onClose={close} />}
    </Context.Provider>
  )
}

export function useAuthorized(): Authorized {
  const value = useContext(Context)
  if (value === undefined) throw new Error('useAuthorized outside TokenProvider')
  return value
}
