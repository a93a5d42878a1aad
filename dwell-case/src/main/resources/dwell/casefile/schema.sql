-- dwell case file: one DuckDB database per case; every scan into it adds a run.
CREATE TABLE IF NOT EXISTS runs (
  run_id INTEGER PRIMARY KEY,
  command_line VARCHAR,
  dwell_version VARCHAR,
  ruleset_digest VARCHAR,
  started TIMESTAMP,
  ended TIMESTAMP
);
CREATE TABLE IF NOT EXISTS items (
  path VARCHAR,
  sha256 VARCHAR,
  size BIGINT,
  format VARCHAR,
  events BIGINT,
  first TIMESTAMP,
  last TIMESTAMP,
  errors BIGINT,
  error VARCHAR,
  first_run INTEGER,
  last_run INTEGER,
  PRIMARY KEY (path, sha256)
);
CREATE TABLE IF NOT EXISTS findings (
  id VARCHAR PRIMARY KEY,
  time TIMESTAMP,
  detector VARCHAR,
  rule_id VARCHAR,
  rule_title VARCHAR,
  level VARCHAR,
  tags VARCHAR,
  host VARCHAR,
  path VARCHAR,
  sha256 VARCHAR,
  format VARCHAR,
  line BIGINT,
  record BIGINT,
  event VARCHAR,
  indicators VARCHAR,
  details VARCHAR,
  first_run INTEGER,
  last_run INTEGER
);
CREATE TABLE IF NOT EXISTS indicators (
  finding_id VARCHAR,
  type VARCHAR,
  value VARCHAR,
  PRIMARY KEY (finding_id, type, value)
);
CREATE TABLE IF NOT EXISTS incidents (
  run_id INTEGER,
  id VARCHAR,
  first TIMESTAMP,
  last TIMESTAMP,
  dwell_days BIGINT,
  hosts VARCHAR,
  indicators VARCHAR,
  techniques VARCHAR,
  cves VARCHAR,
  findings VARCHAR,
  story VARCHAR,
  summary VARCHAR,
  leads VARCHAR,
  PRIMARY KEY (run_id, id)
);
-- cases written before incidents had a summary and leads
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS summary VARCHAR;
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS leads VARCHAR;
CREATE TABLE IF NOT EXISTS exposure (
  run_id INTEGER,
  finding_id VARCHAR,
  server VARCHAR,
  cve VARCHAR,
  title VARCHAR,
  level VARCHAR,
  details VARCHAR,
  PRIMARY KEY (run_id, finding_id)
);
