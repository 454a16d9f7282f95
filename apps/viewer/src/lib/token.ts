/**
 * The node's API token reaches the viewer in the address fragment (`polder open` opens
 * `<api>/#token=…`): taken from there once, kept in localStorage, and removed from the
 * address bar so it is neither bookmarked nor shown.
 */

/** The token in a fragment such as `#token=abc&x=1`, and the fragment without it. */
export function takeToken(hash: string): { token: string | undefined; rest: string } {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const token = params.get('token')?.trim()
  if (token === undefined || token === '') return { token: undefined, rest: hash }
  params.delete('token')
  const rest = params.toString()
  return { token, rest: rest === '' ? '' : `#${rest}` }
}

const KEY = 'polder.token'

export function storedToken(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined
  } catch {
    return undefined // storage disabled: writes will ask for the token
  }
}

export function storeToken(token: string | undefined): void {
  try {
    if (token === undefined) localStorage.removeItem(KEY)
    else localStorage.setItem(KEY, token)
  } catch {
    // storage disabled: the token lives only as long as the page
  }
  memory = token
}

let memory: string | undefined

/** The token to send: the one stored, or the one given in this page's life. */
export const currentToken = (): string | undefined => storedToken() ?? memory

/** On load: moves a token from the address bar into storage. */
export function captureTokenFromLocation(): void {
  const { token, rest } = takeToken(window.location.hash)
  if (token === undefined) return
  storeToken(token)
  const { pathname, search } = window.location
  window.history.replaceState(window.history.state, '', `${pathname}${search}${rest}`)
}
