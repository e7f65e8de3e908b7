// `npm run audit`: Lighthouse scores of the sign-in page, a customer's chat and the agent console,
// as a phone and as a desk, on a temporary server with the demo data. Prints each page's
// category scores and the audits that cost points. See docs/web.md for the measured figures.
import { DEMO_PASSWORD, seedDemo } from '../src/cli/seedDemo.js';
import {
  audit,
  CATEGORIES,
  FORM_FACTORS,
  launchAuditBrowser,
  sessionCookie,
  type AuditTarget,
} from '../test/browser/support/lighthouse.js';
import { startServer } from '../test/browser/support/server.js';
import { ensureWebBuild } from '../test/browser/support/webBuild.js';

await ensureWebBuild();
const server = await startServer();
await seedDemo(server.node.ctx);
const browser = await launchAuditBrowser();
const started = Date.now();
try {
  const targets: AuditTarget[] = [
    { name: 'sign-in', path: '/login' },
    {
      name: 'customer chat',
      path: '/chat',
      cookie: await sessionCookie(server.url, 'yaw@example.com', DEMO_PASSWORD),
    },
    {
      name: 'agent console',
      path: '/console',
      cookie: await sessionCookie(server.url, 'ama@example.com', DEMO_PASSWORD),
    },
  ];
  console.log(`${'page'.padEnd(15)} ${'form'.padEnd(8)} ${CATEGORIES.join('  ')}`);
  for (const target of targets) {
    for (const formFactor of FORM_FACTORS) {
      const result = await audit(browser, server.url, target, formFactor);
      const scores = CATEGORIES.map((c) => String(result.scores[c]).padStart(c.length)).join('  ');
      console.log(
        `${target.name.padEnd(15)} ${formFactor.padEnd(8)} ${scores}  ${result.finalPath}`,
      );
      for (const category of CATEGORIES)
        if (result.failing[category].length > 0)
          console.log(`${''.padEnd(24)}${category}: ${result.failing[category].join(', ')}`);
    }
  }
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
} finally {
  await browser.close();
  await server.stop();
}
