/**
 * What "Download my data" contains, table by table. Each list names the columns she receives:
 * her own words and the facts about her care, never the practice's internals (who created the
 * record, lead source and UTM tags, pipeline status, which doula is assigned, reminder bookkeeping,
 * storage keys, sharing flags). A column added to a table stays out of her export until it is
 * listed here.
 */
export interface MyDataTable {
  /** The file name under data/ (json and csv). */
  name: string
  table: string
  columns: readonly string[]
  /** The column that ties a row to her client record. */
  clientColumn: 'id' | 'client_id'
}

export const MY_DATA_TABLES: readonly MyDataTable[] = [
  {
    name: 'client',
    table: 'clients',
    clientColumn: 'id',
    columns: ['id', 'first_name', 'last_name', 'preferred_name', 'pronouns', 'email', 'phone', 'address', 'partner_contacts', 'created_at', 'updated_at'],
  },
  {
    name: 'journeys',
    table: 'journeys',
    clientColumn: 'client_id',
    columns: ['id', 'due_date', 'on_call_start_week', 'on_call_end_week', 'born_at', 'birth_place', 'delivery_mode', 'baby_count', 'created_at', 'updated_at'],
  },
  {
    name: 'appointments',
    table: 'appointments',
    clientColumn: 'client_id',
    columns: ['id', 'journey_id', 'kind', 'status', 'starts_at', 'ends_at', 'location', 'video_url', 'created_at', 'updated_at'],
  },
  {
    name: 'milestones',
    table: 'milestones',
    clientColumn: 'client_id',
    columns: ['id', 'journey_id', 'title', 'kind', 'due_on', 'done_at', 'created_at', 'updated_at'],
  },
  {
    name: 'forms',
    table: 'form_requests',
    clientColumn: 'client_id',
    columns: ['id', 'kind', 'template_snapshot', 'answers', 'note', 'due_on', 'created_at', 'submitted_at', 'cancelled_at', 'sealed_at'],
  },
  {
    name: 'messages',
    table: 'messages',
    clientColumn: 'client_id',
    columns: ['id', 'sender_side', 'body', 'read_by_client_at', 'read_by_practice_at', 'created_at'],
  },
]

/** Documents get their own listing: each row also names the file inside the archive. */
export const DOCUMENT_COLUMNS = ['id', 'file_name', 'mime_type', 'size_bytes', 'kind', 'uploaded_by_me', 'created_at', 'archive_path'] as const
