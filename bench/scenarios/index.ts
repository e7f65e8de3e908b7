// Every benchmark scenario, in the order `npm run bench` runs them.
import type { ScenarioResult } from '../lib/report.js';
import { connectionsScenario, connectionsSizes } from './connections.js';
import { deliveryScenario, deliverySizes } from './delivery.js';
import { filesScenario, filesSizes } from './files.js';
import { helpdeskScenario, helpdeskSizes } from './helpdesk.js';
import { httpScenario, httpSizes } from './http.js';
import { reportsScenario, reportsSizes } from './reports.js';
import { routingScenario, routingSizes } from './routing.js';
import { startupScenario, startupSizes } from './startup.js';
import { throughputScenario, throughputSizes } from './throughput.js';
import { ticketsScenario, ticketsSizes } from './tickets.js';

export type Size = 'full' | 'quick';

export interface Scenario {
  name: string;
  run(size: Size): Promise<ScenarioResult>;
}

export const scenarios: Scenario[] = [
  { name: 'delivery', run: (size) => deliveryScenario(deliverySizes[size]) },
  { name: 'throughput', run: (size) => throughputScenario(throughputSizes[size]) },
  { name: 'connections', run: (size) => connectionsScenario(connectionsSizes[size]) },
  { name: 'routing', run: (size) => routingScenario(routingSizes[size]) },
  { name: 'http', run: (size) => httpScenario(httpSizes[size]) },
  { name: 'startup', run: (size) => startupScenario(startupSizes[size]) },
  { name: 'files', run: (size) => filesScenario(filesSizes[size]) },
  { name: 'tickets', run: (size) => ticketsScenario(ticketsSizes[size]) },
  { name: 'helpdesk', run: (size) => helpdeskScenario(helpdeskSizes[size]) },
  { name: 'reports', run: (size) => reportsScenario(reportsSizes[size]) },
];
