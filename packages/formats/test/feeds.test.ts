import { isTombstone, retractRecord } from '@polder/schema'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { createIris, type FeedInit, writeFeed } from '../src/index.js'
import { fixtureRecords } from './fixtures.js'

const records = fixtureRecords()
  .map(({ record }) => record)
  .sort((a, b) => b.updated.localeCompare(a.updated))
const iris = createIris('https://polder.example.nl')
const init: FeedInit = {
  iris,
  title: 'Polder: heat',
  self: 'https://polder.example.nl/v1/feed.atom?q=hitte',
  link: 'https://polder.example.nl/?q=hitte',
  language: 'nl',
  authorName: (did) => (did.endsWith('W9') ? 'TU Delft' : undefined),
}
const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['entry', 'item', 'link', 'category'].includes(name),
})
const withFiles = records.find((r) => !isTombstone(r) && r.attachments.length > 0)

describe('feeds', () => {
  it('writes Atom 1.0 with the required elements, categories and enclosures', () => {
    const xml = writeFeed(records, init, 'atom')
    expect(XMLValidator.validate(xml)).toBe(true)
    const { feed } = parser.parse(xml)
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom')
    for (const element of ['id', 'title', 'updated']) expect(feed[element]).toBeDefined()
    expect(feed.entry).toHaveLength(records.length)
    for (const entry of feed.entry) {
      for (const element of ['id', 'title', 'updated', 'link'])
        expect(entry[element], element).toBeDefined()
      expect(entry.id).toMatch(/^https:\/\/polder\.example\.nl\/records\/did:key:z/)
    }
    const first = feed.entry[0]
    expect(first.author.name).toBeDefined()
    expect(feed.entry.some((e: { category?: unknown[] }) => (e.category?.length ?? 0) > 1)).toBe(
      true,
    )
    expect(xml).toContain('rel="enclosure"')
    expect(xml).toContain('Slimme') // Dutch titles when asked for nl
  })

  it('writes RSS 2.0 with the required elements and enclosures', () => {
    const xml = writeFeed(records, { ...init, language: 'en' }, 'rss')
    expect(XMLValidator.validate(xml)).toBe(true)
    const { rss } = parser.parse(xml)
    expect(rss['@_version']).toBe('2.0')
    for (const element of ['title', 'link', 'description'])
      expect(rss.channel[element], element).toBeDefined()
    expect(rss.channel.item).toHaveLength(records.length)
    for (const item of rss.channel.item) {
      expect(item.title).toBeDefined()
      expect(item.link[0]).toMatch(/^https:/)
      expect(item.guid['#text'] ?? item.guid).toBe(item.link[0])
    }
    const enclosures = rss.channel.item.filter(
      (i: { enclosure?: unknown }) => i.enclosure !== undefined,
    )
    expect(enclosures.length).toBeGreaterThan(5)
    expect(enclosures[0].enclosure['@_url']).toMatch(/\/v1\/attachments\/baf/)
    expect(Number(enclosures[0].enclosure['@_length'])).toBeGreaterThan(0)
  })

  it('writes JSON Feed 1.1 with authors and every file as an attachment', () => {
    const doc = JSON.parse(writeFeed(records, init, 'json'))
    expect(doc.version).toBe('https://jsonfeed.org/version/1.1')
    expect(doc.title).toBe('Polder: heat')
    expect(doc.language).toBe('nl')
    expect(doc.items).toHaveLength(records.length)
    for (const item of doc.items) {
      expect(item.id).toMatch(/^https:/)
      expect(item.url).toBe(item.id)
      expect(item.author).toBeUndefined()
      expect(item.authors[0].name).toBeDefined()
    }
    const entry = doc.items.find(
      (i: { id: string }) => withFiles !== undefined && i.id === iris.record(withFiles),
    )
    expect(entry.attachments.length).toBe(
      withFiles && !isTombstone(withFiles) ? withFiles.attachments.length : -1,
    )
    expect(entry.attachments[0].mime_type).toBeDefined()
  })

  it('marks retracted records and writes an empty feed', () => {
    const live = records.find((r) => !isTombstone(r) && r.kind === 'lesson')
    if (live === undefined || isTombstone(live) || live.kind !== 'lesson')
      throw new Error('no lesson')
    const xml = writeFeed([retractRecord(live, { nl: 'Fout', en: 'Wrong' })], init, 'atom')
    expect(xml).toContain('[ingetrokken]')
    expect(parser.parse(writeFeed([], init, 'rss')).rss.channel.title).toBe('Polder: heat')
  })
})
