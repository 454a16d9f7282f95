/** Nederlands / English: two buttons, the current one pressed. */
import { LANGUAGES } from '../lib/i18n'
import { useI18n } from '../state/i18n'

const NAMES = { nl: 'Nederlands', en: 'English' } as const

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n()
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('app.language')}</legend>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={language === code}
          onClick={() => setLanguage(code)}
        >
          {NAMES[code]}
        </button>
      ))}
    </fieldset>
  )
}
