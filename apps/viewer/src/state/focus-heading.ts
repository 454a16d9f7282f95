/**
 * After a navigation inside the app, focus moves to the new page's heading, as a page
 * load would: a screen reader reads where the reader now is, and Tab starts there. Not on
 * the first load (the browser starts at the top) nor when only the query changes (typing
 * a search).
 */
import { useEffect, useRef } from 'react'
import { useLocation } from 'react-router-dom'

/** Frames to wait for a page whose heading appears once its data is there (~2 s). */
const MAX_FRAMES = 120

export function useFocusHeading(): void {
  const { pathname } = useLocation()
  const first = useRef(true)
  // runs on every change of the path (the dependency), though the path is not read inside
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the trigger
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    let frames = 0
    let handle = 0
    const tryFocus = () => {
      const heading = document.querySelector<HTMLElement>('main h1')
      if (heading !== null) {
        if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1')
        heading.focus()
        return
      }
      if (++frames < MAX_FRAMES) handle = requestAnimationFrame(tryFocus)
    }
    handle = requestAnimationFrame(tryFocus)
    return () => cancelAnimationFrame(handle)
  }, [pathname])
}
