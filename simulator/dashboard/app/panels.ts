import type { FunctionComponent } from 'preact';
import { OverviewPanel } from './panels/overview.ts';
import { RequestsPanel } from './panels/requests.ts';
import { TransactionsPanel } from './panels/transactions.ts';
import { NotificationsPanel } from './panels/notifications.ts';
import { FaultsPanel } from './panels/faults.ts';
import { ClockPanel } from './panels/clock.ts';
import { UatPanel } from './panels/uat.ts';

// The dashboard's tabs, in order; the address's #/<id> selects one.

export interface PanelEntry {
  readonly id: string;
  readonly title: string;
  readonly component: FunctionComponent;
}

export const PANELS: readonly PanelEntry[] = [
  { id: 'overview', title: 'Overview', component: OverviewPanel },
  { id: 'requests', title: 'Requests', component: RequestsPanel },
  { id: 'transactions', title: 'Transactions', component: TransactionsPanel },
  { id: 'notifications', title: 'Notifications', component: NotificationsPanel },
  { id: 'faults', title: 'Faults', component: FaultsPanel },
  { id: 'clock', title: 'Clock', component: ClockPanel },
  { id: 'uat', title: 'UAT progress', component: UatPanel },
];
