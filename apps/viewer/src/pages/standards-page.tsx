/**
 * The open standards: for each standard of the vocabulary, how many practices use it and
 * how often those practices were adopted elsewhere, counted by the node from the records
 * (`GET /v1/overview`), never claimed.
 */
import { Link } from 'react-router-dom'
import { ErrorNote, Loading } from '../components/status'
import { saveText, toCsv } from '../lib/csv'
import { useOverview } from '../state/agenda-queries'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { useVocabularies } from '../state/queries'
import { useTitle } from './use-title'

export default function StandardsPage() {
  const { t, text } = useI18n()
  const { label } = useLabels()
  useTitle(t('standards.title'))
  const vocabularies = useVocabularies()
  const overview = useOverview({})
  if (vocabularies.error || overview.error)
    return <ErrorNote error={vocabularies.error ?? overview.error} />
  if (vocabularies.data === undefined || overview.data === undefined) return <Loading />
  const counts = new Map(overview.data.standards.map((s) => [s.code, s]))
  const rows = vocabularies.data.standards
    .map((standard) => ({
      standard,
      practices: counts.get(standard.code)?.practices ?? 0,
      adoptions: counts.get(standard.code)?.adoptions ?? 0,
    }))
    .sort(
      (a, b) =>
        b.practices - a.practices ||
        b.adoptions - a.adoptions ||
        a.standard.code.localeCompare(b.standard.code),
    )
  const download = () =>
    saveText(
      'polder-standards.csv',
      toCsv(
        [
          'code',
          t('standards.name'),
          t('standards.type'),
          t('standards.maintainer'),
          'url',
          t('standards.practices'),
          t('standards.adoptions'),
        ],
        rows.map((r) => [
          r.standard.code,
          text(r.standard.label),
          r.standard.type,
          r.standard.maintainer,
          r.standard.url,
          r.practices,
          r.adoptions,
        ]),
      ),
    )
  return (
    <section className="standards">
      <h1>{t('standards.title')}</h1>
      <p>{t('standards.intro')}</p>
      <button type="button" className="link" onClick={download}>
        {t('overview.csv')}
      </button>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('standards.name')}</th>
            <th scope="col">{t('standards.type')}</th>
            <th scope="col">{t('standards.maintainer')}</th>
            <th scope="col">{t('standards.practices')}</th>
            <th scope="col">{t('standards.adoptions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ standard, practices, adoptions }) => (
            <tr key={standard.code}>
              <th scope="row">
                <a href={standard.url} rel="noreferrer" target="_blank">
                  {text(standard.label)}
                </a>
                <div className="muted small">{text(standard.description)}</div>
              </th>
              <td>{label('standardTypes', standard.type)}</td>
              <td>{standard.maintainer}</td>
              <td>
                {practices > 0 ? (
                  <Link to={`/?kind=practice&standard=${encodeURIComponent(standard.code)}`}>
                    {practices}
                  </Link>
                ) : (
                  0
                )}
              </td>
              <td>{adoptions}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
