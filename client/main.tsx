import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import './styles/fonts.css';
import './styles/base.css';
import './styles/components.css';
import './styles/briefs.css';
import './styles/brief-page.css';
import './styles/sidebar.css';
import './styles/editor.css';
import './styles/auth.css';
import './styles/share.css';
import './styles/admin.css';
import './styles/history.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The service worker keeps the app shell so a brief still opens, from its
// IndexedDB copy, when the page is reloaded without a network. Only in built
// bundles: under Vite's dev server (the only place import.meta.hot exists) it
// would serve stale modules. Not import.meta.env.PROD: a bundle built with
// NODE_ENV=test (as under vitest) must get offline support too.
if (!import.meta.hot && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('Offline support is unavailable: the service worker did not register.', error);
    });
  });
}
