import { createRoot } from 'react-dom/client';
import { AppProviders } from '../ui/app-providers';
import '../ui/base.css';
import { ConsoleApp } from './console-app';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <AppProviders>
      <ConsoleApp />
    </AppProviders>,
  );
}
