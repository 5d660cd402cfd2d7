import react from '@vitejs/plugin-react';
import type { ProxyOptions } from 'vite';
import { defineConfig } from 'vitest/config';

// Run mode: the Aspire app host starts `npm run dev` with PORT set and injects the Api's address
// through service discovery (services__api__http__0). Standalone runs fall back to API_URL, then
// the Api's fixed run-mode port.
const apiUrl = process.env.services__api__http__0 ?? process.env.API_URL ?? 'http://localhost:5080';
const port = Number(process.env.PORT ?? 5173);

const apiProxy: Record<string, ProxyOptions> = {
  '/api': {
    target: apiUrl,
    changeOrigin: true,
    // Job progress is also streamed as server-sent events: ask the Api for an uncompressed
    // stream and pass each event through as soon as it arrives.
    configure: (proxy) => {
      proxy.on('proxyReq', (proxyReq, req) => {
        if (req.headers.accept?.includes('text/event-stream')) {
          proxyReq.setHeader('accept-encoding', 'identity');
        }
      });
      proxy.on('proxyRes', (proxyRes, req) => {
        if (proxyRes.headers['content-type']?.startsWith('text/event-stream')) {
          proxyRes.headers['cache-control'] = 'no-cache, no-transform';
          proxyRes.headers['x-accel-buffering'] = 'no';
          req.socket.setNoDelay(true);
        }
      });
    },
  },
};

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port,
    strictPort: true,
    proxy: apiProxy,
  },
  preview: {
    host: '127.0.0.1',
    port,
    strictPort: true,
    proxy: apiProxy,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
});
