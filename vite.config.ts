import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The client lives in client/ and is served by the Node server from dist/client.
// In `npm run dev` Vite serves it with hot reload and proxies API and WebSocket
// traffic to the server (see server/dev.ts).
const apiTarget = `http://127.0.0.1:${process.env.BRIEFDESK_API_PORT ?? '8080'}`;

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget },
      '/collab': { target: apiTarget, ws: true },
    },
  },
});
