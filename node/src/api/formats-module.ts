/**
 * `@polder/formats` (with jsonld, n3, citation-js, csv and XML libraries: about 34 MB of
 * memory) loads on the first request that needs it, not when the node starts.
 */
export type Formats = typeof import('@polder/formats')

let loading: Promise<Formats> | undefined

export function loadFormats(): Promise<Formats> {
  loading ??= import('@polder/formats')
  return loading
}
