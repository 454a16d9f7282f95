/** The chosen language for the whole app, stored and reflected in `<html lang>`. */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react'
import {
  initialLanguage,
  type Language,
  localeOf,
  type Params,
  pickText,
  translate,
} from '../lib/i18n'
import type { MessageKey } from '../lib/messages'

export interface I18n {
  readonly language: Language
  readonly locale: string
  readonly setLanguage: (language: Language) => void
  readonly t: (key: MessageKey, params?: Params) => string
  /** A record's language map in the chosen language. */
  readonly text: (map: Readonly<Record<string, string>> | undefined) => string
  readonly date: (iso: string | undefined) => string
}

const KEY = 'polder.language'
const Context = createContext<I18n | undefined>(undefined)

function stored(): string | null {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
}

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [language, setState] = useState<Language>(() =>
    initialLanguage(stored(), navigator.languages ?? [navigator.language]),
  )
  useEffect(() => {
    document.documentElement.lang = language
  }, [language])
  const setLanguage = useCallback((next: Language) => {
    try {
      localStorage.setItem(KEY, next)
    } catch {
      // not stored: the choice lasts as long as the page
    }
    setState(next)
  }, [])
  const value = useMemo<I18n>(() => {
    const locale = localeOf(language)
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
    // a calendar date (2025-06-01) is no moment in time: shown as written, in any zone
    const days = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
    return {
      language,
      locale,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      text: (map) => pickText(map, language),
      date: (iso) => {
        if (iso === undefined) return ''
        const time = Date.parse(iso)
        if (Number.isNaN(time)) return iso
        return (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? days : dates).format(time)
      },
    }
  }, [language, setLanguage])
  return <Context.Provider value={value}>{children}</Context.Provider>
}

export function useI18n(): I18n {
  const value = useContext(Context)
  if (value === undefined) throw new Error('useI18n outside I18nProvider')
  return value
}
