/** Snippets: the words of a hit matching a query term, marked, with some context. */
import type { PolderRecord } from '@polder/schema'
import { dutchStem } from './dutch-stem.js'
import type { Term } from './query.js'
import { fold } from './tokenize.js'

/** Private-use marks that cannot occur in record text, swapped for `<mark>` after escaping. */
export const OPEN = '\u{E000}'
export const CLOSE = '\u{E001}'
const CONTEXT_CHARS = 80

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)

/** HTML-escaped text with the matched words in `<mark>`. */
export function toHtml(marked: string): string {
  return escapeHtml(marked).replaceAll(OPEN, '<mark>').replaceAll(CLOSE, '</mark>')
}

/** Marks the words of `text` whose Dutch stem starts with a query term's, around the first. */
export function markByStem(text: string, terms: readonly Term[]): string {
  const stems = terms.flatMap((term) => term.words.map(dutchStem))
  let first = -1
  const marked = text.replace(/[\p{L}\p{N}]+/gu, (word, offset: number) => {
    const stem = dutchStem(fold(word))
    // Its stem extends a term's ("warmtestress"), or is a term's less one letter ("bike"/"bikes").
    const matches = stems.some(
      (s) => stem.startsWith(s) || (stem.length >= Math.max(3, s.length - 1) && s.startsWith(stem)),
    )
    if (!matches) return word
    if (first < 0) first = offset
    return `${OPEN}${word}${CLOSE}`
  })
  if (first < 0) return text.slice(0, CONTEXT_CHARS * 2)
  const start = Math.max(0, first - CONTEXT_CHARS)
  return `${start > 0 ? '…' : ''}${marked.slice(start, start + CONTEXT_CHARS * 3)}`
}

/**
 * The snippet of a hit: the first of its summary, body and title texts (in any language)
 * with a marked word, else the start of its summary or title. Marked here rather than by
 * FTS5's snippet(), which needs the text stored in the index and re-runs the match per hit.
 */
export function snippetOf(record: PolderRecord, terms: readonly Term[]): string {
  const texts = [record.summary, record.body, record.title].flatMap((map) =>
    map === undefined ? [] : Object.values(map),
  )
  for (const text of texts) {
    const marked = markByStem(text, terms)
    if (marked.includes(OPEN)) return toHtml(marked)
  }
  return toHtml(markByStem(texts[0] ?? '', terms))
}
