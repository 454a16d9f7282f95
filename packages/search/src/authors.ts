/**
 * The organisations that wrote indexed records: a small integer id per DID (what the
 * columns and the `org` FTS token use), and the name and type from each organisation's
 * own record. Names are indexed once, in `org_names`; a query word that matches a name
 * becomes a match on that organisation's token, so a rename touches one row, not every
 * record of the organisation.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import type { LangMap } from '@polder/schema'
import { isDutch, stems } from './document.js'
import { prepare } from './statements.js'

export interface AuthorProfile {
  readonly names: LangMap
  readonly orgType: string
}

/** The FTS token of an author in the `org` column: letters and digits, one token. */
export const authorToken = (id: number): string => `porg${id}`

export const AUTHOR_TABLES = `
CREATE TABLE authors (id INTEGER PRIMARY KEY, did TEXT NOT NULL UNIQUE, names TEXT, org_type TEXT);
CREATE VIRTUAL TABLE org_names USING fts5(names, names_nl,
  tokenize = 'porter unicode61 remove_diacritics 2');
`

export class Authors {
  readonly #ids = new Map<string, number>()
  /** DID by author id; index 0 is unused. */
  readonly dids: string[] = ['']
  readonly #profiles: (AuthorProfile | undefined)[] = [undefined]
  readonly #insert: StatementSync
  readonly #update: StatementSync
  readonly #dropName: StatementSync
  readonly #addName: StatementSync
  readonly #match: StatementSync

  constructor(private readonly db: DatabaseSync) {
    this.#insert = prepare(db, 'INSERT INTO authors (id, did) VALUES (?, ?)')
    this.#update = prepare(db, 'UPDATE authors SET names = ?, org_type = ? WHERE id = ?')
    this.#dropName = prepare(db, 'DELETE FROM org_names WHERE rowid = ?')
    this.#addName = prepare(db, 'INSERT INTO org_names (rowid, names, names_nl) VALUES (?, ?, ?)')
    this.#match = db.prepare('SELECT rowid FROM org_names WHERE org_names MATCH ?')
    this.load()
  }

  /** Re-reads every author from the file (at open, and after a rolled-back write). */
  load(): void {
    this.#ids.clear()
    this.dids.length = 1
    this.#profiles.length = 1
    for (const row of this.db.prepare('SELECT id, did, names, org_type FROM authors').all()) {
      const id = row.id as number
      this.#ids.set(row.did as string, id)
      this.dids[id] = row.did as string
      this.#profiles[id] =
        row.names === null
          ? undefined
          : { names: JSON.parse(row.names as string) as LangMap, orgType: row.org_type as string }
    }
  }

  /** The id of an author, given one the first time it is seen. */
  idOf(did: string): number {
    let id = this.#ids.get(did)
    if (id === undefined) {
      id = this.dids.length
      this.#insert.run(id, did)
      this.#ids.set(did, id)
      this.dids[id] = did
      this.#profiles[id] = undefined
    }
    return id
  }

  find(did: string): number | undefined {
    return this.#ids.get(did)
  }

  /** One past the highest author id: the length of a per-author array. */
  get size(): number {
    return this.dids.length
  }

  profile(id: number): AuthorProfile | undefined {
    return this.#profiles[id]
  }

  /** Sets (or clears, when the organisation retracted its record) an author's profile. */
  setProfile(id: number, profile: AuthorProfile | undefined): void {
    this.#profiles[id] = profile
    this.#update.run(
      profile === undefined ? null : JSON.stringify(profile.names),
      profile?.orgType ?? null,
      id,
    )
    this.#dropName.run(id)
    if (profile === undefined) return
    // The name in each language, as for record text: Dutch as stems, others as written.
    const names = Object.entries(profile.names)
    const text = (dutch: boolean) =>
      names.flatMap(([language, name]) => (isDutch(language) === dutch ? [name] : [])).join(' ')
    this.#addName.run(id, text(false), stems(text(true)))
  }

  /** Ids of the authors whose name matches an FTS expression over `names`/`names_nl`. */
  matching(expression: string): number[] {
    return this.#match.all(expression).map((row) => row.rowid as number)
  }
}
