// Numbers and times as people read them.

/** 0.25 → "25%", 0.024 → "2.4%", null → "—". */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const percent = rate * 100;
  const digits = percent !== 0 && Math.abs(percent) < 10 && !Number.isInteger(percent) ? 1 : 0;
  return `${percent.toFixed(digits)}%`;
}

/** 850 → "0.9 s", 1234 → "1.2 s", 75_000 → "1 min 15 s", 7_500_000 → "2 h 5 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** "just now", "12 s ago", "5 min ago", then the local date and time. */
export function timeAgo(iso: string | null | undefined, now: number): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  const seconds = Math.round((now - time) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return new Date(time).toLocaleString();
}

export const FILE_TYPE_LABELS: Record<string, string> = { word: 'Word (.docx)', pdf: 'PDF' };
export const TEMPLATE_LABELS: Record<string, string> = { classic: 'Classic', modern: 'Modern' };
