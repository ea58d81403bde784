/** Typed calls to the exchange module's API (src/modules/exchange/exchange.routes.ts). */
import { api } from '../../api';

export interface OutboxItem {
  seq: number;
  kind: string;
  key: string;
  createdAt: string;
  status: 'delivered' | 'pending' | 'failing';
  deliveredAt: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
}

export interface LowerPlatform {
  origin: string;
  name: string;
  verifierKeys: string[];
  lastSeq: number;
  receivedCount: number;
  registeredAt: string;
  lastReceivedAt: string | null;
}

export interface ExchangeStatus {
  origin: string;
  upstream: string | null;
  outbox: { total: number; delivered: number; pending: number; failing: number; lastDeliveredAt: string | null };
  items: OutboxItem[];
  origins: LowerPlatform[];
  intakeKinds: string[];
}

export const exchange = {
  status: () => api.get<ExchangeStatus>('/api/exchange/status'),
};
