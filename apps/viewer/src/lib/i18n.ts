/**
 * Translation without a framework: a key's text in the chosen language, else in the
 * other, else the key itself; language maps of records pick the same way.
 */
import { en, type MessageKey, nl } from './messages'

export const LANGUAGES = ['nl', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

export type Params = Readonly<Record<string, string | number>>

const CATALOGUES: Record<Language, Partial<Record<MessageKey, string>>> = { en, nl }

const fill = (text: string, params: Params | undefined): string =>
  params === undefined
    ? text
    : text.replace(/\{(\w+)\}/g, (whole, name: string) =>
        Object.hasOwn(params, name) ? String(params[name]) : whole,
      )

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const text = CATALOGUES[language][key] ?? en[key] ?? key
  return fill(text, params)
}

export const otherLanguage = (language: Language): Language => (language === 'nl' ? 'en' : 'nl')

/**
 * The text of a language map in `language`, else the other viewer language, else its
 * first language: records may be written in any language.
 */
export function pickText(
  map: Readonly<Record<string, string>> | undefined,
  language: Language,
): string {
  if (map === undefined) return ''
  return map[language] ?? map[otherLanguage(language)] ?? Object.values(map)[0] ?? ''
}

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)

/** The stored choice, else the browser's first Dutch or English preference, else Dutch. */
export function initialLanguage(
  stored: string | null | undefined,
  preferred: readonly string[],
): Language {
  if (isLanguage(stored)) return stored
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]
    if (isLanguage(base)) return base
  }
  return 'nl'
}

/** BCP 47 locale for numbers and dates. */
export const localeOf = (language: Language): string => (language === 'nl' ? 'nl-NL' : 'en-GB')
