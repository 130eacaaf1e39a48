-- Up Migration
-- Why a scan failed (character size, blur, glare, cut at the edge; no personal data), so API users
-- and the page can say what to do. Only the reader's NO_MRZ carries it.
ALTER TABLE scans ADD COLUMN error_diagnostics jsonb;

-- Down Migration
ALTER TABLE scans DROP COLUMN error_diagnostics;
