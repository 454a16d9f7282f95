/** Defaults and fixed figures of the search index. */

/** Bumped when the on-disk layout changes; a file with another version is rebuilt. */
export const INDEX_SCHEMA_VERSION = 1

/** The FTS5 columns, in order; `*_nl` hold Dutch stems of the same text. */
export const COLUMNS = ['title', 'summary', 'body', 'meta', 'org', 'title_nl', 'text_nl'] as const

/** BM25 weight per column: title and summary above body, Dutch stems a little below exact. */
export const WEIGHTS = [10, 4, 1, 2, 2, 6, 1] as const

/** Query text longer than this is refused rather than searched. */
export const MAX_QUERY_CHARS = 1_000
/** Words beyond this many are ignored: they cannot change the result much. */
export const MAX_QUERY_TERMS = 32
/** Hits per page. @default 20 */
export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100
/** Values returned per facet, most frequent first. */
export const DEFAULT_FACET_LIMIT = 100
