export interface SmtpReply {
  code: number;
  /** Enhanced status code (RFC 3463) of the first line, e.g. "5.7.139". */
  enhanced?: string;
  lines: string[];
  /** All lines' text after the code, joined by a space. */
  text: string;
}

export const replyText = (r: SmtpReply) => `${r.code} ${r.text}`.trim();

/** One reply line: the code, the separator ('-' for more lines to come) and the text. */
export const REPLY_LINE = /^(\d{3})(?:([ -])(.*))?$/;
