import { useEffect, useState } from 'react';
import { api, ApiError, type QueueOverview } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDuration, formatRate, timeAgo } from '../format';
import { useNow } from '../hooks/useNow';

export const QUEUE_POLL_MS = 2_000;

interface Snapshot {
  overview: QueueOverview;
  receivedAt: number;
}

/** The queue at a glance for operators: what is waiting, who is working on it, how the last hour went. */
export function QueuePage() {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [forbidden, setForbidden] = useState(false);
  const now = useNow(1_000);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const overview = await api.queueOverview(controller.signal);
        setSnapshot({ overview, receivedAt: Date.now() });
        setError(null);
      } catch (err) {
        if (controller.signal.aborted) return;
        if (err instanceof ApiError && err.status === 403) {
          setForbidden(true);
          return; // asking again will not change the answer
        }
        setError(err); // keep the last numbers on screen and try again
      }
      if (!controller.signal.aborted) timer = setTimeout(tick, QUEUE_POLL_MS);
    };
    void tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, []);

  const q = snapshot?.overview;
  const age = snapshot ? Math.max(0, Math.round((now - snapshot.receivedAt) / 1000)) : 0;

  return (
    <section className="card page" aria-labelledby="queue-title">
      <div className="page-head">
        <h2 id="queue-title">Queue overview</h2>
        {q?.dashboard_url && (
          <a href={q.dashboard_url} target="_blank" rel="noreferrer">
            Open the Aspire dashboard
          </a>
        )}
      </div>

      {forbidden ? (
        <p className="error" role="alert">
          The queue overview is for administrators only.
        </p>
      ) : (
        <>
          {snapshot && (
            <p className="muted">
              Updated {age} s ago · refreshes every {QUEUE_POLL_MS / 1000} s
            </p>
          )}
          <ErrorMessage error={error} />
          {!q && !error && (
            <p className="muted" role="status">
              Loading the queue…
            </p>
          )}
          {q && (
            <>
              <h3>Stream {q.stream.name}</h3>
              <dl className="stats">
                <Stat label="Stream length" value={q.stream.length} />
                <Stat label="Pending (delivered, not acked)" value={q.stream.pending} />
                <Stat label="Delayed retries" value={q.stream.delayed} />
                <Stat label="Dead letters" value={q.stream.dead_letters} warn={q.stream.dead_letters > 0} />
                <Stat label="Jobs pending" value={q.jobs.pending} />
                <Stat label="Jobs processing" value={q.jobs.processing} />
              </dl>

              <h3>Last hour</h3>
              <dl className="stats">
                <Stat label="Completed" value={q.last_hour.completed} />
                <Stat label="Failed" value={q.last_hour.failed} warn={q.last_hour.failed > 0} />
                <Stat label="Cancelled" value={q.last_hour.cancelled} />
                <Stat label="Cached" value={q.last_hour.cached} />
                <Stat label="Cache hit rate" value={formatRate(q.last_hour.cache_hit_rate)} />
                <Stat label="Failure rate" value={formatRate(q.last_hour.failure_rate)} />
              </dl>

              <h3 id="consumers-title">Consumers</h3>
              {q.consumers.length === 0 ? (
                <p className="empty">No workers are registered with the consumer group.</p>
              ) : (
                <div className="table-scroll" role="region" aria-labelledby="consumers-title" tabIndex={0}>
                  <table className="consumers">
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">Pending</th>
                        <th scope="col">Idle</th>
                        <th scope="col">In flight</th>
                        <th scope="col">Last seen</th>
                      </tr>
                    </thead>
                    <tbody>
                      {q.consumers.map((c) => (
                        <tr key={c.name}>
                          <th scope="row" data-label="Name">
                            {c.name}
                          </th>
                          <td data-label="Pending">{c.pending}</td>
                          <td data-label="Idle">{formatDuration(c.idle_ms)}</td>
                          <td data-label="In flight">{c.in_flight ?? '—'}</td>
                          <td data-label="Last seen">
                            {c.last_seen ? <time dateTime={c.last_seen}>{timeAgo(c.last_seen, now)}</time> : '—'}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

function Stat({ label, value, warn = false }: { label: string; value: number | string; warn?: boolean }) {
  return (
    <div className={warn ? 'stat warn' : 'stat'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
