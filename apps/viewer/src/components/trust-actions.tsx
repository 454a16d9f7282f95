/** Follow, unfollow, vouch, block and unblock an organisation (each asks for the token if needed). */
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { node } from '../lib/api'
import type { Organization } from '../lib/types'
import { useI18n } from '../state/i18n'
import { useAuthorized } from '../state/token'
import { ErrorNote } from './status'

export function useTrustAction() {
  const authorized = useAuthorized()
  const client = useQueryClient()
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const run = async (write: () => Promise<unknown>) => {
    setBusy(true)
    setError(undefined)
    try {
      await authorized(write)
      await client.invalidateQueries({ queryKey: ['orgs'] })
      void client.invalidateQueries({ queryKey: ['search'] })
      void client.invalidateQueries({ queryKey: ['sync'] })
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return { run, error, busy }
}

export function FollowButton({ org }: { readonly org: Organization }) {
  const { t, text } = useI18n()
  const { run, error, busy } = useTrustAction()
  if (org.self || org.blocked) return null
  const name = org.name === undefined ? org.did : text(org.name)
  return (
    <>
      <button
        type="button"
        className={org.followed ? '' : 'primary'}
        disabled={busy}
        aria-label={`${t(org.followed ? 'org.unfollow' : 'org.follow')}: ${name}`}
        onClick={() =>
          void run(() =>
            org.followed
              ? node.unfollow({ params: { did: org.did } })
              : node.follow({ params: { did: org.did } }),
          )
        }
      >
        {t(org.followed ? 'org.unfollow' : 'org.follow')}
      </button>
      {error !== undefined && <ErrorNote error={error} />}
    </>
  )
}

export function TrustActions({ org }: { readonly org: Organization }) {
  const { t, text, language } = useI18n()
  const { run, error, busy } = useTrustAction()
  const [vouchName, setVouchName] = useState(org.name === undefined ? '' : text(org.name))
  const [reason, setReason] = useState('')
  const [dropped, setDropped] = useState<number>()
  if (org.self) return null

  const vouch = (event: FormEvent) => {
    event.preventDefault()
    void run(() => node.vouch({ body: { subject: org.did, name: vouchName.trim(), language } }))
  }
  const block = (event: FormEvent) => {
    event.preventDefault()
    void run(async () => {
      const answer = await node.block({
        params: { did: org.did },
        body: { reason: reason.trim() },
      })
      setDropped(answer.recordsDropped)
    })
  }

  return (
    <div className="trust-actions">
      {!org.blocked && <FollowButton org={org} />}
      {!org.blocked && (
        <form onSubmit={vouch} className="inline-form">
          <label htmlFor="vouch-name">{t('org.vouchName')}</label>
          <input
            id="vouch-name"
            value={vouchName}
            required
            onChange={(event) => setVouchName(event.target.value)}
          />
          <button type="submit" disabled={busy || vouchName.trim() === ''}>
            {t('org.vouch')}
          </button>
          <p className="muted small">{t('org.vouchHelp')}</p>
        </form>
      )}
      {org.blocked ? (
        <button
          type="button"
          disabled={busy}
          onClick={() => void run(() => node.unblock({ params: { did: org.did } }))}
        >
          {t('org.unblock')}
        </button>
      ) : (
        <form onSubmit={block} className="inline-form">
          <label htmlFor="block-reason">{t('org.blockReason')}</label>
          <input
            id="block-reason"
            value={reason}
            maxLength={1000}
            onChange={(event) => setReason(event.target.value)}
          />
          <button type="submit" className="danger" disabled={busy}>
            {t('org.block')}
          </button>
        </form>
      )}
      {dropped !== undefined && org.blocked && (
        <p role="status">{t('org.dropped', { count: dropped })}</p>
      )}
      {error !== undefined && <ErrorNote error={error} />}
    </div>
  )
}
