/** Twilio's REST error body: {code, message, more_info, status}. */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export class TwilioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  toBody(): TwilioErrorBody {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

/** The errors the sandbox reproduces, with Twilio's codes and wording. */
export const twilioErrors = {
  authenticate: () => new TwilioApiError(401, 20003, 'Authenticate'),
  notFound: (path: string) => new TwilioApiError(404, 20404, `The requested resource ${path} was not found`),
  internal: () => new TwilioApiError(500, 20500, 'An internal server error has occurred'),
  tooManyRequests: () => new TwilioApiError(429, 20429, 'Too Many Requests'),
  messageToRequired: () => new TwilioApiError(400, 21604, "A 'To' phone number is required."),
  messageFromRequired: () => new TwilioApiError(400, 21603, "A 'From' phone number is required."),
  messageBodyRequired: () => new TwilioApiError(400, 21602, 'Message body is required.'),
  messageBodyTooLong: () => new TwilioApiError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.'),
  invalidTo: (to: string) => new TwilioApiError(400, 21211, `Invalid 'To' Phone Number: ${to}`),
  invalidFrom: (from: string) =>
    new TwilioApiError(400, 21212, `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`),
  invalidStatusCallback: (url: string) => new TwilioApiError(400, 21609, `The StatusCallback URL ${url} is not a valid URL.`),
  unsubscribedRecipient: () => new TwilioApiError(400, 21610, 'Attempt to send to unsubscribed recipient'),
  callToRequired: () => new TwilioApiError(400, 21201, "No 'To' number is specified"),
  callFromRequired: () => new TwilioApiError(400, 21213, "No 'From' number is specified"),
  callUrlRequired: () => new TwilioApiError(400, 21205, "A 'Url', 'Twiml' or 'ApplicationSid' parameter is required to place a call."),
  invalidUrl: (url: string) => new TwilioApiError(400, 21205, `Url is not a valid URL: ${url}`),
};
