// Builds the browser app (src/web) into dist/web, which the server serves at /.
// `npm run dev` runs this dev server with hot reload, proxying the API to the Node server.
import { defineConfig } from 'vite';

const apiTarget = process.env.SWITCHBOARD_API ?? 'http://localhost:3000';

export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  build: { outDir: '../../dist/web', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
});
