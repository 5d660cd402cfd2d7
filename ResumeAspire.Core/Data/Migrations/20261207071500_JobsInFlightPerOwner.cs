using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ResumeAspire.Core.Data.Migrations
{
    /// <summary>
    /// Each user's PENDING + PROCESSING jobs as one row, kept by triggers in the same transaction as
    /// the job rows, so the in-flight cap of an enqueue reads one row instead of counting the user's
    /// backlog (at a load test's backlog of 400–700 jobs per user, that count was 90 % of
    /// PostgreSQL's executor time: 1.1 ms and 584 buffers per enqueue, bench/README.md).
    /// </summary>
    public partial class JobsInFlightPerOwner : Migration
    {
        // Deferred to commit, so the counter rows are locked last, after every job row a transaction
        // touches: a transaction waiting for a job row then never holds a counter lock. Writers of
        // several users' jobs at once (the Api's group insert, the Worker's group completion) order
        // their rows by owner, so their counter locks are taken in one global order. Both together
        // rule out deadlocks between enqueues, completions and cancellations.
        // The WHEN clauses keep the Worker's claim (PENDING → PROCESSING) and its retries
        // (PROCESSING → PENDING) from calling the function at all.
        private const string Create = """
            CREATE TABLE jobs_in_flight (
                owner_id character varying(450) NOT NULL,
                jobs integer NOT NULL,
                CONSTRAINT pk_jobs_in_flight PRIMARY KEY (owner_id),
                CONSTRAINT fk_jobs_in_flight_asp_net_users_owner_id FOREIGN KEY (owner_id)
                    REFERENCES "AspNetUsers" (id) ON DELETE CASCADE
            );

            CREATE FUNCTION count_jobs_in_flight() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('PENDING', 'PROCESSING') THEN
                    -- No row when the user was deleted in the same transaction (its cascade removed it).
                    UPDATE jobs_in_flight SET jobs = jobs - 1 WHERE owner_id = OLD.owner_id;
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('PENDING', 'PROCESSING') THEN
                    INSERT INTO jobs_in_flight AS f (owner_id, jobs) VALUES (NEW.owner_id, 1)
                    ON CONFLICT (owner_id) DO UPDATE SET jobs = f.jobs + 1;
                END IF;
                RETURN NULL;
            END
            $$;

            CREATE CONSTRAINT TRIGGER count_jobs_in_flight_insert AFTER INSERT ON resume_jobs
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                WHEN (NEW.status IN ('PENDING', 'PROCESSING'))
                EXECUTE FUNCTION count_jobs_in_flight();

            -- A job's owner never changes: only its status moves it into or out of flight.
            CREATE CONSTRAINT TRIGGER count_jobs_in_flight_update AFTER UPDATE OF status ON resume_jobs
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                WHEN ((OLD.status IN ('PENDING', 'PROCESSING')) <> (NEW.status IN ('PENDING', 'PROCESSING')))
                EXECUTE FUNCTION count_jobs_in_flight();

            CREATE CONSTRAINT TRIGGER count_jobs_in_flight_delete AFTER DELETE ON resume_jobs
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                WHEN (OLD.status IN ('PENDING', 'PROCESSING'))
                EXECUTE FUNCTION count_jobs_in_flight();

            -- After the triggers: CREATE TRIGGER waited for every open write to resume_jobs and blocks
            -- new ones until this migration commits, so no job is counted twice or missed.
            INSERT INTO jobs_in_flight (owner_id, jobs)
            SELECT owner_id, count(*)::integer FROM resume_jobs
            WHERE status IN ('PENDING', 'PROCESSING')
            GROUP BY owner_id;
            """;

        private const string Drop = """
            DROP TRIGGER count_jobs_in_flight_delete ON resume_jobs;
            DROP TRIGGER count_jobs_in_flight_update ON resume_jobs;
            DROP TRIGGER count_jobs_in_flight_insert ON resume_jobs;
            DROP FUNCTION count_jobs_in_flight();
            DROP TABLE jobs_in_flight;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Create);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(Drop);
        }
    }
}
