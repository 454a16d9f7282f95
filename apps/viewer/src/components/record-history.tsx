/** Every version of a record, newest first, with the fields each one changed. */
import { fieldLabel } from '../lib/field-labels'
import type { RecordState } from '../lib/types'
import { useI18n } from '../state/i18n'
import { useHistory } from '../state/queries'
import { ErrorNote, Loading } from './status'

const IGNORED = new Set(['version', 'updated'])

/** Top-level fields whose value differs between two versions. */
export function changedFields(before: RecordState, after: RecordState): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)])
  const a = before as unknown as Record<string, unknown>
  const b = after as unknown as Record<string, unknown>
  return [...names].filter(
    (name) => !IGNORED.has(name) && JSON.stringify(a[name]) !== JSON.stringify(b[name]),
  )
}

export function RecordHistory({ reference }: { readonly reference: string }) {
  const { t, date, language } = useI18n()
  const history = useHistory(reference)
  const versions = history.data?.versions ?? []
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('record.history')}</h2>
      {history.error ? (
        <ErrorNote error={history.error} />
      ) : history.isPending ? (
        <Loading />
      ) : (
        <ol className="history" reversed>
          {[...versions].reverse().map((version, index, list) => {
            const previous = list[index + 1]
            const changes = previous === undefined ? [] : changedFields(previous, version)
            return (
              <li key={version.version}>
                <strong>{t('record.version', { version: version.version })}</strong>
                {index === 0 && ` (${t('record.current')})`} · {date(version.updated)}
                {'reason' in version && ` · ${t('record.retracted')}`}
                {changes.length > 0 && (
                  <div className="muted small">
                    {t('record.changes', {
                      fields: changes.map((name) => fieldLabel(name, language)).join(', '),
                    })}
                  </div>
                )}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}
