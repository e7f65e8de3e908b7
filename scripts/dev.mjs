// `npm run dev`: the API server restarting on change (tsx watch) beside Vite's dev server with
// hot reload on http://localhost:5173, which proxies /api (and the WebSocket) to the server.
import { spawn } from 'node:child_process';

const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'src/cli/main.ts', 'serve'], {
    stdio: 'inherit',
    env: {
      ...process.env,
      ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? 'http://localhost:5173',
    },
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' }),
];
const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && stop());
