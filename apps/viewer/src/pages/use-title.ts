import { useEffect } from 'react'

/** The document title names the page: screen readers announce it, tabs show it. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title === '' ? 'Polder' : `${title} · Polder`
  }, [title])
}
