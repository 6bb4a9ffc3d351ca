/**
 * Access-log requests as rows, and a timeline that pages from the last key seen. Each request keeps its UTC instant
 * (`utc`, the timeline's sort key) next to the logged time with its offset (`at`). Indexes lead with the log
 * (`artifact_id`), as every analysis is of one log, and end with `utc`, so a client, network or place filter reads
 * its requests in timeline order. The log view's groupings read covering indexes instead of the table: clients
 * (with networks and places, which follow from each client's place) from `log_requests_client`, methods and paths
 * from `log_requests_method`. `log_requests_utc` serves the timeline across logs; the old `ip` and `at` indexes
 * served no query. Each index costs ingest time (a random insert per request), hence no more of them. The
 * timeline's other sources get an index on their sort key, so a page after a key reads only that page's rows.
 */
export const sql = `
ALTER TABLE log_requests ADD COLUMN utc TEXT;
DROP INDEX log_requests_ip;
DROP INDEX log_requests_at;
CREATE INDEX log_requests_utc ON log_requests(utc);
CREATE INDEX log_requests_artifact_utc ON log_requests(artifact_id, utc);
CREATE INDEX log_requests_client ON log_requests(artifact_id, ip, utc);
CREATE INDEX log_requests_network ON log_requests(artifact_id, asn, utc);
CREATE INDEX log_requests_place ON log_requests(artifact_id, country, region, utc);
CREATE INDEX log_requests_method ON log_requests(artifact_id, method, path, status, ip, utc);

CREATE INDEX timestamps_key ON timestamps(COALESCE(utc, value));
CREATE INDEX artifacts_ctime ON artifacts(ctime);
CREATE INDEX artifacts_atime ON artifacts(atime);
CREATE INDEX artifacts_birthtime ON artifacts(birthtime);
`;
