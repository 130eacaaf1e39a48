import * as contract from '@passport-reader/contract';
import { z } from 'zod/mini';

/**
 * JSON schemas of the HTTP API, derived from the contract's zod schemas: Fastify serialises the
 * answers by them and the OpenAPI document at /docs is generated from them.
 */
export function jsonSchema(schema: z.ZodMiniType): Record<string, unknown> {
  const json: Record<string, unknown> = z.toJSONSchema(schema, { target: 'draft-7', io: 'output' });
  // Fastify compiles the schemas with its own draft; a $schema naming another would be refused.
  delete json.$schema;
  return json;
}

export const errorBody = jsonSchema(contract.errorBody);
export const createdScan = jsonSchema(contract.createdScan);
export const scanView = jsonSchema(contract.scanView);

export const scanIdParams = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
} as const;

export const bearerAuth = [{ bearer: [] }];
