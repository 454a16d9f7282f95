/**
 * The question board: the collective's open knowledge questions per theme and region,
 * the most endorsed first (endorsements and answers counted by the node).
 */
import { Link, useSearchParams } from 'react-router-dom'
import { ErrorNote, Loading } from '../components/status'
import { recordPath, refOf } from '../lib/api'
import { useBoard } from '../state/agenda-queries'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { useVocabularies } from '../state/queries'
import { useTitle } from './use-title'

export default function QuestionsPage() {
  const { t, text } = useI18n()
  const { label, orgName } = useLabels()
  useTitle(t('questions.title'))
  const [params, setParams] = useSearchParams()
  const theme = params.get('theme') ?? ''
  const province = params.get('province') ?? ''
  const vocabularies = useVocabularies().data
  const filters: Record<string, string> = {
    ...(theme === '' ? {} : { theme }),
    ...(province === '' ? {} : { province }),
  }
  const board = useBoard(filters)
  const choose = (name: 'theme' | 'province', value: string) => {
    const next = new URLSearchParams(params)
    if (value === '') next.delete(name)
    else next.set(name, value)
    setParams(next)
  }
  const questions = [...(board.data?.questions ?? [])].map((q) => {
    const ref = refOf(q.author, q.id)
    return {
      hit: q,
      endorsements: board.data?.endorsements.get(ref) ?? 0,
      answers: board.data?.answers.get(ref) ?? 0,
    }
  })
  questions.sort((a, b) => b.endorsements - a.endorsements || b.answers - a.answers)
  return (
    <section className="questions">
      <h1>{t('questions.title')}</h1>
      <p>{t('questions.intro')}</p>
      <div className="controls">
        <label htmlFor="board-theme">{t('questions.theme')}</label>
        <select id="board-theme" value={theme} onChange={(e) => choose('theme', e.target.value)}>
          <option value="">{t('questions.all')}</option>
          {(vocabularies?.themes ?? []).map((item) => (
            <option key={item.code} value={item.code}>
              {text(item.label)}
            </option>
          ))}
        </select>
        <label htmlFor="board-province">{t('questions.province')}</label>
        <select
          id="board-province"
          value={province}
          onChange={(e) => choose('province', e.target.value)}
        >
          <option value="">{t('questions.all')}</option>
          {(vocabularies?.provinces ?? []).map((item) => (
            <option key={item.code} value={item.code}>
              {item.name}
            </option>
          ))}
        </select>
      </div>
      {board.error ? (
        <ErrorNote error={board.error} />
      ) : board.isPending ? (
        <Loading />
      ) : questions.length === 0 ? (
        <p className="muted">{t('questions.none')}</p>
      ) : (
        <ol className="hit-list question-board">
          {questions.map(({ hit, endorsements, answers }) => (
            <li key={`${hit.author}/${hit.id}`} className="hit">
              <h2>
                <Link to={recordPath(hit.author, hit.id)}>{text(hit.title)}</Link>
              </h2>
              <p className="hit-meta">
                <span className="badge">
                  {endorsements === 1
                    ? t('questions.endorsement')
                    : t('questions.endorsements', { count: endorsements })}
                </span>
                <span className="badge">
                  {answers === 1
                    ? t('questions.answer')
                    : t('questions.answers', { count: answers })}
                </span>
                <span>{orgName(hit.author)}</span>
                <span>{label('kinds', hit.kind)}</span>
              </p>
              {hit.summary !== undefined && <p>{text(hit.summary)}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
