/** Splitting text into words the way FTS5's unicode61 tokenizer does. */

const WORD = /[\p{L}\p{N}]+/gu
const MARKS = /\p{M}/gu
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test is for "ASCII only"
const NON_ASCII = /[^\u0000-\u007f]/

/** Lowercase, without diacritics: "Coöperatie" -> "cooperatie". */
export function fold(text: string): string {
  // Most record text is ASCII: skip the costly normalisation for it.
  if (!NON_ASCII.test(text)) return text.toLowerCase()
  return text.normalize('NFD').replace(MARKS, '').toLowerCase()
}

/** The folded words of a text. */
export function words(text: string): string[] {
  return fold(text).match(WORD) ?? []
}

/** Words that say nothing on their own, in Dutch and English; dropped from queries. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'de het een en of van in op te voor met aan bij door als dat die dit er is zijn was om ' +
    'wat wie hoe ook niet naar over uit tot ze we wij je u ik the a an and or of in on to ' +
    'for with at by as that this is are was be it what who how about from not do does did ' +
    'has have had which their there been has'
  ).split(' '),
)
