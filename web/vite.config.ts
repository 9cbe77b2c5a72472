import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.CITYLOOP_API ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    // `npm run dev -w web` serves the app on :5173 and forwards the API to the running server.
    proxy: {
      '/api': apiTarget,
      '/docs': apiTarget,
    },
  },
});
