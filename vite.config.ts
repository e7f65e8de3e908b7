// Builds the browser app (src/web) into dist/web, which the server serves at /, with a brotli
// and a gzip copy beside every text file so the server sends them compressed without spending
// CPU per request. Source maps are written but not linked from the code ('hidden'): the server
// publishes them only with SERVE_SOURCE_MAPS=true. Two pages: the app (index.html) and the chat
// widget's (widget.html, served at /widget); then the widget loader, widget.js, built on its own
// as one classic script (an IIFE) at the root, for other sites' pages to load.
// `npm run dev` runs this dev server with hot reload, proxying the API to the Node server.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build, defineConfig, type Plugin } from 'vite';

const apiTarget = process.env.SWITCHBOARD_API ?? 'http://localhost:3000';

/** Files worth compressing: text the browser downloads (maps stay as they are). */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|webmanifest)$/;

function precompress(): Plugin {
  return {
    name: 'switchboard-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const file = path.join(options.dir!, fileName);
        const source = fs.readFileSync(file);
        const brotli = zlib.brotliCompressSync(source, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
          },
        });
        const gzip = zlib.gzipSync(source, { level: zlib.constants.Z_BEST_COMPRESSION });
        // A copy that saves nothing is left out: the server then sends the file as it is.
        if (brotli.length < source.length) fs.writeFileSync(`${file}.br`, brotli);
        if (gzip.length < source.length) fs.writeFileSync(`${file}.gz`, gzip);
      }
    },
  };
}

const webRoot = path.resolve(import.meta.dirname, 'src/web');
const outDir = path.resolve(import.meta.dirname, 'dist/web');

/** widget.js, after the pages: a second build that leaves theirs in place. */
function widgetLoader(): Plugin {
  return {
    name: 'switchboard-widget-loader',
    apply: 'build',
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        plugins: [precompress()],
        build: {
          outDir,
          emptyOutDir: false,
          sourcemap: false,
          target: 'es2019',
          lib: {
            entry: path.join(webRoot, 'widget-loader/widget.ts'),
            formats: ['iife'],
            name: 'SwitchboardWidgetLoader',
            fileName: () => 'widget.js',
          },
        },
      });
    },
  };
}

export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: 'hidden',
    target: 'es2022',
    rollupOptions: {
      input: {
        main: path.join(webRoot, 'index.html'),
        widget: path.join(webRoot, 'widget.html'),
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  plugins: [precompress(), widgetLoader()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
});
