/**
 * Which process runs an ingest job and when it last showed life, so a job left 'running' by a process that died
 * (crash, kill -9, power loss) reads as interrupted, and a second process cannot start a job in the same case.
 */
export const sql = `
ALTER TABLE jobs ADD COLUMN owner_pid INTEGER;
ALTER TABLE jobs ADD COLUMN heartbeat_at TEXT;
`;
