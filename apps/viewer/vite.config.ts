/**
 * The viewer's build. In development (`pnpm --filter @polder/viewer dev`) API calls go to a
 * node on POLDER_API (default 127.0.0.1:7878); in production the node serves the build.
 */
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'

const api = `http://${process.env.POLDER_API ?? '127.0.0.1:7878'}`

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['icons/*.svg', 'data/*.topojson'],
      manifest: {
        name: 'Polder',
        short_name: 'Polder',
        description: 'Kennisnetwerk voor slimme steden · Knowledge network for smart cities',
        lang: 'nl',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#14532d',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // the app shell and the boundary data work offline; the API never comes from a cache
        globPatterns: ['**/*.{js,css,html,svg,png,topojson,webmanifest}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/v1\//, /^\/health/, /^\/openapi\.json/, /^\/metrics/],
      },
    }),
  ],
  server: { proxy: { '/v1': api, '/health': api } },
  build: {
    target: 'es2023',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/echarts') || id.includes('node_modules/zrender'))
            return 'charts'
          return undefined
        },
      },
    },
  },
})
