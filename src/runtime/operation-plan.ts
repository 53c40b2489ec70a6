/**
 * The parts of an operation that the runtime works out on its first call rather than on every
 * call. They are the effective policy, the retry schedule, the circuit breaker, the parts every
 * request shares, the settings for reading responses and the error context of a call.
 */
import type { ClientBreaker } from "./breaker.js";
import type { BreakerSet } from "./breaker-set.js";
import type { RuntimeConfig } from "./config.js";
import type { ErrorContext } from "./errors.js";
import type { EmitEvent } from "./events.js";
import type { OperationSpec } from "./operation.js";
import { resolveOperationPolicy, type OperationPolicy } from "./operation-policy.js";
import type { ResponseHandling } from "./response.js";
import { createRequestTemplate, type RequestTemplate } from "./request-template.js";
import { RetrySchedule } from "./retry.js";
import { describeOperationUrl, type PinnedBase } from "./url.js";

/** The parts of one operation that all its calls share. */
export interface OperationPlan {
  operation: OperationSpec;
  policy: OperationPolicy;
  retry: RetrySchedule;
  breaker: ClientBreaker;
  handling: ResponseHandling;
  /** The parts every request shares; undefined when they fail their checks. */
  template: RequestTemplate | undefined;
  /** Context of a call before its parameters are known: the URL is the path template. */
  context: ErrorContext;
}

/** The client-wide inputs of a plan. */
export interface PlanSources {
  config: RuntimeConfig;
  base: PinnedBase;
  breakers: BreakerSet;
  emit: EmitEvent;
}

/** Builds the plan of `operation`. */
export function createOperationPlan(sources: PlanSources, operation: OperationSpec): OperationPlan {
  const { config } = sources;
  const policy = resolveOperationPolicy(config, operation);
  const context = {
    vendor: config.vendor,
    operationId: operation.operationId,
    method: operation.method,
    url: describeOperationUrl(sources.base, operation),
    attempts: 0,
  };
  return {
    operation,
    policy,
    retry: new RetrySchedule(policy.retries, policy.retryable),
    breaker: sources.breakers.breakerFor(operation.operationId),
    handling: {
      maxResponseBytes: config.maxResponseBytes,
      validation: policy.validation,
      emit: sources.emit,
    },
    template: createRequestTemplate(sources.base, operation, context),
    context,
  };
}
