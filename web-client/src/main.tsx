import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initSession } from './api/session';
import { createQueryClient } from './app/queryClient';
import { App } from './app/App';
import './styles.css';

// Restores the session from the HttpOnly refresh cookie (the pages that depend on who is
// signed in wait for it) and listens for sign-in and sign-out in other tabs.
initSession();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
