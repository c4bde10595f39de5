// Placeholder until `npm run db:types` (branch mailbox) generates this file from the migrations
// (branch data). Only what the app foundation reads is declared; regenerate, never hand-edit.
export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  public: {
    Tables: {
      practices: {
        Row: { id: string; name: string; slug: string; time_zone: string; created_at: string }
        Insert: { id?: string; name: string; slug: string; time_zone?: string; created_at?: string }
        Update: { id?: string; name?: string; slug?: string; time_zone?: string; created_at?: string }
        Relationships: []
      }
      practice_members: {
        Row: { practice_id: string; user_id: string; role: 'owner' | 'admin' | 'doula'; created_at: string }
        Insert: { practice_id: string; user_id: string; role: 'owner' | 'admin' | 'doula'; created_at?: string }
        Update: { practice_id?: string; user_id?: string; role?: 'owner' | 'admin' | 'doula'; created_at?: string }
        Relationships: [
          {
            foreignKeyName: 'practice_members_practice_id_fkey'
            columns: ['practice_id']
            isOneToOne: false
            referencedRelation: 'practices'
            referencedColumns: ['id']
          },
        ]
      }
    }
    Views: { [_ in never]: never }
    Functions: {
      complete_onboarding: { Args: never; Returns: string }
    }
    Enums: { [_ in never]: never }
    CompositeTypes: { [_ in never]: never }
  }
}
