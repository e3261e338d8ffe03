/** Stable error codes, carried on every SmtpError (as nodemailer does). */
export type SmtpErrorCode =
  | 'ETIMEDOUT'
  | 'EDEADLINE'
  | 'ECONNREFUSED'
  | 'EUNREACH'
  | 'ECLOSED'
  | 'ETOOBIG'
  | 'EPROTOCOL'
  | 'ETLS';

export class SmtpError extends Error {
  constructor(
    readonly code: SmtpErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}
