// The emulator's state and records, as types (server.ts re-exports them).

export type KeyStatus = 'active' | 'disabled' | 'expired';

export interface EmulatorKey {
  status: KeyStatus;
  /** The server silently serves this model whatever is asked. */
  enforcedModel?: string;
  /** Model ids this key may use (case-insensitive); undefined = all. */
  allowedModels?: string[];
}

export type Route = 'models' | 'chat' | 'usage' | 'other';

export interface PoolState {
  enabled: boolean;
  v1Compatibility: boolean;
  clientIpAllowed: boolean;
  ready: boolean;
  overloaded: boolean;
  /** Stopped behind its reverse proxy: every path answers a 502 HTML page. */
  down: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  route: Route | 'health' | 'admin' | 'control';
  authorization?: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

export interface LimitDef {
  limit_type: string;
  limit_window: string | null;
  max_value: number;
  current_value: number;
  remaining_value: number;
  model_filter: string | null;
  reset_at: string | null;
  source: string;
}

export interface EmulatorOptions {
  host?: string;
  port?: number;
  tls?: { key: string; cert: string };
}
