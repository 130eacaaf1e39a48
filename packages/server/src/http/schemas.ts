/** JSON schemas of the HTTP API; the OpenAPI document at /docs is generated from them. */

export const errorBody = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
} as const;

export const createdScan = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    token: { type: 'string', description: 'Secret granting access to this one scan; shown once.' },
    status: { type: 'string', enum: ['queued'] },
  },
  required: ['id', 'token', 'status'],
} as const;

export const scanView = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['queued', 'processing', 'done', 'failed'] },
    result: {
      type: ['object', 'null'],
      description:
        'The result schema of DESIGN.md (format, mrz, valid, checks, fields, confidence, region, timingsMs).',
      additionalProperties: true,
    },
    error: {
      type: ['object', 'null'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        diagnostics: {
          type: 'object',
          description:
            'Why no MRZ could be read: located, pitchPx, blur, glare, skewDegrees, perspective, cutAtEdge, hints.',
          additionalProperties: true,
        },
      },
    },
    createdAt: { type: 'string', format: 'date-time' },
    completedAt: { type: ['string', 'null'], format: 'date-time' },
  },
  required: ['id', 'status', 'result', 'error', 'createdAt', 'completedAt'],
} as const;

export const scanIdParams = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
} as const;

export const bearerAuth = [{ bearer: [] }];
