/**
 * More like this: the words that say what a record is about (title, summary, theme
 * labels, tags and place names, in every language it has), as one FTS5 query of
 * alternatives, ranked by BM25. Words of three letters or fewer and stopwords are left
 * out; the rarest words weigh most through BM25's IDF.
 */
import { type LangMap, type PolderRecord, THEMES } from '@polder/schema'
import { MAX_QUERY_TERMS } from './constants.js'
import { STOPWORDS, words } from './tokenize.js'

const THEME_LABELS = new Map<string, LangMap>(THEMES.map((t) => [t.code, t.label]))

/** Words that say nothing about a topic in titles (beyond the query stopwords). */
const FILLER = new Set(
  'zonder welke onze jullie with without where when into than then your ours kunnen'.split(' '),
)

/** The words of a record to look for in others, most telling first (title before summary). */
export function aboutWords(record: PolderRecord): string[] {
  const texts: string[] = []
  const add = (map: LangMap | undefined) => {
    if (map !== undefined) texts.push(...Object.values(map))
  }
  add(record.title)
  for (const theme of record.themes) add(THEME_LABELS.get(theme))
  texts.push(...record.tags, ...record.places.map((p) => p.name))
  add(record.summary)
  const seen = new Set<string>()
  for (const text of texts) {
    for (const word of words(text)) {
      if (word.length <= 3 || STOPWORDS.has(word) || FILLER.has(word)) continue
      seen.add(word)
      if (seen.size >= MAX_QUERY_TERMS) return [...seen]
    }
  }
  return [...seen]
}
