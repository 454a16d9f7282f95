import { Link } from 'react-router-dom'
import { useI18n } from '../state/i18n'
import { useTitle } from './use-title'

export function NotFoundPage() {
  const { t } = useI18n()
  useTitle(t('notFound.title'))
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </section>
  )
}
