import { useId, useState } from 'react';
import { useSettings } from '../context/settingsContext';
import { DEFAULT_SETTINGS } from '../settings';

export function SettingsPage() {
  const { settings, update } = useSettings();
  const id = useId();
  // Bumped to refill the number fields after "Restore defaults".
  const [version, setVersion] = useState(0);

  return (
    <section className="card page" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Settings</h2>
      <p className="muted">Kept in this browser.</p>

      <div className="check">
        <input
          id={`${id}-auto`}
          type="checkbox"
          checked={settings.autoDownload}
          onChange={(e) => update({ autoDownload: e.target.checked })}
          aria-describedby={`${id}-auto-hint`}
        />
        <label htmlFor={`${id}-auto`}>Download automatically when a job completes</label>
      </div>
      <small id={`${id}-auto-hint`} className="hint">
        Applies to jobs started in this tab. Otherwise a notification tells you the resume is ready.
      </small>

      <fieldset>
        <legend>When live updates are unavailable</legend>
        <div className="grid" key={version}>
          <NumberSetting
            id={`${id}-interval`}
            label="Seconds between checks"
            value={settings.pollIntervalMs / 1000}
            min={1}
            max={60}
            onValid={(seconds) => update({ pollIntervalMs: seconds * 1000 })}
          />
          <NumberSetting
            id={`${id}-tries`}
            label="Checks before giving up"
            value={settings.maxPollTries}
            min={1}
            max={1000}
            onValid={(tries) => update({ maxPollTries: tries })}
          />
        </div>
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            update({ pollIntervalMs: DEFAULT_SETTINGS.pollIntervalMs, maxPollTries: DEFAULT_SETTINGS.maxPollTries });
            setVersion((v) => v + 1);
          }}
        >
          Restore defaults
        </button>
      </fieldset>
    </section>
  );
}

interface NumberSettingProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  onValid: (value: number) => void;
}

/** A whole-number field that keeps what is typed (even an empty box) and saves only valid values. */
function NumberSetting({ id, label, value, min, max, onValid }: NumberSettingProps) {
  const [text, setText] = useState(String(value));
  const n = Number(text);
  const valid = text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={text}
        aria-invalid={valid ? undefined : true}
        aria-describedby={valid ? undefined : `${id}-error`}
        onChange={(e) => {
          setText(e.target.value);
          const next = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isInteger(next) && next >= min && next <= max) onValid(next);
        }}
      />
      {!valid && (
        <p id={`${id}-error`} className="field-error">
          Enter a whole number from {min} to {max}.
        </p>
      )}
    </div>
  );
}
