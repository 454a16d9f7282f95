/** One record: what it says, every field, its relations, versions and provenance. */
import { useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { CiteBox } from '../components/cite-box'
import { RecordDownloads } from '../components/download-menu'
import { Markdown } from '../components/markdown'
import { RecordAgenda } from '../components/record-agenda'
import { RecordFields } from '../components/record-fields'
import { RecordHistory } from '../components/record-history'
import { RecordProvenance } from '../components/record-provenance'
import { RecordRelations } from '../components/record-relations'
import { RetractForm } from '../components/retract-form'
import { ErrorNote, Loading } from '../components/status'
import { ApiError, refOf } from '../lib/api'
import type { PolderRecord } from '../lib/types'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { useRecord, useStatus } from '../state/queries'
import { useTitle } from './use-title'

export function RecordPage() {
  const { author = '', id = '' } = useParams()
  const reference = refOf(author, id)
  const { t, text, date } = useI18n()
  const { label, orgName } = useLabels()
  const record = useRecord(reference)
  const own = useStatus().data?.did === author
  const [retracting, setRetracting] = useState(false)
  const data = record.data
  useTitle(data !== undefined && 'title' in data ? text(data.title) : '')

  if (record.error instanceof ApiError && record.error.status === 404)
    return (
      <section>
        <h1>{t('record.notFound')}</h1>
        <p className="mono">{reference}</p>
      </section>
    )
  if (record.error) return <ErrorNote error={record.error} />
  if (data === undefined) return <Loading />

  if ('reason' in data) {
    return (
      <article className="record retracted">
        <h1>{t('record.retracted')}</h1>
        <p>{t('record.retractedReason', { reason: text(data.reason) })}</p>
        <p className="muted">
          {label('kinds', data.kind)} · {t('record.by', { org: orgName(data.author) })} ·{' '}
          {date(data.updated)}
        </p>
        <RecordHistory reference={reference} />
      </article>
    )
  }

  const live = data as PolderRecord
  const textLang = (map: Readonly<Record<string, string>> | undefined) =>
    map === undefined ? undefined : Object.keys(map).find((key) => map[key] === text(map))
  return (
    <article className="record">
      <header className="record-header">
        <p className="hit-meta">
          <span className={`badge kind-${live.kind}`}>{label('kinds', live.kind)}</span>
          <Link to={`/orgs/${encodeURIComponent(live.author)}`}>{orgName(live.author)}</Link>
          <span>{t('record.updated', { date: date(live.updated) })}</span>
          <span>{t('record.version', { version: live.version })}</span>
        </p>
        <h1 lang={textLang(live.title)}>{text(live.title)}</h1>
        <RecordDownloads path={`/v1/records/${encodeURIComponent(reference)}`} name={live.id} />
        {live.summary !== undefined && (
          <p className="lead" lang={textLang(live.summary)}>
            {text(live.summary)}
          </p>
        )}
        {own && (
          <div className="actions">
            <Link className="button" to={`/edit/${live.author}/${live.id}`}>
              {t('record.edit')}
            </Link>
            <button
              type="button"
              className="danger"
              aria-expanded={retracting}
              onClick={() => setRetracting(!retracting)}
            >
              {t('record.retract')}
            </button>
          </div>
        )}
        {retracting && (
          <RetractForm reference={reference} id={live.id} onDone={() => setRetracting(false)} />
        )}
      </header>
      {live.body !== undefined && <Markdown source={text(live.body)} lang={textLang(live.body)} />}
      <section aria-labelledby="details-title">
        <h2 id="details-title">{t('record.details')}</h2>
        <RecordFields record={live as unknown as Record<string, unknown>} />
        <p className="muted small mono">
          {t('record.reference')}: {reference}
        </p>
      </section>
      <CiteBox path={`/v1/records/${encodeURIComponent(reference)}`} />
      <RecordRelations record={live} reference={reference} />
      <RecordAgenda record={live} reference={reference} />
      <RecordHistory reference={reference} />
      <RecordProvenance reference={reference} author={live.author} />
    </article>
  )
}
