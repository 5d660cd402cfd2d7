import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from "./settings";

describe("settings", () => {
  beforeEach(() => localStorage.clear());
  it("returns defaults when nothing is stored", () => {
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
  });
  it("round-trips saved values", () => {
    saveSettings({ pollIntervalMs: 5000, maxPollTries: 10, autoDownload: false });
    expect(loadSettings()).toEqual({ pollIntervalMs: 5000, maxPollTries: 10, autoDownload: false });
  });
  it("falls back to defaults for invalid stored data", () => {
    localStorage.setItem("resumeaspire.settings", "{not json");
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
  });
});
