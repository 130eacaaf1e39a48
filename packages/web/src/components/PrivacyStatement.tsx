import { useEffect, useState } from 'react';
import type { ServiceConfig } from '@passport-reader/contract';
import { deploymentConfig } from '../lib/api';
import { privacyStatement } from '../lib/privacy';
import type { ReadingMode } from '../on-device/reading-mode';

/** One line on what is uploaded, how long it is kept and what Delete removes, from the server's own settings. */
export function PrivacyStatement({ mode }: { mode: ReadingMode }) {
  const [config, setConfig] = useState<ServiceConfig | null>(null);
  useEffect(() => {
    let mounted = true;
    void deploymentConfig().then((answer) => mounted && setConfig(answer));
    return () => {
      mounted = false;
    };
  }, []);
  return <p data-testid="privacy-statement">{privacyStatement(config, mode)}</p>;
}
