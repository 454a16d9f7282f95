/** This node, its peers and each replicated organisation's sync state, live. */
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useState } from 'react'
import { Link } from 'react-router-dom'
import { ErrorNote, QueryView } from '../components/status'
import { node } from '../lib/api'
import { isMessageKey } from '../lib/messages'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { useLive } from '../state/live'
import { usePeers, useStatus, useSync } from '../state/queries'
import { useAuthorized } from '../state/token'
import { useTitle } from './use-title'

function ConnectForm() {
  const { t } = useI18n()
  const authorized = useAuthorized()
  const client = useQueryClient()
  const [address, setAddress] = useState('')
  const [result, setResult] = useState<string>()
  const [error, setError] = useState<unknown>()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setError(undefined)
    setResult(undefined)
    try {
      const answer = await authorized(() => node.connectPeer({ body: { address: address.trim() } }))
      setResult(t('network.connected', { peer: answer.peerId }))
      void client.invalidateQueries({ queryKey: ['peers'] })
    } catch (failure) {
      setError(failure)
    }
  }
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor="peer-address">{t('network.address')}</label>
      <input
        id="peer-address"
        className="mono"
        value={address}
        required
        onChange={(event) => setAddress(event.target.value)}
      />
      <button type="submit">{t('network.connect')}</button>
      {result !== undefined && <p role="status">{result}</p>}
      {error !== undefined && <ErrorNote error={error} />}
    </form>
  )
}

export function NetworkPage() {
  const { t, date } = useI18n()
  const stateLabel = (state: string) => {
    const key = `network.state.${state}`
    return isMessageKey(key) ? t(key) : state
  }
  const { orgName } = useLabels()
  const { progress } = useLive()
  const authorized = useAuthorized()
  const client = useQueryClient()
  useTitle(t('network.title'))
  const status = useStatus()
  const peers = usePeers()
  const sync = useSync()
  const [syncError, setSyncError] = useState<unknown>()
  // the connection types come with the status; a peer connected since shows 'unknown'
  const typeOf = (peer: { peerId: string; address: string }) =>
    status.data?.network.connections.find(
      (c) => c.peerId === peer.peerId && c.address === peer.address,
    )?.type

  const syncNow = async () => {
    setSyncError(undefined)
    try {
      await authorized(() => node.syncNow())
      void client.invalidateQueries({ queryKey: ['sync'] })
    } catch (failure) {
      setSyncError(failure)
    }
  }

  return (
    <section>
      <h1>{t('network.title')}</h1>
      <h2>{t('network.node')}</h2>
      {status.data?.keyConflict !== undefined && (
        <p role="alert" className="error">
          {t('network.keyConflict', { evidence: status.data.keyConflict.evidence })}
        </p>
      )}
      <QueryView query={status}>
        {(data) => (
          <dl className="fields">
            <div>
              <dt>{t('network.did')}</dt>
              <dd className="mono small">{data.did}</dd>
            </div>
            <div>
              <dt>{t('network.peerId')}</dt>
              <dd className="mono small">{data.peerId}</dd>
            </div>
            <div>
              <dt>{t('network.addresses')}</dt>
              <dd>
                <ul className="mono small">
                  {data.addresses.map((address) => (
                    <li key={address}>{address}</li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt>{t('network.reachability')}</dt>
              <dd>{t(`reachability.${data.network.reachability}`)}</dd>
            </div>
            <div>
              <dt>{t('network.relays')}</dt>
              <dd>
                {data.network.relays.length === 0 ? (
                  <span className="muted">{t('network.noRelays')}</span>
                ) : (
                  <ul className="mono small">
                    {data.network.relays.map((relay) => (
                      <li key={relay}>{relay}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('network.records')}</dt>
              <dd>{data.records}</dd>
            </div>
            <div>
              <dt>{t('network.searchIndex')}</dt>
              <dd>
                {data.search.state} · {data.search.records}
              </dd>
            </div>
          </dl>
        )}
      </QueryView>
      <h2>{t('network.peers')}</h2>
      <QueryView query={peers}>
        {(data) =>
          data.peers.length === 0 ? (
            <p className="muted">{t('network.noPeers')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('network.peers')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('network.peerId')}</th>
                    <th scope="col">{t('network.addresses')}</th>
                    <th scope="col">{t('network.direction')}</th>
                    <th scope="col">{t('network.connection')}</th>
                    <th scope="col">{t('network.offences')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.peers.map((peer) => (
                    <tr key={`${peer.peerId} ${peer.address}`}>
                      <td className="mono small">{peer.peerId}</td>
                      <td className="mono small">{peer.address}</td>
                      <td>{peer.direction}</td>
                      <td>{t(`connection.${typeOf(peer) ?? 'unknown'}`)}</td>
                      <td>{peer.offences}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
      <ConnectForm />
      <h2>{t('network.sync')}</h2>
      <button type="button" onClick={() => void syncNow()}>
        {t('network.syncNow')}
      </button>
      {syncError !== undefined && <ErrorNote error={syncError} />}
      <QueryView query={sync}>
        {(data) =>
          data.logs.length === 0 ? (
            <p className="muted">{t('network.noSync')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">{t('network.sync')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('facet.organization')}</th>
                    <th scope="col">{t('network.state')}</th>
                    <th scope="col">{t('orgs.records')}</th>
                    <th scope="col">{t('network.progress')}</th>
                    <th scope="col">{t('network.peers')}</th>
                    <th scope="col">{t('orgs.lastSeen')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.logs.map((log) => {
                    const live = progress.get(log.did)
                    const current =
                      live ?? (log.progress ? { ...log.progress, complete: false } : undefined)
                    return (
                      <tr key={log.did}>
                        <th scope="row">
                          <Link to={`/orgs/${encodeURIComponent(log.did)}`}>
                            {orgName(log.did)}
                          </Link>
                        </th>
                        <td>
                          {stateLabel(live !== undefined && !live.complete ? 'syncing' : log.state)}
                          {log.overQuota !== undefined && (
                            <div className="quota-flag small" title={log.overQuota}>
                              {t('network.overQuota')}
                            </div>
                          )}
                          {log.lastError !== undefined && log.lastError !== log.overQuota && (
                            <div className="error small">{log.lastError}</div>
                          )}
                        </td>
                        <td>{log.records}</td>
                        <td>
                          {current !== undefined && current.total > 0 ? (
                            <progress
                              max={current.total}
                              value={current.joined}
                              aria-label={`${orgName(log.did)}: ${current.joined} / ${current.total}`}
                            >
                              {current.joined} / {current.total}
                            </progress>
                          ) : (
                            '—'
                          )}
                        </td>
                        <td>{log.holders.length}</td>
                        <td>{date(log.lastUpdate) || '—'}</td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </section>
  )
}
