/** Asks for the node's API token (a modal dialog: focus stays inside, Escape cancels). */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { useI18n } from '../state/i18n'

export interface TokenDialogProps {
  readonly wrong: boolean
  readonly onClose: (token: string | undefined) => void
}

export function TokenDialog({ wrong, onClose }: TokenDialogProps) {
  const { t } = useI18n()
  const dialog = useRef<HTMLDialogElement>(null)
  const [token, setToken] = useState('')
  const id = useId()

  useEffect(() => {
    const element = dialog.current
    if (element !== null && !element.open) element.showModal()
  }, [])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const value = token.trim()
    if (value !== '') onClose(value)
  }

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault()
        onClose(undefined)
      }}
    >
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{t('token.title')}</h2>
        <p>{t('token.intro')}</p>
        {wrong && (
          <p className="error" role="alert">
            {t('token.wrong')}
          </p>
        )}
        <label htmlFor={`${id}-token`}>{t('token.label')}</label>
        <input
          id={`${id}-token`}
          type="password"
          autoComplete="off"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          required
        />
        <div className="actions">
          <button type="submit" className="primary">
            {t('token.save')}
          </button>
          <button type="button" onClick={() => onClose(undefined)}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  )
}
