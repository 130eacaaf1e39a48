import type { ReadingMode } from './reading-mode';
import './mode-choice.css';

interface Props {
  mode: ReadingMode;
  disabled: boolean;
  onChange(mode: ReadingMode): void;
}

/** The choice between reading on the server and on this device, each saying what happens to the photo. */
export function ReadingModeChoice({ mode, disabled, onChange }: Props) {
  return (
    <fieldset className="mode-choice" disabled={disabled} data-testid="reading-mode">
      <legend>Where to read the photo</legend>
      <label className="mode-choice__option">
        <input
          type="radio"
          name="reading-mode"
          value="server"
          checked={mode === 'server'}
          onChange={() => onChange('server')}
        />
        <span>
          <strong>On our server</strong>
          <span className="mode-choice__note">
            The photo is uploaded and read there; faster on older phones.
          </span>
        </span>
      </label>
      <label className="mode-choice__option">
        <input
          type="radio"
          name="reading-mode"
          value="device"
          checked={mode === 'device'}
          onChange={() => onChange('device')}
        />
        <span>
          <strong>On this device</strong>
          <span className="mode-choice__note">
            The photo never leaves this device: nothing is uploaded and nothing is stored.
          </span>
        </span>
      </label>
    </fieldset>
  );
}
