/** A label in the two languages every vocabulary of Polder carries. */
export interface Label {
  readonly nl: string
  readonly en: string
}

/** One term of a controlled vocabulary. */
export interface Term<Code extends string = string> {
  readonly code: Code
  readonly label: Label
}

/** The codes of a vocabulary as a non-empty tuple, as `z.enum` wants them. */
export function codesOf<const T extends readonly [Term, ...Term[]]>(
  terms: T,
): [T[number]['code'], ...T[number]['code'][]] {
  return terms.map((term) => term.code) as [T[number]['code'], ...T[number]['code'][]]
}
