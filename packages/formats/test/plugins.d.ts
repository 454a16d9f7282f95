// citation-js plugins register themselves on import and ship no types
declare module '@citation-js/plugin-bibtex'
declare module '@citation-js/plugin-ris'
