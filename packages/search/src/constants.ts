/** Defaults and fixed figures of the search index. */

/**
 * Bumped when the on-disk layout or the Dutch stemmer changes; a file with another version
 * is rebuilt from the store. 4: Snowball stems; 5: the `titles` table; 6: the doc columns'
 * snapshot at a clean close (`doc-snapshot.ts`), which an older build would leave behind
 * unchanged while it changes the index.
 */
export const INDEX_SCHEMA_VERSION = 6

/**
 * The FTS5 columns, in order. Text in Dutch goes to the `*_nl` columns as our Dutch stems;
 * text in any other language to the others (porter stems English); names, tags and places
 * to both. `org` holds a token naming the author (see `authorToken`), so a record is found
 * by its organisation's name without storing that name in every record.
 */
export const COLUMNS = [
  'title',
  'summary',
  'body',
  'title_nl',
  'summary_nl',
  'body_nl',
  'org',
] as const

/** BM25 weight per column: title and summary above body, in both languages. */
export const WEIGHTS = [10, 4, 1, 10, 4, 1, 3] as const

/**
 * Matches up to which results are ranked by BM25. FTS5's BM25 costs about a microsecond a
 * match (plus a pass over each phrase's postings for its IDF), so a broader query puts the
 * versions with every word in their title first instead (see `SearchResult.broad`).
 */
export const RANK_ALL = 5_000

/** Query expressions whose last match count is kept to skip the count pass (`MatchCounts`). */
export const MATCH_COUNTS = 1_000

/**
 * A ranked query's filters are tested before BM25 when they keep fewer than this share of
 * its matches; above it, testing every row in SQL costs about what scoring the few
 * rejected ones would.
 */
export const SCORE_ACCEPTED_BELOW = 0.75

/** Queries whose matches are kept for a facet click or the next page. */
export const DEFAULT_RECENT_QUERIES = 8

/** Index states per transaction when a whole store is indexed in steps. */
export const REBUILD_CHUNK = 2_000

/**
 * Writes are committed this long after the first one not committed (see DeferredCommit):
 * a live follower's records, one a turn, share a commit instead of one each.
 */
export const COMMIT_DELAY_MS = 1_000
/** …or at once when the open transaction holds this many states (a bulk, a rebuild's chunk). */
export const COMMIT_STATES = 500

/** Query text longer than this is refused rather than searched. */
export const MAX_QUERY_CHARS = 1_000
/** Words beyond this many are ignored: they cannot change the result much. */
export const MAX_QUERY_TERMS = 32
/** Hits per page. @default 20 */
export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100
/** Values returned per facet, most frequent first. */
export const DEFAULT_FACET_LIMIT = 100

/** Changes waiting to be indexed (see `follow`'s `windowMs`) that close the window early. */
export const DEFAULT_FOLLOW_MAX_PENDING = 1_000
