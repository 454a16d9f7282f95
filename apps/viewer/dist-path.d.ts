/** The absolute path of the built viewer (`apps/viewer/dist/`), which may not exist yet. */
export declare const distPath: string
