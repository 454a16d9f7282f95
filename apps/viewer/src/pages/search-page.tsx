/**
 * Search with facets. The address bar holds the search (a link to share); typing
 * searches after a short pause, the previous results staying until the new ones arrive.
 */
import { type KeyboardEvent, useEffect, useRef, useState } from 'react'
import { useSearchParams } from 'react-router-dom'
import { SearchDownloads } from '../components/download-menu'
import { FacetPanel } from '../components/facet-panel'
import { FirstRunGuide } from '../components/first-run-guide'
import { HitList } from '../components/hit-list'
import { ErrorNote, Loading } from '../components/status'
import {
  apiQuery,
  clearFilters,
  paramsFromState,
  type SearchState,
  type Sort,
  stateFromParams,
  toggleFilter,
} from '../lib/search-state'
import { useI18n } from '../state/i18n'
import { useSearch } from '../state/queries'
import { useTitle } from './use-title'

/** Keystrokes closer together than this are one search. */
const TYPING_MS = 120

export function SearchPage() {
  const { t } = useI18n()
  useTitle(t('nav.search'))
  const [params, setParams] = useSearchParams()
  // the page's own state leads (a click shows at once); the address follows it
  const [state, setState] = useState<SearchState>(() => stateFromParams(params))
  const [text, setText] = useState(state.q)
  const written = useRef(params.toString())
  const box = useRef<HTMLInputElement>(null)
  const results = useRef<HTMLDivElement>(null)

  const apply = (next: SearchState) => {
    setState(next)
    const query = paramsFromState(next)
    written.current = query.toString()
    setParams(query, { replace: true })
  }

  // the text waits for a pause in typing; filters apply at once
  useEffect(() => {
    if (text === state.q) return
    const timer = window.setTimeout(() => apply({ ...state, q: text }), TYPING_MS)
    return () => window.clearTimeout(timer)
  })

  // the address changed from outside (Back, a link to a search): the page follows it
  useEffect(() => {
    const query = params.toString()
    if (query === written.current) return
    written.current = query
    const next = stateFromParams(params)
    setState(next)
    setText(next.q)
  }, [params])

  // "/" anywhere puts the cursor in the search box
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement
      if (event.key !== '/' || target.closest('input, textarea, select') !== null) return
      event.preventDefault()
      box.current?.focus()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])

  const query = useSearch(state)
  const pages = query.data?.pages ?? []
  const first = pages[0]
  const hits = pages.flatMap((page) => page.hits)

  const onBoxKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowDown') return
    const link = results.current?.querySelector<HTMLAnchorElement>('a.hit-link')
    if (link) {
      event.preventDefault()
      link.focus()
    }
  }

  return (
    <div className="search-page">
      <h1>{t('search.title')}</h1>
      <search className="search-bar">
        <label htmlFor="search-box" className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id="search-box"
          ref={box}
          type="search"
          value={text}
          placeholder={t('search.placeholder')}
          aria-describedby="search-keys"
          aria-controls="search-results"
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onBoxKey}
        />
        <label htmlFor="search-sort">{t('search.sort')}</label>
        <select
          id="search-sort"
          value={state.sort ?? ''}
          onChange={(event) =>
            apply({
              ...state,
              ...(event.target.value === ''
                ? { sort: undefined }
                : { sort: event.target.value as Sort }),
            })
          }
        >
          <option value="">{t(state.q ? 'search.sort.relevance' : 'search.sort.date')}</option>
          <option value="relevance">{t('search.sort.relevance')}</option>
          <option value="date">{t('search.sort.date')}</option>
          <option value="budget">{t('search.sort.budget')}</option>
        </select>
        <label htmlFor="search-order">{t('search.order')}</label>
        <select
          id="search-order"
          value={state.order ?? 'desc'}
          onChange={(event) =>
            apply({ ...state, order: event.target.value === 'asc' ? 'asc' : 'desc' })
          }
        >
          <option value="desc">{t('search.order.desc')}</option>
          <option value="asc">{t('search.order.asc')}</option>
        </select>
        <label htmlFor="budget-min">{t('search.budgetMin')}</label>
        <input
          id="budget-min"
          className="amount"
          inputMode="numeric"
          value={state.budgetMin ?? ''}
          onChange={(event) => apply({ ...state, budgetMin: event.target.value || undefined })}
        />
        <label htmlFor="budget-max">{t('search.budgetMax')}</label>
        <input
          id="budget-max"
          className="amount"
          inputMode="numeric"
          value={state.budgetMax ?? ''}
          onChange={(event) => apply({ ...state, budgetMax: event.target.value || undefined })}
        />
      </search>
      <p id="search-keys" className="muted small">
        {t('search.keys')}
      </p>
      <div className="search-layout">
        <FacetPanel
          state={state}
          facets={first?.facets}
          onToggle={(facet, value) => apply(toggleFilter(state, facet, value))}
          onClear={() => apply(clearFilters(state))}
        />
        <div className="results" id="search-results" ref={results}>
          {query.error ? (
            <ErrorNote error={query.error} />
          ) : first === undefined ? (
            <Loading />
          ) : (
            <>
              <p className="result-count" role="status" aria-live="polite">
                {first.total === 1
                  ? t('search.result')
                  : t('search.results', { count: first.total })}
                {query.isFetching && !query.isFetchingNextPage ? ' …' : ''}
              </p>
              <SearchDownloads query={apiQuery(state)} />
              {first.index.state !== 'ready' && (
                <p className="muted">{t('search.indexing', { records: first.index.records })}</p>
              )}
              {first.relaxed && <p className="note">{t('search.relaxed')}</p>}
              {first.broad && <p className="note">{t('search.broad')}</p>}
              {hits.length === 0 && first.index.records === 0 && first.index.state === 'ready' ? (
                <FirstRunGuide />
              ) : hits.length === 0 ? (
                <p>{t('search.noResults')}</p>
              ) : (
                <HitList hits={hits} onLeaveTop={() => box.current?.focus()} />
              )}
              {query.hasNextPage && (
                <button
                  type="button"
                  onClick={() => void query.fetchNextPage()}
                  disabled={query.isFetchingNextPage}
                >
                  {t('search.more')}
                </button>
              )}
            </>
          )}
        </div>
      </div>
    </div>
  )
}
