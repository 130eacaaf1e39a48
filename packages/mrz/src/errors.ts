export type MrzErrorCode = 'INVALID_SHAPE' | 'INVALID_CHARACTER' | 'NO_CANDIDATES';

/** Messages never quote MRZ text: callers may log errors, and MRZ data is personal data. */
export class MrzError extends Error {
  readonly code: MrzErrorCode;

  constructor(code: MrzErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

export class MrzShapeError extends MrzError {
  constructor(message: string) {
    super('INVALID_SHAPE', message);
  }
}

export class MrzCharacterError extends MrzError {
  constructor(message: string) {
    super('INVALID_CHARACTER', message);
  }
}

export class MrzCandidateError extends MrzError {
  constructor(message: string) {
    super('NO_CANDIDATES', message);
  }
}
