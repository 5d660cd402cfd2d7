-- The INSERT that POST /api/resume-async/generate-async commits for a job that misses the result
-- cache (ResumeAspire.Api/Jobs/JobEnqueuer.cs → JobInsertBatcher → EF Core SaveChanges). Here one
-- row per autocommitted statement, the way the Api wrote them until it began to group the INSERTs
-- of concurrent requests into one commit (so under load the Api can pass this reference): all 28
-- columns of resume_jobs, values as bind parameters (pgbench -M extended, like Npgsql without
-- auto-prepare; -M prepared is the second reference, like Npgsql's auto-prepare now), into the
-- live table with whatever indexes the migrations gave it (on 2026-11-29: pk_resume_jobs,
-- ix_…_owner_id_created_at, ix_…_status_created_at, ix_…_document_id, the partial unique
-- ix_…_owner_id_idempotency_key and the partial ix_resume_jobs_owner_id on active jobs) and the
-- owner_id foreign key.
-- synchronous_commit is the server's (on), as for the Api. The column list is the one EF Core
-- sends (checked in pg_stat_activity during a load run).
--
-- Variables (bench/reference/reference.sh sets them with -D): owner, candidate, version (a real
-- candidate row and its owner), jd (a 2.2 KB job posting, bench/reference/job-description.txt).
--
-- The id is a time-ordered UUID like Guid.CreateVersion7(), so the primary key grows at its right
-- edge as it does for the Api; cache_key and trace_parent are random hex of the real lengths.
\set n random(1, 2000000000)
INSERT INTO resume_jobs (id, attempts, cache_key, cached, candidate_id, candidate_version, completed_at, created_at,
    document_id, error, file_type, idempotency_key, job_description, job_ref, lease_expires_at, match_score,
    matched_keywords, missing_keywords, note, owner_id, progress, request_hash, stage, started_at, status, template,
    trace_parent, trace_state)
VALUES ((lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 19))::uuid,
    0, md5(random()::text) || md5(random()::text), false, :candidate, :version, NULL, now(),
    NULL, NULL, 'word', NULL, :jd, 'PGBENCH-' || :n, NULL, NULL,
    '{}', '{}', NULL, :owner, 0, NULL, 'queued', NULL, 'PENDING', 'classic',
    '00-' || md5(random()::text) || '-' || substr(md5(random()::text), 1, 16) || '-01', NULL);
