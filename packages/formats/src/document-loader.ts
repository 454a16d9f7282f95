/**
 * The JSON-LD processor never goes to the network: the only remote document it may load
 * is Polder's own context (at `/v1/context.jsonld` of any node), served from memory.
 */
import { PATHS } from './constants.js'
import { LINKED_DATA_CONTEXT } from './context.js'
import { LinkedDataError } from './errors.js'

export interface RemoteDocument {
  readonly contextUrl: null
  readonly documentUrl: string
  readonly document: unknown
}

export async function offlineLoader(url: string): Promise<RemoteDocument> {
  if (url.endsWith(PATHS.context)) {
    return { contextUrl: null, documentUrl: url, document: { '@context': LINKED_DATA_CONTEXT } }
  }
  throw new LinkedDataError(`Remote JSON-LD contexts are not loaded: ${url}`)
}
