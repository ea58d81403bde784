/** Timestamps are ISO 8601 UTC strings and flags are 0/1 integers on both dialects (docs/decisions/0002). */
export interface GovernmentTable {
  id: string;
  parent_id: string | null;
  level: string;
  division_code: string;
  name: string;
  created_at: string;
}

export interface AgencyTable {
  id: string;
  government_id: string;
  name: string;
  short_name: string | null;
  uscc: string;
  kind: string;
  is_justice_bureau: number;
  address: string | null;
  phone: string | null;
  supervision_phone: string | null;
  complaint_channel: string | null;
  website: string | null;
  office_hours: string | null;
  is_active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  agency_id: string | null;
  post: string | null;
  password_hash: string;
  password_changed_at: string;
  is_active: number;
  failed_login_count: number;
  locked_until: string | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  stage: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface LedgerEventTable {
  seq: number;
  id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  agency_id: string | null;
  subject_type: string;
  subject_id: string;
  action: string;
  payload: string;
  leaf_hash: string;
  payload_sm3: string;
}

export interface LedgerTileTable {
  level: number;
  tile_index: number;
  width: number;
  hashes: Buffer;
}

export interface LedgerCheckpointTable {
  size: number;
  root_hash: string;
  note: string;
  created_at: string;
}

export interface LedgerStateTable {
  id: number;
  size: number;
}

export interface Database {
  governments: GovernmentTable;
  agencies: AgencyTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  ledger_events: LedgerEventTable;
  ledger_state: LedgerStateTable;
  ledger_tiles: LedgerTileTable;
  ledger_checkpoints: LedgerCheckpointTable;
  ledger_cosignatures: { witness: string; size: number; line: string; created_at: string };
  witnessed_logs: { origin: string; verifier_keys: string; size: number; root_hash: string; updated_at: string };
  kysely_migration: { name: string; timestamp: string };
}
