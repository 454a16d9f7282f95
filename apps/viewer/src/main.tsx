/** Entry: take the API token from the address, then start the app. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { App } from './app'
import { captureTokenFromLocation } from './lib/token'
import { I18nProvider } from './state/i18n'
import { LiveProvider } from './state/live'
import { TokenProvider } from './state/token'
import './styles.css'

captureTokenFromLocation()

const client = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 5_000, refetchOnWindowFocus: true, retry: 1 },
  },
})

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root')

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={client}>
      <I18nProvider>
        <BrowserRouter>
          <LiveProvider>
            <TokenProvider>
              <App />
            </TokenProvider>
          </LiveProvider>
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
)
