/** Errors of the search index, matched by `name` at the API boundary. */

/** The query cannot be run as asked: an unknown facet, a malformed value or cursor. */
export class SearchQueryError extends Error {
  override readonly name = 'SearchQueryError'
  constructor(message = 'Invalid search query') {
    super(message)
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
