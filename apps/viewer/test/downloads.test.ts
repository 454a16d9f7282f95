import { describe, expect, it } from 'vitest'
import { citationText, RECORD_DOWNLOADS, searchDownloads } from '../src/lib/downloads'

describe('downloads', () => {
  it('links a search to its CSV and Atom feed with the same query', () => {
    expect(searchDownloads('q=hitte&theme=mobility')).toEqual([
      { label: 'CSV', href: '/v1/export.csv?q=hitte&theme=mobility' },
      { label: 'Atom', href: '/v1/feed.atom?q=hitte&theme=mobility' },
    ])
    expect(searchDownloads('')[0]?.href).toBe('/v1/export.csv')
  })

  it('offers a record as JSON-LD, Turtle, BibTeX and RIS', () => {
    expect(RECORD_DOWNLOADS.map((f) => f.label)).toEqual(['JSON-LD', 'Turtle', 'BibTeX', 'RIS'])
  })

  it('writes a citation with authors, year, version, publisher and DOI link', () => {
    expect(
      citationText({
        title: 'Bicycle measurements',
        author: [
          { family: 'Bosch', given: 'Marleen' },
          { family: 'Wijnands', given: 'Jeroen' },
        ],
        issued: { 'date-parts': [[2023, 3, 30]] },
        version: '2',
        publisher: 'TU Delft',
        DOI: '10.5555/x',
      }),
    ).toBe(
      'Bosch, M., & Wijnands, J. (2023). Bicycle measurements (version 2). TU Delft. https://doi.org/10.5555/x',
    )
    expect(
      citationText({
        title: 'T',
        author: [{ literal: 'Gemeente Zwolle' }],
        URL: 'https://x.example/records/a',
      }),
    ).toBe('Gemeente Zwolle (n.d.). T. https://x.example/records/a')
  })
})
