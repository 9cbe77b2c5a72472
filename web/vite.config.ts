import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fieldServiceWorker } from './vite/field-service-worker';

const apiTarget = process.env.CITYLOOP_API ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

// Vendor groups: the big libraries change rarely, so each gets its own long-cached chunk, and
// the maps and charts only load on the pages that draw them.
const vendorGroups: { name: string; test: RegExp; priority: number }[] = [
  {
    name: 'vendor-react',
    test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/,
    priority: 40,
  },
  { name: 'vendor-query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 35 },
  { name: 'vendor-zod', test: /node_modules[\\/]zod[\\/]/, priority: 35 },
  { name: 'vendor-echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
  {
    name: 'vendor-ol',
    test: /node_modules[\\/](ol|rbush|quickselect|earcut|color-[a-z]+|pbf|geotiff)[\\/]/,
    priority: 30,
  },
  {
    name: 'vendor-antd',
    test: /node_modules[\\/](antd|@ant-design|rc-[a-z-]+|@rc-component|@emotion|stylis|dayjs)[\\/]/,
    priority: 20,
  },
];

export default defineConfig({
  base: '/',
  plugins: [react(), fieldServiceWorker({ pageEntry: 'field', workerEntry: 'm-sw', page: 'm.html' })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Two apps from one build: the command-centre console at / and the collectors' field app at /m.
      input: {
        console: resolve(import.meta.dirname, 'index.html'),
        field: resolve(import.meta.dirname, 'm.html'),
        // The field app's service worker: a fixed URL at the root (scope /m must include /m itself).
        'm-sw': resolve(import.meta.dirname, 'src/field/service-worker.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'm-sw' ? 'm-sw.js' : 'assets/[name]-[hash].js'),
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    // `npm run dev -w web` serves the app on :5173 and forwards the API to the running server.
    proxy: {
      '/api': apiTarget,
      '/docs': apiTarget,
    },
  },
});
