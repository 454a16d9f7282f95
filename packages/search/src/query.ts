/**
 * User text to an FTS5 MATCH expression. The user's text is never passed through: it is
 * cut into words, and every word goes back in double quotes, so FTS5 syntax (`NEAR(`,
 * `AND`, `*`, `:`, stray quotes) is searched as words or dropped. We support "quoted
 * phrases" and a trailing `*` for a prefix ourselves.
 */
import { MAX_QUERY_CHARS, MAX_QUERY_TERMS } from './constants.js'
import { dutchStem } from './dutch-stem.js'
import { SearchQueryError } from './errors.js'
import { searchQuerySchema } from './query-schema.js'
import { STOPWORDS, words } from './tokenize.js'

export interface Term {
  /** Folded words: one for a word, several for a phrase. */
  readonly words: readonly string[]
  /** The user asked for a prefix with a trailing `*`. */
  readonly prefix: boolean
}

export interface ParsedQuery {
  readonly terms: readonly Term[]
}

/** The terms of a query text; undefined when it has no words at all. */
export function parseQuery(text: string): ParsedQuery | undefined {
  if (text.length > MAX_QUERY_CHARS) {
    throw new SearchQueryError(`The query is longer than ${MAX_QUERY_CHARS} characters`)
  }
  const terms = dropStopwords(termsOf(text)).slice(0, MAX_QUERY_TERMS)
  return terms.length === 0 ? undefined : { terms }
}

/**
 * A term as an FTS5 expression over `columns` (exact form, porter-stemmed by FTS5) and
 * `dutchColumns` (its Dutch stem, by prefix, so "warmte" finds "warmtestress"). With
 * `merge`, a prefix that is its own Dutch stem ("sensor*") is one phrase over both column
 * sets: the same matches for about two thirds of the cost, but other BM25 scores (one phrase
 * and its IDF instead of two), so it is used where matches are found, not ranked.
 */
export function termExpression(
  term: Term,
  columns: string,
  dutchColumns: string,
  options: { merge: boolean } = { merge: false },
): string {
  const exact = `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`
  const dutch = `"${term.words.map(dutchStem).join(' ')}"*`
  // "sensor*": the same prefix in both column sets, which FTS5 would merge twice
  if (options.merge && exact === dutch) return `{${columns} ${dutchColumns}} : ${exact}`
  return `{${columns}} : ${exact} OR {${dutchColumns}} : ${dutch}`
}

/** Phrases between double quotes, words elsewhere; an unclosed quote runs to the end. */
function termsOf(text: string): Term[] {
  const terms: Term[] = []
  text.split('"').forEach((part, index) => {
    const quoted = index % 2 === 1
    if (quoted) {
      const phrase = words(part)
      if (phrase.length > 0) terms.push({ words: phrase, prefix: /\*\s*$/.test(part) })
      return
    }
    for (const chunk of part.split(/\s+/)) {
      const found = words(chunk)
      found.forEach((word, i) => {
        terms.push({ words: [word], prefix: i === found.length - 1 && chunk.endsWith('*') })
      })
    }
  })
  return terms
}

/** "de fiets" searches "fiets"; a query of stopwords only is kept as it is. */
function dropStopwords(terms: Term[]): Term[] {
  const kept = terms.filter((t) => t.words.length > 1 || !STOPWORDS.has(t.words[0] ?? ''))
  return kept.length > 0 ? kept : terms
}

/**
 * Checks the shape of a query that may come from outside (a JSON body) against the one
 * query schema: every field of the right type and within its limits, none unknown.
 */
export function checkQuery(query: unknown): void {
  const result = searchQuerySchema.safeParse(query)
  if (result.success) return
  const issue = result.error.issues[0]
  const where = issue === undefined || issue.path.length === 0 ? '' : `${issue.path.join('.')}: `
  throw new SearchQueryError(`Invalid search query: ${where}${issue?.message ?? 'not a query'}`)
}
