/** Retracting an own record: a reason (in the reader's language) is required. */
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { ApiError, node } from '../lib/api'
import { useI18n } from '../state/i18n'
import { useAuthorized } from '../state/token'
import { ErrorNote } from './status'

export interface RetractFormProps {
  /** The global reference, for the cache; writes name own records by their id. */
  readonly reference: string
  readonly id: string
  readonly onDone: () => void
}

export function RetractForm({ reference, id, onDone }: RetractFormProps) {
  const { t, language } = useI18n()
  const authorized = useAuthorized()
  const client = useQueryClient()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await authorized(() =>
        node.retractRecord({ params: { id }, body: { reason: { [language]: reason.trim() } } }),
      )
      await client.invalidateQueries({ queryKey: ['record', reference] })
      onDone()
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }

  const problem = error instanceof ApiError ? error.problem?.problems?.[0] : undefined
  return (
    <form className="retract-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor="retract-reason">{t('record.retractReason')}</label>
      <textarea
        id="retract-reason"
        required
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        aria-invalid={problem !== undefined}
      />
      {problem !== undefined ? (
        <p className="error" role="alert">
          {problem.message[language]}
        </p>
      ) : (
        error !== undefined && <ErrorNote error={error} />
      )}
      <button type="submit" className="danger" disabled={busy || reason.trim() === ''}>
        {t('record.retractConfirm')}
      </button>
    </form>
  )
}
