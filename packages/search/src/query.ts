/**
 * User text to an FTS5 MATCH expression. The user's text is never passed through: it is
 * cut into words, and every word goes back in double quotes, so FTS5 syntax (`NEAR(`,
 * `AND`, `*`, `:`, stray quotes) is searched as words or dropped. We support "quoted
 * phrases" and a trailing `*` for a prefix ourselves.
 */
import { MAX_QUERY_CHARS, MAX_QUERY_TERMS } from './constants.js'
import { dutchStem } from './dutch-stem.js'
import { SearchQueryError } from './errors.js'
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
 * `dutchColumns` (its Dutch stem, by prefix, so "warmte" finds "warmtestress").
 */
export function termExpression(term: Term, columns: string, dutchColumns: string): string {
  const exact = `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`
  const dutch = `"${term.words.map(dutchStem).join(' ')}"*`
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

const FIELDS: Record<string, (value: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  filters: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  budget: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  sort: (v) => v === 'relevance' || v === 'date' || v === 'budget',
  order: (v) => v === 'asc' || v === 'desc',
  limit: (v) => typeof v === 'number',
  cursor: (v) => typeof v === 'string',
  history: (v) => typeof v === 'boolean',
  facets: (v) => Array.isArray(v) && v.every((name) => typeof name === 'string'),
  facetLimit: (v) => Number.isInteger(v) && (v as number) >= 0,
}

/**
 * Checks the shape of a query that may come from outside (a JSON body): every field of the
 * right type, none unknown. Values (facet names, amounts, cursors) are checked where used.
 */
export function checkQuery(query: unknown): void {
  if (typeof query !== 'object' || query === null || Array.isArray(query))
    throw new SearchQueryError('A search query is an object')
  for (const [field, value] of Object.entries(query)) {
    const check = FIELDS[field]
    if (check === undefined) throw new SearchQueryError(`Unknown query field: ${field}`)
    if (value !== undefined && !check(value))
      throw new SearchQueryError(`Invalid value for ${field}`)
  }
  const budget = (query as { budget?: Record<string, unknown> }).budget
  for (const [bound, money] of Object.entries(budget ?? {})) {
    if (bound !== 'min' && bound !== 'max')
      throw new SearchQueryError(`Unknown budget field: ${bound}`)
    const m = money as { amount?: unknown; currency?: unknown } | undefined
    if (m !== undefined && (typeof m?.amount !== 'string' || typeof m?.currency !== 'string'))
      throw new SearchQueryError(`budget.${bound} is { amount, currency } as strings`)
  }
}
