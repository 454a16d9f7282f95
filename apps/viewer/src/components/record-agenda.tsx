/**
 * A record's place on the agenda: related work (more like this) on every record page; for
 * a question also its answers, who endorsed it, who could answer it, and links to answer
 * or endorse it with a prefilled form.
 */
import { Link } from 'react-router-dom'
import { parseRef, recordPath } from '../lib/api'
import { costShares } from '../lib/cost-sharing'
import { formatMoney } from '../lib/money'
import type { PolderRecord } from '../lib/types'
import { useSimilar } from '../state/agenda-queries'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { ErrorNote, Loading } from './status'

export function RecordAgenda({ record, reference }: { record: PolderRecord; reference: string }) {
  const { t, text, locale } = useI18n()
  const { label, orgName } = useLabels()
  const shares = costShares(record)
  const similar = useSimilar(reference)
  if (similar.error) return <ErrorNote error={similar.error} />
  if (similar.data === undefined) return <Loading />
  const { related, answerers } = similar.data
  const linkOf = (ref: string, title: Readonly<Record<string, string>>) => {
    const parsed = parseRef(ref)
    return parsed === undefined ? (
      text(title)
    ) : (
      <Link to={recordPath(parsed.author, parsed.id)}>{text(title)}</Link>
    )
  }
  const answers = related.filter((r) => r.direction === 'incoming' && r.type === 'answers')
  const endorsers = related.filter((r) => r.direction === 'incoming' && r.type === 'endorses')
  const encoded = encodeURIComponent(reference)
  return (
    <>
      {shares.length > 0 && (
        <section aria-labelledby="costs-title" className="cost-sharing">
          <h2 id="costs-title">{t('costs.title')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('costs.funder')}</th>
                <th scope="col">{t('costs.contribution')}</th>
                <th scope="col">{t('costs.share')}</th>
              </tr>
            </thead>
            <tbody>
              {shares.map((share) => (
                <tr key={`${share.funder} ${share.source} ${share.contribution.amount}`}>
                  <th scope="row">
                    {share.funder || label('fundingSources', share.source)}{' '}
                    {share.partner && <span className="muted">{t('costs.partner')}</span>}
                  </th>
                  <td>{formatMoney(share.contribution, locale)}</td>
                  <td>
                    {share.percent === undefined ? '—' : `${share.percent.toLocaleString(locale)}%`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {record.kind === 'question' && (
        <section aria-labelledby="question-title" className="question-agenda">
          <h2 id="question-title">{t('question.answers')}</h2>
          {answers.length === 0 ? (
            <p className="muted">{t('question.noAnswers')}</p>
          ) : (
            <ul>
              {answers.map((a) => (
                <li key={a.ref}>
                  <span className={`badge kind-${a.kind}`}>{label('kinds', a.kind)}</span>{' '}
                  {linkOf(a.ref, a.title)}
                </li>
              ))}
            </ul>
          )}
          <p className="actions">
            <Link className="button" to={`/publish/finding?answers=${encoded}`}>
              {t('question.answer')} ({label('kinds', 'finding')})
            </Link>
            <Link className="button" to={`/publish/practice?answers=${encoded}`}>
              {t('question.answer')} ({label('kinds', 'practice')})
            </Link>
            <Link className="button" to={`/publish/endorsement?endorses=${encoded}`}>
              {t('question.endorse')}
            </Link>
          </p>
          <h3>{t('question.endorsers')}</h3>
          {endorsers.length === 0 ? (
            <p className="muted">{t('question.noEndorsers')}</p>
          ) : (
            <ul className="endorsers">
              {endorsers.map((e) => {
                const parsed = parseRef(e.ref)
                return (
                  <li key={e.ref}>
                    {parsed === undefined ? (
                      e.ref
                    ) : (
                      <Link to={`/orgs/${encodeURIComponent(parsed.author)}`}>
                        {orgName(parsed.author)}
                      </Link>
                    )}
                  </li>
                )
              })}
            </ul>
          )}
          <h3>{t('question.answerers')}</h3>
          <ul className="answerers">
            {answerers.map((a) => (
              <li key={a.did}>
                <Link to={`/orgs/${encodeURIComponent(a.did)}`}>
                  {a.name === undefined ? orgName(a.did) : text(a.name)}
                </Link>{' '}
                <span className="count">({a.records})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="similar-title">
        <h2 id="similar-title">{t('similar.title')}</h2>
        {similar.data.similar.length === 0 ? (
          <p className="muted">{t('similar.none')}</p>
        ) : (
          <ul className="similar">
            {similar.data.similar.map((hit) => (
              <li key={`${hit.author}/${hit.id}`}>
                <span className={`badge kind-${hit.kind}`}>{label('kinds', hit.kind)}</span>{' '}
                <Link to={recordPath(hit.author, hit.id)}>{text(hit.title)}</Link>{' '}
                <span className="muted">{orgName(hit.author)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
