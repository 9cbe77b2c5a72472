import { createRoot } from 'react-dom/client';
import { AppProviders } from '../ui/app-providers';
import '../ui/base.css';
import '../ui/field.css';
import { FieldApp } from './field-app';
import { registerFieldServiceWorker } from './register-service-worker';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <AppProviders>
      <FieldApp />
    </AppProviders>,
  );
}
registerFieldServiceWorker();
