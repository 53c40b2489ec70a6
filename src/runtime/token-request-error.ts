/** The error of a failed OAuth 2.0 token request. */
import { VendorError, type ErrorContext } from "./errors.js";

/**
 * The token endpoint could not be reached, answered with an error or returned no usable access
 * token. The message never contains the client secret, the token or the response body.
 */
export class TokenRequestError extends VendorError {
  /** Status of the token endpoint's response; undefined when no response arrived. */
  readonly status: number | undefined;
  /** The `error` code of an RFC 6749 error response, such as `invalid_client`. */
  readonly oauthError: string | undefined;

  constructor(
    context: ErrorContext,
    detail: string,
    details: { status?: number; oauthError?: string; cause?: unknown } = {},
  ) {
    super("token_request", `token request failed: ${detail}`, context, details.cause);
    this.status = details.status;
    this.oauthError = details.oauthError;
  }
}
