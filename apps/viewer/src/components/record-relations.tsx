/** What this record points to (its relations) and what points to it (lessons, adoptions, citations). */
import { Link } from 'react-router-dom'
import { parseRef, recordPath } from '../lib/api'
import type { PolderRecord } from '../lib/types'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { useRelated } from '../state/queries'
import { RecordTitle } from './record-title'
import { Loading, Unavailable } from './status'

function RefLink({ reference, title }: { readonly reference: string; readonly title?: string }) {
  const parsed = parseRef(reference)
  if (parsed === undefined) return <>{reference}</>
  return (
    <Link to={recordPath(parsed.author, parsed.id)}>
      {title ?? <RecordTitle reference={reference} />}
    </Link>
  )
}

export function RecordRelations({
  record,
  reference,
}: {
  readonly record: PolderRecord
  readonly reference: string
}) {
  const { t, text } = useI18n()
  const { label } = useLabels()
  const related = useRelated(reference)
  return (
    <section aria-labelledby="relations-title">
      <h2 id="relations-title">{t('record.relations')}</h2>
      <h3>{t('record.outgoing')}</h3>
      {record.relations.length === 0 ? (
        <p className="muted">{t('record.noRelations')}</p>
      ) : (
        <ul>
          {record.relations.map((relation) => (
            <li key={`${relation.type} ${relation.target}`}>
              {label('relationTypes', relation.type)}: <RefLink reference={relation.target} />
            </li>
          ))}
        </ul>
      )}
      <h3>{t('record.incoming')}</h3>
      {related.isPending ? (
        <Loading />
      ) : related.data === null || related.data === undefined ? (
        <Unavailable />
      ) : related.data.incoming.length === 0 ? (
        <p className="muted">{t('record.noRelations')}</p>
      ) : (
        <ul>
          {related.data.incoming.map((item) => (
            <li key={`${item.type} ${item.source}`}>
              <span className={`badge kind-${item.kind}`}>{label('kinds', item.kind)}</span>{' '}
              {label('relationTypes', item.type)}:{' '}
              <RefLink reference={item.source} title={text(item.title)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
