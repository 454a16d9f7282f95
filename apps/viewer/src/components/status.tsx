/** Loading, error and "not on this node yet" states, said the same way everywhere. */
import type { ReactNode } from 'react'
import { useI18n } from '../state/i18n'

export function Loading() {
  const { t } = useI18n()
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  )
}

export function ErrorNote({ error }: { readonly error: unknown }) {
  const { t } = useI18n()
  const offline = error instanceof TypeError
  const message = error instanceof Error ? error.message : String(error)
  return (
    <p className="error" role="alert">
      {offline ? t('common.offline') : t('common.error', { message })}
    </p>
  )
}

export function Unavailable() {
  const { t } = useI18n()
  return <p className="muted">{t('common.unavailable')}</p>
}

/** Renders a query's data, or its loading or error state. */
export function QueryView<T>(props: {
  readonly query: { data: T | undefined; error: unknown; isPending: boolean }
  readonly children: (data: T) => ReactNode
}) {
  const { query, children } = props
  if (query.error) return <ErrorNote error={query.error} />
  if (query.isPending || query.data === undefined) return <Loading />
  return <>{children(query.data)}</>
}
