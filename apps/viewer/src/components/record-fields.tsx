/**
 * Every field of a record, each in its fitting form: long texts as markdown, money with
 * its currency, partners, funding and outcomes as tables, codes as their labels. A field
 * no renderer knows is still shown, as its value.
 */
import type { ReactNode } from 'react'
import { Link } from 'react-router-dom'
import { parseRef, recordPath } from '../lib/api'
import { fieldLabel, languageName } from '../lib/field-labels'
import { formatSize } from '../lib/file-size'
import { identifierUrl } from '../lib/identifier-links'
import type { Money } from '../lib/types'
import { useI18n } from '../state/i18n'
import { type ListName, useLabels } from '../state/labels'
import { Markdown } from './markdown'
import { MoneyText } from './money'
import { RecordTitle } from './record-title'

type Json = unknown
type LangMap = Record<string, string>

/** Shown elsewhere on the page (header, relations, history, provenance). */
const ELSEWHERE = new Set([
  'id',
  'kind',
  'author',
  'created',
  'updated',
  'version',
  'schemaVersion',
  'title',
  'summary',
  'body',
  'relations',
])

const MARKDOWN = new Set([
  'abstract',
  'worked',
  'didNotWork',
  'recommendations',
  'adaptations',
  'facilities',
])

const CODE_LISTS: Readonly<Record<string, ListName>> = {
  themes: 'themes',
  status: 'practiceStatuses',
  orgType: 'organizationTypes',
  source: 'fundingSources',
  dimension: 'impactDimensions',
  barrier: 'barriers',
  type: 'relationTypes',
  municipality: 'municipalities',
  province: 'provinces',
}

/** Calendar dates (`2025-06-01`), shown in the reader's format. */
const DATES = new Set(['startDate', 'endDate', 'published'])

const isLangMap = (value: Json): value is LangMap =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length > 0 &&
  Object.entries(value).every(
    ([key, text]) => /^[a-z]{2,3}(-|$)/.test(key) && typeof text === 'string',
  )

const isMoney = (value: Json): value is Money =>
  typeof value === 'object' && value !== null && 'amount' in value && 'currency' in value

interface AttachmentItem {
  readonly cid: string
  readonly name: string
  readonly mediaType: string
  readonly size: number
}

const isAttachment = (value: Json): value is AttachmentItem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as AttachmentItem).cid === 'string' &&
  typeof (value as AttachmentItem).name === 'string' &&
  typeof (value as AttachmentItem).size === 'number'

/** Attachments: name, type and a readable size, and a Download button (the node fetches the file over IPFS). */
function AttachmentList({ items }: { readonly items: readonly AttachmentItem[] }) {
  const { t, locale } = useI18n()
  return (
    <ul className="attachments">
      {items.map((item) => (
        <li key={item.cid}>
          <span className="attachment-name">{item.name}</span>{' '}
          <span className="muted small">
            {item.mediaType} · {formatSize(item.size, locale)}
          </span>{' '}
          <a
            className="button"
            href={`/v1/attachments/${encodeURIComponent(item.cid)}`}
            download={item.name}
            aria-label={t('record.downloadFile', {
              name: item.name,
              size: formatSize(item.size, locale),
            })}
          >
            {t('record.download')}
          </a>
        </li>
      ))}
    </ul>
  )
}

function useValue() {
  const { t, text, language, date } = useI18n()
  const { label, vocabularies } = useLabels()
  const render = (name: string, value: Json): ReactNode => {
    if (value === undefined || value === null) return null
    if (typeof value === 'boolean') return value ? '✓' : '✗'
    if (typeof value === 'number')
      return value.toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB')
    if (typeof value === 'string') {
      if (name === 'languages') return languageName(value, language)
      const list = CODE_LISTS[name]
      // a peer's record may carry a code of a newer vocabulary: shown, and said so
      if ((list === 'municipalities' || list === 'provinces') && vocabularies !== undefined) {
        const known = vocabularies[list].some((item) => item.code === value)
        if (!known) return `${value} (${t('record.unknownCode')})`
      }
      if (list !== undefined) return label(list, value)
      if (DATES.has(name)) return date(value)
      // DOIs and ORCID iDs link to where their registries resolve them
      const identifier = identifierUrl(name, value)
      if (identifier !== undefined)
        return (
          <a
            className={`identifier identifier-${name}`}
            href={identifier}
            rel="noreferrer noopener"
            target="_blank"
          >
            {value}
          </a>
        )
      if (/^https?:\/\//.test(value))
        return (
          <a href={value} rel="noreferrer noopener" target="_blank">
            {value}
          </a>
        )
      // attachments (and data sets, logos) download from the node, which fetches them over IPFS
      if (name === 'cid' || name === 'logo')
        return (
          <a className="mono" href={`/v1/attachments/${encodeURIComponent(value)}`} download>
            {value}
          </a>
        )
      if (name === 'did' || name === 'subject')
        return <Link to={`/orgs/${encodeURIComponent(value)}`}>{value}</Link>
      const ref = parseRef(value)
      if (ref !== undefined)
        return (
          <Link to={recordPath(ref.author, ref.id)}>
            <RecordTitle reference={value} />
          </Link>
        )
      return value
    }
    if (isMoney(value)) return <MoneyText money={value} />
    if (isLangMap(value)) {
      const chosen = text(value)
      return MARKDOWN.has(name) ? <Markdown source={chosen} /> : chosen
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return null
      if (name === 'attachments' && value.every(isAttachment))
        return <AttachmentList items={value} />
      if (value.every((item) => typeof item !== 'object'))
        return (
          <ul className="inline-list">
            {value.map((item) => (
              <li key={String(item)}>{render(name, item)}</li>
            ))}
          </ul>
        )
      return <ObjectTable name={name} items={value as Record<string, Json>[]} render={render} />
    }
    if (typeof value === 'object') {
      return (
        <dl className="nested">
          {Object.entries(value).map(([key, item]) => (
            <div key={key}>
              <dt>{fieldLabel(key, language)}</dt>
              <dd>{render(key, item)}</dd>
            </div>
          ))}
        </dl>
      )
    }
    return String(value)
  }
  return render
}

/** A list of objects (partners, funding, places…) as a table with a column per field. */
function ObjectTable(props: {
  readonly name: string
  readonly items: readonly Record<string, Json>[]
  readonly render: (name: string, value: Json) => ReactNode
}) {
  const { language } = useI18n()
  const columns = [...new Set(props.items.flatMap((item) => Object.keys(item)))]
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{fieldLabel(props.name, language)}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {fieldLabel(column, language)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: items have no identity of their own
            <tr key={index}>
              {columns.map((column) => (
                <td key={column}>{props.render(column, item[column])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function RecordFields({ record }: { readonly record: Readonly<Record<string, Json>> }) {
  const { language } = useI18n()
  const render = useValue()
  const entries = Object.entries(record).filter(([name, value]) => {
    if (ELSEWHERE.has(name) || value === undefined) return false
    return !(Array.isArray(value) && value.length === 0)
  })
  return (
    <dl className="fields">
      {entries.map(([name, value]) => (
        <div key={name} className={`field field-${name}`}>
          <dt>{fieldLabel(name, language)}</dt>
          <dd>{render(name, value)}</dd>
        </div>
      ))}
    </dl>
  )
}
