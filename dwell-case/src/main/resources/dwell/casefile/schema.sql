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
-- what each incident's actor reached (incidents.json "impact"), one row per entry: kind is mailbox (a mailbox read:
-- protocols comma-separated, first and last request, requests, bytes), forwarding (target = where to, how), export (path),
-- permission (target = grantee, how = rights), address_book (path), staged (path, how, last = when the actor downloaded it),
-- bytes_to_actor (protocols = one protocol, bytes = what the server sent the actor through it); first is an act's time
CREATE TABLE IF NOT EXISTS impact (
  run_id INTEGER,
  incident_id VARCHAR,
  kind VARCHAR,
  mailbox VARCHAR,
  protocols VARCHAR,
  first TIMESTAMP,
  last TIMESTAMP,
  requests BIGINT,
  bytes BIGINT,
  target VARCHAR,
  path VARCHAR,
  how VARCHAR
);
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
-- analysts' triage decisions (dwell serve), one row per decision and never updated: a finding's current status is its
-- row of highest seq (the order they were made in, where two share a clock tick)
CREATE SEQUENCE IF NOT EXISTS triage_seq;
CREATE TABLE IF NOT EXISTS triage (
  finding_id VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  note VARCHAR,
  analyst VARCHAR,
  time TIMESTAMP NOT NULL,
  seq BIGINT DEFAULT nextval('triage_seq')
);
-- each web log series' request rate in a run (summary.json traffic.series[].rate), for the report's chart without the
-- logs: per bucket of bucket_minutes from start, its requests, its busiest minute's requests and its 5xx answers;
-- buckets without requests are absent
CREATE TABLE IF NOT EXISTS traffic_rate (
  run_id INTEGER,
  format VARCHAR,
  series VARCHAR,
  bucket_minutes INTEGER,
  start TIMESTAMP,
  requests BIGINT,
  peak_per_minute BIGINT,
  server_errors BIGINT,
  PRIMARY KEY (run_id, format, series, start)
);
