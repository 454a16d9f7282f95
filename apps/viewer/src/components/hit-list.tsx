/**
 * Search results: title, kind, organisation, snippet, budget. ↑/↓ move between results
 * (roving focus over the links), Enter opens one.
 */
import { type KeyboardEvent, useRef } from 'react'
import { Link } from 'react-router-dom'
import { recordPath } from '../lib/api'
import { safeSnippet } from '../lib/markdown'
import type { SearchHit } from '../lib/types'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { MoneyText } from './money'

export interface HitListProps {
  readonly hits: readonly SearchHit[]
  /** Called when ↑ is pressed on the first result. */
  readonly onLeaveTop: () => void
}

export function HitList({ hits, onLeaveTop }: HitListProps) {
  const { t, text, date } = useI18n()
  const { label, orgName } = useLabels()
  const list = useRef<HTMLOListElement>(null)

  const move = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    const links = [...(list.current?.querySelectorAll<HTMLAnchorElement>('a.hit-link') ?? [])]
    const index = links.indexOf(document.activeElement as HTMLAnchorElement)
    if (index < 0) return
    event.preventDefault()
    if (event.key === 'ArrowUp' && index === 0) return onLeaveTop()
    links[event.key === 'ArrowDown' ? Math.min(index + 1, links.length - 1) : index - 1]?.focus()
  }

  return (
    <ol className="hits" ref={list} onKeyDown={move}>
      {hits.map((hit) => (
        <li key={`${hit.author}/${hit.id}/${hit.version}`} className="hit">
          <div className="hit-meta">
            <span className={`badge kind-${hit.kind}`}>{label('kinds', hit.kind)}</span>
            <span>{orgName(hit.author)}</span>
            <span>{date(hit.updated)}</span>
            {hit.budget !== undefined && <MoneyText money={hit.budget} />}
          </div>
          <h3>
            <Link className="hit-link" to={recordPath(hit.author, hit.id)}>
              {text(hit.title)}
            </Link>
          </h3>
          {hit.snippet !== '' ? (
            <p
              className="snippet"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped by the node, only <mark> kept
              dangerouslySetInnerHTML={{ __html: safeSnippet(hit.snippet) }}
            />
          ) : (
            hit.summary !== undefined && <p className="snippet">{text(hit.summary)}</p>
          )}
          {hit.version > 1 && (
            <span className="muted">{t('record.version', { version: hit.version })}</span>
          )}
        </li>
      ))}
    </ol>
  )
}
