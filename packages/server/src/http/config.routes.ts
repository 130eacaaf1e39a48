import * as contract from '@passport-reader/contract';
import type { FastifyInstance } from 'fastify';
import { jsonSchema } from './schemas.js';

/** GET /api/config: what the page checks before uploading, from this deployment's configuration. */
export async function configRoutes(app: FastifyInstance, config: contract.ServiceConfig) {
  app.get(
    '/api/config',
    {
      schema: {
        summary: "The deployment's upload mode, limits and retention (public, no personal data)",
        response: { 200: jsonSchema(contract.serviceConfig) },
      },
    },
    async () => config,
  );
}
