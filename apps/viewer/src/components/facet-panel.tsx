/** Filters: every facet with its counts; a value toggles; one button clears them all. */
import { useState } from 'react'
import { FACETS, hasFilters, isActive, type SearchState } from '../lib/search-state'
import type { FacetCount, FacetName, SearchAnswer } from '../lib/types'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'

const FIRST = 6

interface FacetPanelProps {
  readonly state: SearchState
  readonly facets: SearchAnswer['facets'] | undefined
  readonly onToggle: (facet: FacetName, value: string) => void
  readonly onClear: () => void
}

function FacetGroup(props: {
  readonly facet: FacetName
  readonly counts: readonly FacetCount[]
  readonly state: SearchState
  readonly onToggle: (facet: FacetName, value: string) => void
}) {
  const { facet, counts, state, onToggle } = props
  const { t } = useI18n()
  const { facetLabel } = useLabels()
  const [all, setAll] = useState(false)
  // chosen values stay visible even when the long tail is folded
  const shown = all
    ? counts
    : counts.filter((entry, index) => index < FIRST || isActive(state, facet, entry.value))
  const id = `facet-${facet}`
  return (
    <fieldset className="facet">
      <legend id={id}>{t(`facet.${facet}`)}</legend>
      <ul>
        {shown.map((entry) => {
          const inputId = `${id}-${entry.value.replace(/[^A-Za-z0-9_-]/g, '_')}`
          return (
            <li key={entry.value}>
              <input
                type="checkbox"
                id={inputId}
                checked={isActive(state, facet, entry.value)}
                onChange={() => onToggle(facet, entry.value)}
              />
              <label htmlFor={inputId}>
                {facetLabel(facet, entry)} <span className="count">({entry.count})</span>
              </label>
            </li>
          )
        })}
      </ul>
      {counts.length > FIRST && (
        <button type="button" className="link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('search.showLess') : t('search.showMore', { count: counts.length })}
        </button>
      )}
    </fieldset>
  )
}

export function FacetPanel({ state, facets, onToggle, onClear }: FacetPanelProps) {
  const { t } = useI18n()
  return (
    <section className="facets" aria-labelledby="filters-title">
      <div className="facets-head">
        <h2 id="filters-title">{t('search.filters')}</h2>
        <button type="button" onClick={onClear} disabled={!hasFilters(state)}>
          {t('search.clear')}
        </button>
      </div>
      {FACETS.map((facet) => {
        const counts = facets?.[facet] ?? []
        if (counts.length === 0 && (state.filters[facet]?.length ?? 0) === 0) return null
        // a chosen value with no match left still shows, so it can be unchosen
        const chosen = (state.filters[facet] ?? [])
          .filter((value) => !counts.some((entry) => entry.value === value))
          .map((value) => ({ value, count: 0 }))
        return (
          <FacetGroup
            key={facet}
            facet={facet}
            counts={[...counts, ...chosen]}
            state={state}
            onToggle={onToggle}
          />
        )
      })}
    </section>
  )
}
