/** Publish: choose a kind, then its form; edit: an own record's form with its values. */
import { Link, useParams, useSearchParams } from 'react-router-dom'
import { RecordForm } from '../components/record-form'
import { ErrorNote, Loading } from '../components/status'
import { refOf } from '../lib/api'
import { editableOf, initialValue } from '../lib/form-model'
import type { PolderRecord } from '../lib/types'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { useRecord, useSchema, useStatus, useVocabularies } from '../state/queries'
import { useTitle } from './use-title'

export function PublishPage() {
  const { t } = useI18n()
  const { label } = useLabels()
  useTitle(t('publish.title'))
  const vocabularies = useVocabularies()
  return (
    <section>
      <h1>{t('publish.title')}</h1>
      <p>{t('publish.intro')}</p>
      {vocabularies.error ? (
        <ErrorNote error={vocabularies.error} />
      ) : (
        <ul className="kind-list">
          {(vocabularies.data?.kinds ?? []).map((kind) => (
            <li key={kind.code}>
              <Link className="button" to={`/publish/${kind.code}`}>
                {label('kinds', kind.code)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

export function PublishKindPage() {
  const { kind = '' } = useParams()
  const { t, language } = useI18n()
  const { label } = useLabels()
  const title = t('publish.new', { kind: label('kinds', kind) })
  useTitle(title)
  const schema = useSchema(kind)
  const status = useStatus()
  // "answer this question" and "we have this question too" arrive with the relation
  const [params] = useSearchParams()
  const relations = (['answers', 'endorses'] as const).flatMap((type) =>
    params.getAll(type).map((target) => ({ type, target })),
  )
  return (
    <section>
      <h1>{title}</h1>
      {schema.error ? (
        <ErrorNote error={schema.error} />
      ) : schema.data === undefined || status.data === undefined ? (
        <Loading />
      ) : (
        <RecordForm
          key={kind}
          schema={schema.data}
          initial={{
            ...initialValue(kind, schema.data, [language]),
            ...(relations.length > 0 ? { relations } : {}),
          }}
        />
      )}
    </section>
  )
}

export function EditPage() {
  const { author = '', id = '' } = useParams()
  const { t, text } = useI18n()
  const record = useRecord(refOf(author, id))
  const data = record.data
  const schema = useSchema(data?.kind)
  const status = useStatus()
  const title = t('publish.edit', {
    title: data !== undefined && 'title' in data ? text(data.title) : id,
  })
  useTitle(title)
  if (record.error) return <ErrorNote error={record.error} />
  if (data === undefined || schema.data === undefined || status.data === undefined)
    return <Loading />
  if (data.author !== status.data.did || 'reason' in data)
    return (
      <section>
        <h1>{title}</h1>
        <p>{t('publish.onlyOwn')}</p>
      </section>
    )
  const live = data as PolderRecord
  return (
    <section>
      <h1>{title}</h1>
      <RecordForm
        schema={schema.data}
        editing={live}
        initial={editableOf(live as unknown as Record<string, unknown>)}
      />
    </section>
  )
}
