/** "Download": a record or a search in open formats (see docs/formats.md). */
import { useState } from 'react'
import {
  type DownloadFormat,
  downloadRecord,
  RECORD_DOWNLOADS,
  searchDownloads,
} from '../lib/downloads'
import { useI18n } from '../state/i18n'

/** The Download menu of a search: links to its CSV and its Atom feed. */
export function SearchDownloads({ query }: { readonly query: string }) {
  const { t } = useI18n()
  return (
    <details className="download-menu">
      <summary>{t('download.title')}</summary>
      <ul>
        {searchDownloads(query).map((item) => (
          <li key={item.label}>
            <a href={item.href} download={item.label === 'CSV' ? 'polder-export.csv' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  )
}

/** The Download menu of a record: its linked-data and citation forms. */
export function RecordDownloads({ path, name }: { readonly path: string; readonly name: string }) {
  const { t } = useI18n()
  const [error, setError] = useState<string | undefined>()
  const save = (format: DownloadFormat) => {
    setError(undefined)
    downloadRecord(path, format, name).catch((cause: Error) => setError(cause.message))
  }
  return (
    <details className="download-menu">
      <summary>{t('download.title')}</summary>
      <ul>
        {RECORD_DOWNLOADS.map((format) => (
          <li key={format.label}>
            <button type="button" className="link" onClick={() => save(format)}>
              {format.label}
            </button>
          </li>
        ))}
      </ul>
      {error !== undefined && <p className="error">{t('common.error', { message: error })}</p>}
    </details>
  )
}
