import { useMemo } from 'react'
import { markdownToHtml } from '../lib/markdown'

/** A record's long text, rendered from markdown and sanitised. */
export function Markdown({ source, lang }: { readonly source: string; readonly lang?: string }) {
  const html = useMemo(() => markdownToHtml(source), [source])
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by DOMPurify in markdownToHtml
  return <div className="markdown" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />
}
