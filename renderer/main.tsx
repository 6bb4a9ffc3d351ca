import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectApi, detectTransport } from './api';
import { App } from './features/app/app';
import { useAppStore } from './store';
import { viewFromUrl, wireUrlSync } from './store/url-sync';
import { wireEvents } from './store/wire-events';
import './styles/app.css';

connectApi(detectTransport());
wireEvents();
const view = viewFromUrl();
wireUrlSync();
void useAppStore.getState().boot(view);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
