/**
 * Runs one prepared call through its circuit breaker, its retries and the transport, and turns
 * the response into the call's result.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { isTaskCancelledError } from "cockatiel";
import { isCircuitRejection } from "./breaker.js";
import type { BreakerSet } from "./breaker-set.js";
import type { AttemptClock, AttemptLimit } from "./attempt-limit.js";
import type { CallDeadline } from "./deadline.js";
import { isHttpStatusError } from "./error-guards.js";
import { CircuitOpenError, type ErrorContext } from "./errors.js";
import { callEventFields, type EmitEvent } from "./events.js";
import type { ApiResponse } from "./operation.js";
import type { OperationPlan } from "./operation-plan.js";
import type { PreparedRequest } from "./request-builder.js";
import { handleResponse } from "./response.js";
import { describeFailure, type RetryDecision } from "./retry.js";
import type { RetryBudget } from "./retry-budget.js";
import type { IncomingResponse, OutgoingRequest, RequestSignal, Transport } from "./transport.js";

/** The client-wide parts that every call runs through. */
export interface CallMachinery {
  transport: Transport;
  breakers: BreakerSet;
  budget: RetryBudget;
  /** Enforces the time limits of the client's attempts. */
  clock: AttemptClock;
  emit: EmitEvent;
  /** False when no listener receives events, so that none need be built. */
  reportsEvents: boolean;
}

/** One call as it is executed: what to send, under which plan and limits. */
export interface CallPlan {
  plan: OperationPlan;
  prepared: PreparedRequest;
  deadline: CallDeadline;
  /** Context of the call, with the display URL of the prepared request and 0 attempts. */
  context: ErrorContext;
}

/**
 * Executes a call and returns its validated result. Rejects with a VendorError, or with the
 * caller's abort reason when the caller's signal aborts.
 */
export function executeCall(machinery: CallMachinery, call: CallPlan): Promise<unknown> {
  // NOTE: cockatiel watches only the caller's signal, so a call that waits for a half-open
  // probe may wait past its own deadline until the probe ends. Its first attempt then fails
  // with a call TimeoutError.
  const signal = call.deadline.callerSignal;
  return call.plan.breaker.policy
    .execute(() => runAttempts(machinery, call), signal)
    .catch((error: unknown) => {
      if (isCircuitRejection(error)) {
        throw new CircuitOpenError(call.context);
      }
      if (isTaskCancelledError(error)) {
        // cockatiel cancels a call that waited for a half-open probe once its signal aborted.
        call.deadline.throwIfEnded(call.context);
      }
      throw error;
    });
}

/**
 * Runs attempts until one succeeds or the retry schedule lets none follow, waiting the chosen
 * delay before each retry; a caller's abort cuts the wait short. The breaker counts the whole run
 * as one call. Errors carry the number of the attempt that failed.
 */
async function runAttempts(machinery: CallMachinery, call: CallPlan): Promise<ApiResponse> {
  const { plan, deadline } = call;
  let retry: Retry | undefined;
  for (let attemptIndex = 0; ; attemptIndex++) {
    const context = { ...call.context, attempts: attemptIndex + 1 };
    let limit: AttemptLimit | undefined;
    try {
      if (retry !== undefined && retry.delayMs > 0) {
        const signal = deadline.callerSignal;
        await sleep(retry.delayMs, undefined, signal === undefined ? {} : { signal });
      }
      limit = deadline.startAttempt(plan.policy.timeouts.attemptMs, machinery.clock, context);
      if (attemptIndex === 0) {
        machinery.budget.recordCall();
      }
      const response = await sendAttempt(machinery, call.prepared.request, limit, context);
      return await handleResponse(plan.operation, response, plan.handling, context);
    } catch (error) {
      if (isHttpStatusError(error) && error.status === 401) {
        call.prepared.invalidateCredentials?.();
      }
      const failure = deadline.classify(error, limit, context);
      retry = nextRetry(machinery, call, failure, attemptIndex + 1, retry);
    } finally {
      limit?.end();
    }
  }
}

/** A retry the schedule allowed: its delay and the backoff step it took. */
type Retry = Extract<RetryDecision, { retry: true }>;

/**
 * Returns the retry that follows attempt number `attempt`, which failed with `failure`, and
 * reports it, or throws `failure` when no attempt follows. A retryable failure that is not
 * retried is reported as a skipped retry. `previous` is the retry before this attempt.
 */
function nextRetry(
  machinery: CallMachinery,
  call: CallPlan,
  failure: unknown,
  attempt: number,
  previous: Retry | undefined,
): Retry {
  if (call.deadline.callerSignal?.aborted) {
    throw failure;
  }
  const { budget, emit } = machinery;
  const remainingMs = call.deadline.remainingMs();
  const decision = call.plan.retry.decide(failure, attempt, previous?.backoff, remainingMs, budget);
  const fields = callEventFields(call.context);
  if (!decision.retry) {
    if (decision.reason !== undefined) {
      const reason = decision.reason;
      emit({
        type: "retry_skipped",
        ...fields,
        attempt,
        reason,
        failure: describeFailure(failure),
      });
    }
    throw failure;
  }
  const delayMs = decision.delayMs;
  emit({ type: "retry", ...fields, attempt, delayMs, reason: describeFailure(failure) });
  return decision;
}

/**
 * Sends one attempt and reports its request and response events. Without a listener the events
 * are not even built, because this runs on every attempt.
 */
function sendAttempt(
  machinery: CallMachinery,
  request: OutgoingRequest,
  signal: RequestSignal,
  context: ErrorContext,
): Promise<IncomingResponse> {
  if (!machinery.reportsEvents) {
    return machinery.transport.send(request, signal, context);
  }
  return sendReportingEvents(machinery, request, signal, context);
}

async function sendReportingEvents(
  machinery: CallMachinery,
  request: OutgoingRequest,
  signal: RequestSignal,
  context: ErrorContext,
): Promise<IncomingResponse> {
  const fields = callEventFields(context);
  const attempt = context.attempts;
  machinery.emit({ type: "request", ...fields, attempt });
  const startedAt = performance.now();
  const response = await machinery.transport.send(request, signal, context);
  const durationMs = performance.now() - startedAt;
  machinery.emit({ type: "response", ...fields, attempt, status: response.status, durationMs });
  return response;
}
