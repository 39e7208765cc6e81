import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Registers <beltic-verify> before React renders it, so that React sets its properties (clientToken).
import 'beltic-verify/define';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
