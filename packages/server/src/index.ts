export { loadConfig, ConfigError, type Config } from './config/service-config.js';
export { startService, type RunningService } from './composition.js';
export { createLogger } from './logging.js';
export { main as serverCli } from './cli/main.js';
export type { Role } from './roles/role.js';
export type * from './ports.js';
