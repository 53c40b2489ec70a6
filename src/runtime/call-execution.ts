/**
 * Runs one prepared call through its circuit breaker, its retries and the transport, and turns
 * the response into the call's result.
 */
import { isTaskCancelledError } from "cockatiel";
import { isCircuitRejection } from "./breaker.js";
import type { BreakerSet } from "./breaker-set.js";
import type { AttemptLimit, CallDeadline } from "./deadline.js";
import { isHttpStatusError } from "./error-guards.js";
import { CircuitOpenError, type ErrorContext } from "./errors.js";
import { callEventFields, type EmitEvent } from "./events.js";
import type { ApiResponse, OperationSpec } from "./operation.js";
import type { OperationPolicy } from "./operation-policy.js";
import type { PreparedRequest } from "./request-builder.js";
import { handleResponse } from "./response.js";
import { CallRetry } from "./retry.js";
import type { RetryBudget } from "./retry-budget.js";
import type { IncomingResponse, OutgoingRequest, RequestSignal, Transport } from "./transport.js";

/** The client-wide parts that every call runs through. */
export interface CallMachinery {
  transport: Transport;
  breakers: BreakerSet;
  budget: RetryBudget;
  emit: EmitEvent;
  /** False when no listener receives events, so that none need be built. */
  reportsEvents: boolean;
  maxResponseBytes: number;
}

/** One call as it is executed: what to send, under which policy and limits. */
export interface CallPlan {
  operation: OperationSpec;
  prepared: PreparedRequest;
  policy: OperationPolicy;
  deadline: CallDeadline;
  /** Context of the call, with the display URL of the prepared request and 0 attempts. */
  context: ErrorContext;
}

/**
 * Executes a call and returns its validated result. Rejects with a VendorError, or with the
 * caller's abort reason when the caller's signal aborts.
 */
export async function executeCall(machinery: CallMachinery, plan: CallPlan): Promise<unknown> {
  const { emit } = machinery;
  const fields = callEventFields(plan.context);
  const callRetry = new CallRetry({
    config: plan.policy.retries,
    retryable: plan.policy.retryable,
    remainingMs: () => plan.deadline.remainingMs(),
    budget: machinery.budget,
    onRetry: (attempt, delayMs, reason) =>
      emit({ type: "retry", ...fields, attempt, delayMs, reason }),
    onSkipped: (attempt, reason, failure) =>
      emit({ type: "retry_skipped", ...fields, attempt, reason, failure }),
  });
  const breaker = machinery.breakers.breakerFor(plan.operation.operationId);

  try {
    // NOTE: cockatiel watches only the caller's signal, so a call that waits for a half-open
    // probe may wait past its own deadline until the probe ends. Its first attempt then fails
    // with a call TimeoutError. The policies are nested by hand because cockatiel's wrap()
    // builds a new policy and copies the context on every call.
    const signal = plan.deadline.callerSignal;
    return await breaker.policy.execute(
      () =>
        callRetry.policy.execute(
          ({ attempt }) => runAttempt(machinery, plan, callRetry, attempt),
          signal,
        ),
      signal,
    );
  } catch (error) {
    if (isCircuitRejection(error)) {
      throw new CircuitOpenError(plan.context);
    }
    if (isTaskCancelledError(error)) {
      // cockatiel cancels a call that waited for a half-open probe once its signal aborted.
      plan.deadline.throwIfEnded(plan.context);
    }
    throw error;
  }
}

/** Runs one attempt; `attemptIndex` counts from 0 and errors carry the attempt number. */
async function runAttempt(
  machinery: CallMachinery,
  plan: CallPlan,
  callRetry: CallRetry,
  attemptIndex: number,
): Promise<ApiResponse> {
  const context = { ...plan.context, attempts: attemptIndex + 1 };
  let limit: AttemptLimit | undefined;
  try {
    const waiting = callRetry.waitBeforeAttempt(attemptIndex, plan.deadline.callerSignal);
    if (waiting !== undefined) {
      await waiting;
    }
    limit = plan.deadline.startAttempt(plan.policy.timeouts.attemptMs, context);
    if (attemptIndex === 0) {
      machinery.budget.recordCall();
    }
    const response = await sendAttempt(machinery, plan.prepared.request, limit.signal, context);
    const handling = {
      maxResponseBytes: machinery.maxResponseBytes,
      validation: plan.policy.validation,
      emit: machinery.emit,
    };
    return await handleResponse(plan.operation, response, handling, context);
  } catch (error) {
    if (isHttpStatusError(error) && error.status === 401) {
      plan.prepared.invalidateCredentials?.();
    }
    throw plan.deadline.classify(error, limit, context);
  } finally {
    limit?.end();
  }
}

/**
 * Sends one attempt and reports its request and response events. Without a listener the events
 * are not even built, because this runs on every attempt.
 */
async function sendAttempt(
  machinery: CallMachinery,
  request: OutgoingRequest,
  signal: RequestSignal,
  context: ErrorContext,
): Promise<IncomingResponse> {
  if (!machinery.reportsEvents) {
    return machinery.transport.send(request, signal, context);
  }
  const fields = callEventFields(context);
  const attempt = context.attempts;
  machinery.emit({ type: "request", ...fields, attempt });
  const startedAt = performance.now();
  const response = await machinery.transport.send(request, signal, context);
  const durationMs = performance.now() - startedAt;
  machinery.emit({ type: "response", ...fields, attempt, status: response.status, durationMs });
  return response;
}
