#!/usr/bin/env node
// The switchboard command: serve, migrate, create-user, seed-demo, mail-test.
// Each command's module is loaded when it runs: `serve` never pays for the demo seeder or the
// mail checks (IMAP and SMTP clients), which start-up time would.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';

const USAGE = `Usage: switchboard <command> [options]

Commands:
  serve                         start the server (default)
  migrate                       apply database migrations and exit
  create-user --email E --name N --password P [--role user|admin|super_admin]
                                create an account
  seed-demo                     fill the database with demo agents, customers and chats
  mail-test [--to ADDRESS]      check the mail settings (connect, TLS, sign-in); with --to,
                                also send a test mail there

Configuration comes from environment variables; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return (await import('./serve.js')).serveCommand(config);
    case 'migrate':
      return (await import('./migrate.js')).migrateCommand(config);
    case 'create-user': {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string', default: 'user' },
        },
      });
      return (await import('./createUser.js')).createUserCommand(config, values);
    }
    case 'seed-demo':
      return (await import('./seedDemo.js')).seedDemoCommand(config);
    case 'mail-test': {
      const { values } = parseArgs({ args: rest, options: { to: { type: 'string' } } });
      return (await import('./mailTest.js')).mailTestCommand(config, { to: values.to });
    }
    default:
      console.error(`Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
