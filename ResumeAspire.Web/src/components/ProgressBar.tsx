interface ProgressBarProps {
  value: number;
  label: string;
  /** What the job is doing now (e.g. "tailoring"), shown after the percentage. */
  stage?: string | null;
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A 0–100 bar with an accessible value and the percentage (and stage) as text. */
export function ProgressBar({ value, label, stage }: ProgressBarProps) {
  const percent = Math.round(Math.min(100, Math.max(0, Number.isFinite(value) ? value : 0)));
  const stageText = stage ? capitalize(stage.replace(/[_-]+/g, ' ')) : null;
  return (
    <div className="progress-wrap">
      <div
        className="progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={stageText ? `${percent}%, ${stageText}` : `${percent}%`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="progress-text">{percent}%</span>
      {stageText && <span className="progress-stage">{stageText}</span>}
    </div>
  );
}
