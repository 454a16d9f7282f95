/** Markdown of record texts to safe HTML: marked renders, DOMPurify removes anything active. */
import DOMPurify from 'dompurify'
import { marked } from 'marked'

export function markdownToHtml(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true } })
}

/** The search's snippets are escaped text with `<mark>`: keep exactly that. */
export const safeSnippet = (html: string): string =>
  DOMPurify.sanitize(html, { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [] })
