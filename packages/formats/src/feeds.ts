/**
 * Records as feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1 (the `feed` library writes them;
 * the JSON Feed is lifted from its 1.0 output to 1.1 with every attachment). Each entry
 * has the record's IRI as id and link, its summary, author, themes as categories and its
 * files as enclosures.
 */
import { isTombstone, type LangMap, type RecordState, THEMES } from '@polder/schema'
import { Feed, type Item } from 'feed'
import type { Iris } from './iris.js'

export type FeedFormat = 'atom' | 'rss' | 'json'

export const FEED_MEDIA_TYPES: Readonly<Record<FeedFormat, string>> = {
  atom: 'application/atom+xml',
  rss: 'application/rss+xml',
  json: 'application/feed+json',
}

export interface FeedInit {
  readonly iris: Iris
  /** Title of the feed, e.g. the search it answers. */
  readonly title: string
  /** Where the feed itself is (its URL with the query), and the page it is about. */
  readonly self: string
  readonly link: string
  /** Language for titles and summaries: `nl` or `en`; the record's first otherwise. */
  readonly language?: string
  /** Name of an organisation by DID, for authors. */
  readonly authorName: (did: string) => string | undefined
}

const THEME_LABELS = new Map(THEMES.map((theme) => [theme.code, theme.label]))

function pick(map: LangMap | undefined, language: string | undefined): string | undefined {
  if (map === undefined) return undefined
  return (language === undefined ? undefined : map[language]) ?? Object.values(map)[0]
}

function item(state: RecordState, init: FeedInit): Item {
  const link = init.iris.record(state)
  if (isTombstone(state)) {
    return {
      title: `[${init.language === 'nl' ? 'ingetrokken' : 'retracted'}] ${state.id}`,
      id: link,
      link,
      date: new Date(state.updated),
      description: pick(state.reason, init.language),
    }
  }
  const files = state.attachments.map((file) => ({
    url: init.iris.attachment(file.cid),
    type: file.mediaType,
    length: file.size,
    title: file.name,
  }))
  const language = init.language === 'nl' ? 'nl' : 'en'
  return {
    title: pick(state.title, init.language) ?? state.id,
    id: link,
    link,
    date: new Date(state.updated),
    published: new Date(state.created),
    description: pick(state.summary, init.language),
    category: [
      { name: state.kind, term: state.kind },
      ...state.themes.map((code) => ({
        name: THEME_LABELS.get(code)?.[language] ?? code,
        term: code,
        scheme: init.iris.themeScheme(),
        domain: init.iris.themeScheme(),
      })),
    ],
    author: [{ name: init.authorName(state.author) ?? state.author, link: state.author }],
    ...(files[0] === undefined ? {} : { enclosure: files[0] }),
    copyright: state.license,
  }
}

/** A feed of the records, newest first as given, in one of the three formats. */
export function writeFeed(
  records: readonly RecordState[],
  init: FeedInit,
  format: FeedFormat,
): string {
  let newest = '1970-01-01T00:00:00Z'
  for (const record of records) if (record.updated > newest) newest = record.updated
  const feed = new Feed({
    id: init.self,
    title: init.title,
    link: init.link,
    updated: new Date(newest),
    generator: 'Polder',
    ...(init.language === undefined ? {} : { language: init.language }),
    feedLinks: { [format]: init.self },
    copyright: 'Each entry under its own licence (SPDX)',
  })
  for (const record of records) feed.addItem(item(record, init))
  if (format === 'atom') return feed.atom1()
  if (format === 'rss') return feed.rss2()
  return jsonFeed11(feed.json1(), records, init)
}

interface JsonFeedItem {
  id: string
  author?: unknown
  attachments?: unknown[]
  [key: string]: unknown
}

/** JSON Feed 1.1: `authors` instead of `author`, a `language`, every file as an attachment. */
function jsonFeed11(json: string, records: readonly RecordState[], init: FeedInit): string {
  const doc = JSON.parse(json) as { items: JsonFeedItem[]; [key: string]: unknown }
  doc.version = 'https://jsonfeed.org/version/1.1'
  if (init.language !== undefined) doc.language = init.language
  const byId = new Map(records.map((record) => [init.iris.record(record), record]))
  for (const entry of doc.items) {
    if (entry.author !== undefined) {
      entry.authors = [entry.author]
      delete entry.author
    }
    const record = byId.get(entry.id)
    if (record !== undefined && !isTombstone(record) && record.attachments.length > 0) {
      entry.attachments = record.attachments.map((file) => ({
        url: init.iris.attachment(file.cid),
        mime_type: file.mediaType,
        size_in_bytes: file.size,
        title: file.name,
      }))
    }
  }
  return JSON.stringify(doc)
}
