import type { ReadingMode } from './reading-mode';
import './mode-choice.css';

interface Props {
  mode: ReadingMode;
  disabled: boolean;
  onChange(mode: ReadingMode): void;
}

const OPTIONS: ReadonlyArray<{ mode: ReadingMode; title: string; note: string }> = [
  {
    mode: 'server',
    title: 'On our server',
    note: 'The photo is uploaded and read there; faster on older phones.',
  },
  {
    mode: 'device',
    title: 'On this device',
    note: 'The photo never leaves this device: nothing is uploaded and nothing is stored.',
  },
];

/** The choice between reading on the server and on this device, each saying what happens to the photo. */
export function ReadingModeChoice({ mode, disabled, onChange }: Props) {
  return (
    <fieldset className="mode-choice" disabled={disabled} data-testid="reading-mode">
      <legend>Where to read the photo</legend>
      {OPTIONS.map((option) => (
        <label className="mode-choice__option" key={option.mode}>
          <input
            type="radio"
            name="reading-mode"
            value={option.mode}
            checked={mode === option.mode}
            onChange={() => onChange(option.mode)}
          />
          <span>
            <strong>{option.title}</strong>
            <span className="mode-choice__note">{option.note}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
