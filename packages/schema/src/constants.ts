/** The version of the record model this package reads and writes. */
export const SCHEMA_VERSION = 1

/** Licence a record carries when its author names none. */
export const DEFAULT_LICENSE = 'CC-BY-4.0'

/** Scheme of global record references: `polder://<author-did>/<record-id>`. */
export const REFERENCE_SCHEME = 'polder://'

/**
 * Bounds on a record. Every string and array is bounded so that a peer cannot make us
 * hold or index arbitrary amounts of data through one record.
 */
export const LIMITS = {
  /** A record's canonical (dag-cbor) encoding, in bytes. */
  recordBytes: 256 * 1024,
  /** Characters of a title, per language. */
  title: 300,
  /** Characters of a summary or other short text, per language. */
  summary: 2_000,
  /** Characters of a body or other long text, per language. */
  body: 100_000,
  /** Characters of a name, label, tag or other short string. */
  name: 200,
  /** Characters of a URL. */
  url: 2_048,
  /** Languages in one language map. */
  languages: 20,
  /** Items in a list of tags, places, partners, links, outcomes and the like. */
  list: 100,
  /** Relations of one record. */
  relations: 500,
  /** Attachments of one record. */
  attachments: 100,
  /** Themes of one record. */
  themes: 20,
} as const
