/**
 * Text must be well-formed Unicode: a lone UTF-16 surrogate cannot be encoded as UTF-8, so
 * a record holding one reads differently at its publisher (the surrogate) and at followers
 * (U+FFFD after the round trip through CBOR). Such a record is refused at validation.
 */
import { type Problem, pointer } from './problems.js'

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

const problem = (path: readonly PropertyKey[], where: 'text' | 'name'): Problem => ({
  path: pointer(path),
  code: 'invalid_unicode',
  message:
    where === 'text'
      ? {
          en: 'contains an invalid character (a lone UTF-16 surrogate); the text is not valid Unicode',
          nl: 'bevat een ongeldig teken (een los UTF-16-surrogaat); de tekst is geen geldige Unicode',
        }
      : {
          en: 'has a field name with an invalid character (a lone UTF-16 surrogate)',
          nl: 'heeft een veldnaam met een ongeldig teken (een los UTF-16-surrogaat)',
        },
})

/** Every string (and object key) in `value` that is not well-formed Unicode, by its place. */
export function unicodeProblems(value: unknown, path: readonly PropertyKey[] = []): Problem[] {
  const problems: Problem[] = []
  collect(value, [...path], problems)
  return problems
}

/**
 * Walks `value` with one path that grows and shrinks as it goes: every record a node
 * publishes or receives passes here, and a path and a list per string made most of the
 * garbage of validating one.
 */
function collect(value: unknown, path: PropertyKey[], problems: Problem[]): void {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) problems.push(problem(path, 'text'))
    return
  }
  if (value === null || typeof value !== 'object') return
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index)
      collect(value[index], path, problems)
      path.pop()
    }
    return
  }
  const object = value as Record<string, unknown>
  for (const key of Object.keys(object)) {
    if (LONE_SURROGATE.test(key)) problems.push(problem(path, 'name'))
    path.push(key)
    collect(object[key], path, problems)
    path.pop()
  }
}
