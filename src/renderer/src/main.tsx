import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { resolveApi } from './api/resolve-api'
import { App } from './app'
import { connectApiEvents, createAppStores } from './stores/app-stores'
import { StoresProvider } from './stores/stores-context'
import './styles/app.css'

const api = resolveApi()
const stores = createAppStores(api)
connectApiEvents(api, stores)
void stores.worker.getState().opened()
void stores.workers.getState().opened()
void stores.brands.getState().opened()
void stores.products.getState().opened()
void stores.logs.getState().opened()
void stores.ingestion.getState().opened()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>
)
