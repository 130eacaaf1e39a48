export * from './errors.js';
export * from './images.js';
export * from './result.js';
export * from './scan.js';
export * from './parse-json.js';
