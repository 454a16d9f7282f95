/** Where this copy of the record came from: author, signature check, peer and time. */
import { Link } from 'react-router-dom'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { useProvenance } from '../state/queries'
import { ErrorNote, Loading, Unavailable } from './status'

export function RecordProvenance({
  reference,
  author,
}: {
  readonly reference: string
  readonly author: string
}) {
  const { t, date } = useI18n()
  const { orgName } = useLabels()
  const provenance = useProvenance(reference)
  const data = provenance.data
  return (
    <section aria-labelledby="provenance-title">
      <h2 id="provenance-title">{t('record.provenance')}</h2>
      <dl className="fields">
        <div>
          <dt>{t('record.author')}</dt>
          <dd>
            <Link to={`/orgs/${encodeURIComponent(author)}`}>{orgName(author)}</Link>
            <div className="muted small mono">{author}</div>
          </dd>
        </div>
        {provenance.error ? null : provenance.isPending ? null : data === null ||
          data === undefined ? null : (
          <>
            <div>
              <dt>{t('record.signature')}</dt>
              <dd className={data.signatureVerified ? 'ok' : 'error'}>
                {data.signatureVerified
                  ? `✓ ${t('record.signatureOk')}`
                  : `✗ ${t('record.signatureBad')}`}
              </dd>
            </div>
            {data.local ? (
              <div>
                <dt>{t('record.receivedFrom')}</dt>
                <dd>{t('record.local')}</dd>
              </div>
            ) : (
              <>
                <div>
                  <dt>{t('record.receivedFrom')}</dt>
                  <dd className="mono">{data.receivedFrom ?? '—'}</dd>
                </div>
                <div>
                  <dt>{t('record.receivedAt')}</dt>
                  <dd>
                    {data.receivedAt === undefined
                      ? '—'
                      : `${date(data.receivedAt)} ${data.receivedAt.slice(11, 19)}`}
                  </dd>
                </div>
              </>
            )}
            <div>
              <dt>{t('record.entry')}</dt>
              <dd className="mono small">{data.entry}</dd>
            </div>
          </>
        )}
      </dl>
      {provenance.error ? (
        <ErrorNote error={provenance.error} />
      ) : provenance.isPending ? (
        <Loading />
      ) : data === null ? (
        <Unavailable />
      ) : null}
    </section>
  )
}
