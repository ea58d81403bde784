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

export interface CatalogVersionTable {
  id: string;
  agency_id: string;
  kind: string;
  version: number;
  status: string;
  based_on: number | null;
  note: string | null;
  entry_count: number;
  entries_sha256: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_opinion: string | null;
  published_at: string | null;
  superseded_at: string | null;
  row_version: number;
}

export interface CatalogEntryTable {
  version_id: string;
  position: number;
  agency_id: string;
  kind: string;
  code: string;
  name: string;
  action_type: string | null;
  search_text: string;
  data: string;
}

export interface OfficerTable {
  id: string;
  agency_id: string;
  user_id: string | null;
  name: string;
  post: string | null;
  is_auxiliary: number;
  is_active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CertificateTable {
  id: string;
  officer_id: string;
  agency_id: string;
  number: string;
  categories: string;
  region_code: string;
  region_name: string;
  issued_on: string;
  expires_on: string;
  next_review_on: string | null;
  last_reviewed_on: string | null;
  status: string;
  status_reason: string | null;
  status_changed_on: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TrainingRecordTable {
  id: string;
  agency_id: string;
  officer_id: string | null;
  user_id: string | null;
  person_name: string;
  course: string;
  category: string;
  hours: number;
  completed_on: string;
  provider: string | null;
  created_by: string;
  created_at: string;
}

export interface ReviewerQualificationTable {
  id: string;
  agency_id: string;
  user_id: string;
  person_name: string;
  kind: string;
  certificate_number: string | null;
  obtained_on: string;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface ReviewSettingsTable {
  agency_id: string;
  review_days: number;
  max_extension_days: number;
  basis: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface AnnualReportTable {
  id: string;
  scope_kind: string;
  scope_id: string;
  scope_name: string;
  government_id: string;
  year: number;
  status: string;
  figures: string;
  figures_as_of: string;
  narrative: string;
  narrative_by: string | null;
  drafted_by: string;
  published_by: string | null;
  published_by_label: string | null;
  published_on: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CalendarYearTable {
  year: number;
  days: string;
  source: string;
  created_by: string;
  created_at: string;
}

export interface ImportJobTable {
  id: string;
  agency_id: string;
  target: string;
  status: string;
  total_rows: number;
  processed_rows: number;
  errors: string | null;
  result: string | null;
  created_by: string;
  created_at: string;
  finished_at: string | null;
}

export interface StoredFileTable {
  id: string;
  agency_id: string | null;
  algorithm: string;
  digest: string;
  size: number;
  file_name: string;
  media_type: string;
  created_by: string;
  created_at: string;
}

export interface UploadTable {
  id: string;
  agency_id: string | null;
  created_by: string;
  length: number;
  offset: number;
  file_name: string;
  media_type: string;
  status: string;
  file_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProcedureVersionTable {
  procedure_key: string;
  version: number;
  digest: string;
  definition: string;
  created_at: string;
}

export interface CaseTable {
  id: string;
  agency_id: string;
  number: string;
  title: string;
  procedure_key: string;
  procedure_version: number;
  action_type: string;
  item_code: string;
  item_name: string;
  category: string;
  legal_bases: string;
  division_code: string;
  division_name: string;
  party_type: string;
  party_name: string;
  party_id_sealed: string | null;
  party_id_masked: string | null;
  party_credit_code: string | null;
  party_address: string | null;
  source: string;
  status: string;
  opened_on: string;
  closed_on: string | null;
  full_process_recording: number;
  officer_ids: string;
  step_count: number;
  steps_digest: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface CaseStepTable {
  id: string;
  case_id: string;
  position: number;
  step_key: string;
  occurred_on: string;
  recorded_at: string;
  actor_id: string | null;
  actor_label: string;
  officer_ids: string;
  recording_ids: string;
  data: string;
  event_seq: number;
}

export interface CaseFlagTable {
  id: string;
  case_id: string;
  agency_id: string;
  kind: string;
  step_id: string | null;
  detail: string;
  created_at: string;
}

export interface CaseClockTable {
  case_id: string;
  position: number;
  agency_id: string;
  clock_key: string;
  started_on: string;
  due_on: string | null;
  stopped_on: string | null;
  overdue_recorded: number;
}

export interface RecordingDeviceTable {
  id: string;
  agency_id: string;
  serial: string;
  model: string;
  kind: string;
  officer_id: string | null;
  is_active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface EvidenceItemTable {
  id: string;
  case_id: string;
  agency_id: string;
  file_id: string;
  kind: string;
  title: string;
  description: string | null;
  captured_at: string;
  captured_place: string;
  device_id: string | null;
  officer_ids: string;
  supersedes_id: string | null;
  correction_reason: string | null;
  created_by: string;
  created_at: string;
}

export interface EvidenceAccessTable {
  id: string;
  evidence_id: string;
  case_id: string;
  agency_id: string;
  user_id: string | null;
  user_label: string;
  action: string;
  purpose: string;
  note: string | null;
  at: string;
  event_seq: number;
}

export interface DocumentTable {
  id: string;
  agency_id: string;
  case_id: string | null;
  step_id: string | null;
  kind: string;
  series: string;
  title: string;
  number: string;
  issued_on: string;
  pdf_file_id: string;
  docx_file_id: string;
  pdf_sha256: string;
  pdf_sm3: string;
  docx_sha256: string;
  docx_sm3: string;
  /** A C2SP signed note over the document's digests, by the ledger's keys (Ed25519, and SM2 when on). */
  signature: string;
  key_id: string;
  created_by: string;
  created_at: string;
}

export interface DocumentNumberCounterTable {
  agency_id: string;
  year: number;
  series: string;
  next_value: number;
}

export interface DocumentNumberFormatTable {
  agency_id: string;
  format: string;
  updated_by: string;
  updated_at: string;
}

export interface ExchangeOutboxTable {
  /** Gapless per origin: the receiver applies in this order and detects a gap. */
  seq: number;
  kind: string;
  key: string;
  payload: string;
  created_at: string;
  delivered_at: string | null;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
}

export interface ExchangeOriginTable {
  origin: string;
  name: string;
  verifier_keys: string;
  last_seq: number;
  registered_at: string;
  updated_at: string;
  last_received_at: string | null;
}

export interface ExchangeReceiptTable {
  origin: string;
  seq: number;
  kind: string;
  key: string;
  payload_sha256: string;
  ledger_seq: number;
  received_at: string;
}

export interface PublicationTable {
  id: string;
  agency_id: string;
  case_id: string;
  case_number: string;
  case_title: string;
  action_type: string;
  decision_step_id: string;
  trigger_step_id: string;
  decided_on: string;
  scheduled_on: string;
  rule_code: string | null;
  rule_name: string;
  rule_basis: string;
  deadline_working_days: number;
  period_months: number | null;
  period_text: string;
  due_on: string;
  due_provisional: number;
  /** due · prepared · blocked · published · withdrawn · changed · ended */
  status: string;
  /** JSON: the state or trade secret markings staff recorded. */
  classified: string;
  blocked_reason: string | null;
  /** JSON: the public copy as prepared, which the second person checks and publishes unchanged. */
  prepared_copy: string | null;
  prepared_by: string | null;
  prepared_by_label: string | null;
  checked_by: string | null;
  checked_by_label: string | null;
  published_on: string | null;
  expires_on: string | null;
  correction_due_on: string | null;
  correction_note: string | null;
  ended_on: string | null;
  end_reason: string | null;
  overdue_recorded: number;
  correction_overdue_recorded: number;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The portal's read model: only public copies, made by the redaction engine. */
export interface PublicationReplyTable {
  id: string;
  publication_id: string;
  agency_id: string;
  /** written · online */
  channel: string;
  /** As received: never shown on the portal. */
  text: string;
  /** After the redaction engine: what the portal shows once checked. */
  public_text: string;
  received_on: string;
  /** submitted · published · returned · replaced · withdrawn */
  status: string;
  recorded_by: string | null;
  recorded_by_label: string;
  checked_by: string | null;
  checked_by_label: string | null;
  published_on: string | null;
  return_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PublicationReplyCodeTable {
  code_sha256: string;
  publication_id: string;
  issued_by: string | null;
  issued_on: string;
  expires_on: string;
  used_at: string | null;
}

export interface PublicRecordTable {
  id: string;
  agency_id: string;
  agency_name: string;
  government_id: string;
  division_code: string;
  division_name: string;
  action_type: string;
  title: string;
  document_number: string;
  decided_on: string;
  published_on: string;
  party_type: string;
  party_name: string;
  party_credit_code: string | null;
  amount: number | null;
  /** published · withdrawn · changed */
  status: string;
  is_visible: number;
  expires_on: string | null;
  body: string;
  search_text: string;
  updated_on: string;
  /** SQLite: the record's key in the full-text indexes (decision day × 2³² + its number that day); null on PostgreSQL. */
  search_rowid: number | null;
}

export interface OpenDataChangeTable {
  /** Gapless, in the order the changes were noticed: a subscription's cursor. */
  seq: number;
  record_id: string;
  /** published · changed · withdrawn */
  event: string;
  agency_id: string;
  division_code: string;
  party_credit_code: string | null;
  summary: string;
  noticed_at: string;
}

export interface OpenDataFileTable {
  name: string;
  day: string;
  /** csv · jsonl */
  format: string;
  size: number | string;
  sha256: string;
  blob_digest: string;
  records: number;
  created_at: string;
}

export interface OpenDataSubscriptionTable {
  id: string;
  agency_id: string | null;
  region: string | null;
  party_credit_code: string | null;
  webhook_url: string | null;
  secret_sealed: string;
  secret_hash: string;
  /** active · failing */
  status: string;
  cursor: number;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  last_delivered_at: string | null;
  created_at: string;
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
  catalog_versions: CatalogVersionTable;
  catalog_entries: CatalogEntryTable;
  officers: OfficerTable;
  certificates: CertificateTable;
  training_records: TrainingRecordTable;
  reviewer_qualifications: ReviewerQualificationTable;
  review_settings: ReviewSettingsTable;
  annual_reports: AnnualReportTable;
  calendar_years: CalendarYearTable;
  import_jobs: ImportJobTable;
  stored_files: StoredFileTable;
  uploads: UploadTable;
  procedure_versions: ProcedureVersionTable;
  cases: CaseTable;
  case_steps: CaseStepTable;
  case_flags: CaseFlagTable;
  case_clocks: CaseClockTable;
  recording_devices: RecordingDeviceTable;
  evidence_items: EvidenceItemTable;
  evidence_access: EvidenceAccessTable;
  documents: DocumentTable;
  document_number_counters: DocumentNumberCounterTable;
  document_number_formats: DocumentNumberFormatTable;
  publications: PublicationTable;
  public_records: PublicRecordTable;
  publication_replies: PublicationReplyTable;
  publication_reply_codes: PublicationReplyCodeTable;
  public_records_fts: { record_id: string; search_text: string };
  exchange_state: { id: number; outbox_size: number };
  exchange_outbox: ExchangeOutboxTable;
  exchange_leases: { name: string; owner: string | null; expires_at: string | null };
  exchange_origins: ExchangeOriginTable;
  exchange_receipts: ExchangeReceiptTable;
  open_data_state: {
    id: number;
    last_seq: number;
    scan_from: string | null;
    export_day: string | null;
    export_claimed_until: string | null;
  };
  open_data_seen: { record_id: string; digest: string };
  open_data_changes: OpenDataChangeTable;
  open_data_files: OpenDataFileTable;
  open_data_subscriptions: OpenDataSubscriptionTable;
  kysely_migration: { name: string; timestamp: string };
}
