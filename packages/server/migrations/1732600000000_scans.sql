-- Up Migration
CREATE TABLE scans (
  id uuid PRIMARY KEY,
  token_hash bytea NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'failed')),
  image_key text,
  error_code text,
  attempts integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX scans_created_at_with_image ON scans (created_at) WHERE image_key IS NOT NULL;
CREATE INDEX scans_status ON scans (status);

-- One result per scan at most: the primary key is what makes redelivered jobs harmless.
CREATE TABLE scan_results (
  scan_id uuid PRIMARY KEY REFERENCES scans (id) ON DELETE CASCADE,
  format text NOT NULL,
  document_code text,
  issuing_state text,
  document_number text,
  surname text,
  given_names text,
  nationality text,
  date_of_birth date,
  sex text,
  expiry_date date,
  mrz_lines text[] NOT NULL,
  valid boolean NOT NULL,
  confidence real NOT NULL,
  result jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE scan_results;
DROP TABLE scans;
