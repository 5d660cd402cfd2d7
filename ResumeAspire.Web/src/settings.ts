// Client-side settings kept in localStorage (poll interval, max tries, auto-download).
export interface Settings {
  pollIntervalMs: number;
  maxPollTries: number;
  autoDownload: boolean;
}

export const DEFAULT_SETTINGS: Settings = { pollIntervalMs: 2000, maxPollTries: 60, autoDownload: true };
const KEY = "resumeaspire.settings";

export function loadSettings(storage: Storage | undefined = globalThis.localStorage): Settings {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return { ...DEFAULT_SETTINGS };
    const v = JSON.parse(raw) as Partial<Settings>;
    return {
      pollIntervalMs: typeof v.pollIntervalMs === "number" && v.pollIntervalMs >= 250 ? v.pollIntervalMs : DEFAULT_SETTINGS.pollIntervalMs,
      maxPollTries: typeof v.maxPollTries === "number" && v.maxPollTries >= 1 ? Math.floor(v.maxPollTries) : DEFAULT_SETTINGS.maxPollTries,
      autoDownload: typeof v.autoDownload === "boolean" ? v.autoDownload : DEFAULT_SETTINGS.autoDownload,
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(s: Settings, storage: Storage | undefined = globalThis.localStorage): void {
  storage?.setItem(KEY, JSON.stringify(s));
}
