/** The private bucket of form PDFs (config.toml `[storage.buckets.intake-pdfs]`). No user has a policy on it. */
export const FORM_PDFS_BUCKET = 'intake-pdfs'
