/**
 * The parts of an operation's requests that are the same on every call, worked out and checked
 * once: the Accept header, the kinds of parameters declared, and the request target of an
 * operation whose path and query have no parameters.
 */
import { isRequestValidationError } from "./error-guards.js";
import type { ErrorContext } from "./errors.js";
import type { OperationSpec, ParameterLocation } from "./operation.js";
import { buildAcceptHeader } from "./request-headers.js";
import { buildRequestTarget, type PinnedBase, type RequestTarget } from "./url.js";

/** The request parts shared by every call of one operation. */
export interface RequestTemplate {
  /** The Accept header, already checked for CR, LF and NUL. */
  accept: string;
  /**
   * The request target when the path has no placeholders and no query parameter is declared,
   * checked against the base path; undefined otherwise.
   */
  fixedTarget: RequestTarget | undefined;
  /** Whether the operation declares header parameters, which calls then serialise. */
  headerParameters: boolean;
  /** Whether the operation declares cookie parameters. */
  cookieParameters: boolean;
}

/**
 * Builds the template of `operation` on `base`. Returns undefined when a declared media type
 * cannot be sent in Accept or a fixed path leaves the base path: each call then builds its own
 * request and fails with the RequestValidationError that describes the problem.
 */
export function createRequestTemplate(
  base: PinnedBase,
  operation: OperationSpec,
  context: ErrorContext,
): RequestTemplate | undefined {
  const declares = (location: ParameterLocation) =>
    operation.parameters.some((parameter) => parameter.in === location);
  const fixed = !operation.path.includes("{") && !declares("query");
  try {
    return {
      accept: buildAcceptHeader(operation, context),
      fixedTarget: fixed ? buildRequestTarget(base, operation, {}, [], context) : undefined,
      headerParameters: declares("header"),
      cookieParameters: declares("cookie"),
    };
  } catch (error) {
    if (isRequestValidationError(error)) {
      return undefined;
    }
    throw error;
  }
}
