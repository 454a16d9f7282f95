/**
 * Downloads in open formats: links for what a URL alone gives (CSV and feeds of a search),
 * and a fetch with an `Accept` header for a record's other forms (JSON-LD, Turtle, BibTeX,
 * RIS), saved under a file name.
 */

export interface DownloadFormat {
  readonly label: string
  readonly accept: string
  readonly extension: string
}

/** The forms of a record the node negotiates by Accept (see docs/formats.md). */
export const RECORD_DOWNLOADS: readonly DownloadFormat[] = [
  { label: 'JSON-LD', accept: 'application/ld+json', extension: 'jsonld' },
  { label: 'Turtle', accept: 'text/turtle', extension: 'ttl' },
  { label: 'BibTeX', accept: 'application/x-bibtex', extension: 'bib' },
  { label: 'RIS', accept: 'application/x-research-info-systems', extension: 'ris' },
]

/** Links of a search (its `GET /v1/search` query string) as CSV and as an Atom feed. */
export function searchDownloads(query: string): { label: string; href: string }[] {
  const suffix = query === '' ? '' : `?${query}`
  return [
    { label: 'CSV', href: `/v1/export.csv${suffix}` },
    { label: 'Atom', href: `/v1/feed.atom${suffix}` },
  ]
}

/** Fetches a record in a format and saves it as a file. */
export async function downloadRecord(
  path: string,
  format: DownloadFormat,
  name: string,
): Promise<void> {
  const response = await fetch(path, { headers: { accept: format.accept } })
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`)
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = `${name}.${format.extension}`
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export interface CslItem {
  readonly title?: string
  readonly author?: readonly { family?: string; given?: string; literal?: string }[]
  readonly issued?: { readonly 'date-parts'?: readonly (readonly number[])[] }
  readonly publisher?: string
  readonly version?: string
  readonly URL?: string
  readonly DOI?: string
}

/** "Bosch, M., & Wijnands, J. (2023). Title (version 2). TU Delft. https://doi.org/…" */
export function citationText(item: CslItem): string {
  const names = (item.author ?? []).map(
    (a) =>
      a.literal ??
      [a.family, a.given === undefined ? undefined : `${a.given.charAt(0)}.`]
        .filter(Boolean)
        .join(', '),
  )
  const authors =
    names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')}, & ${names.at(-1)}`
  const year = item.issued?.['date-parts']?.[0]?.[0]
  const version = item.version === undefined ? '' : ` (version ${item.version})`
  const link = item.DOI === undefined ? item.URL : `https://doi.org/${item.DOI}`
  const parts = [`${authors} (${year ?? 'n.d.'}).`, `${item.title ?? ''}${version}.`]
  if (item.publisher !== undefined && item.publisher !== '') parts.push(`${item.publisher}.`)
  if (link !== undefined) parts.push(link)
  return parts.join(' ').trim()
}
