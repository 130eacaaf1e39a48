export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];

export function runsApi(role: Role): boolean {
  return role === 'all' || role === 'api';
}

export function runsWorker(role: Role): boolean {
  return role === 'all' || role === 'worker';
}
