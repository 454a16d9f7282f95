/** Errors of the search index, matched by `name` at the API boundary. */
import type { Problem } from '@polder/schema'

/** The query cannot be run as asked: an unknown facet, a malformed value or cursor. */
export class SearchQueryError extends Error {
  override readonly name = 'SearchQueryError'
  /** The field of the query and what is wrong with it, in Dutch and English, when known. */
  readonly problems: readonly Problem[] | undefined
  constructor(message = 'Invalid search query', problems?: readonly Problem[]) {
    super(message)
    this.problems = problems
  }
}

/** The index was used after `close()`. */
export class SearchIndexClosedError extends Error {
  override readonly name = 'SearchIndexClosedError'
  constructor(message = 'The search index is closed') {
    super(message)
  }
}

/**
 * The index file failed under a query or a write (a damaged page, a full disk). Nothing of
 * the store is lost: rebuild the index from it.
 */
export class SearchIndexBrokenError extends Error {
  override readonly name = 'SearchIndexBrokenError'
  constructor(message = 'The search index is damaged and must be rebuilt', options?: ErrorOptions) {
    super(message, options)
  }
}
