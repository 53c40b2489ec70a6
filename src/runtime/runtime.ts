/**
 * The runtime that every generated client method calls. It owns one undici Agent and one circuit
 * breaker per client, and runs each call through request building, the breaker, retries,
 * transport and response validation.
 */
import { isTaskCancelledError, wrap } from "cockatiel";
import type { RuntimeConfig } from "./config.js";
import { ClientBreaker, isCircuitRejection } from "./breaker.js";
import { CallDeadline } from "./deadline.js";
import { CircuitOpenError, ConfigurationError, type ErrorContext } from "./errors.js";
import { callEventFields, createEventEmitter, type EmitEvent } from "./events.js";
import type { ClientOptions, HealthReport } from "./client-options.js";
import { createHostPolicy } from "./host-policy.js";
import type { ApiResponse, CallInput, CallOptions, OperationSpec } from "./operation.js";
import { resolveOperationPolicy, type OperationPolicy } from "./operation-policy.js";
import {
  prepareRequest,
  type PreparedRequest,
  type RequestBuilderSettings,
} from "./request-builder.js";
import { handleResponse } from "./response.js";
import { CallRetry } from "./retry.js";
import { Transport } from "./transport.js";
import { buildTrustedCas } from "./trust-store.js";
import { describeOperationUrl, parseBaseUrl, type PinnedBase } from "./url.js";

/** Executes the operations of one vendor under one resolved policy. */
export class VendorRuntime {
  readonly #config: RuntimeConfig;
  readonly #base: PinnedBase;
  readonly #builder: RequestBuilderSettings;
  readonly #transport: Transport;
  readonly #breaker: ClientBreaker;
  readonly #emit: EmitEvent;
  readonly #policies = new Map<string, OperationPolicy>();

  /** Throws ConfigurationError when the base URL or a CA certificate source is unusable. */
  constructor(config: RuntimeConfig, options: ClientOptions = {}) {
    const env = options.env ?? process.env;
    const setupContext: ErrorContext = {
      vendor: config.vendor,
      operationId: "(client setup)",
      method: "-",
      url: describeBaseUrl(config.baseUrl),
      attempts: 0,
    };
    this.#config = config;
    this.#base = parsePinnedBase(config.baseUrl, setupContext);
    this.#emit = createEventEmitter(options.onEvent);
    this.#builder = {
      base: this.#base,
      auth: config.auth,
      secrets: { providers: options.secrets ?? {}, env },
    };
    const trustedCas = buildTrustedCas(config.tls.ca, options.ca, env, setupContext);
    const hosts = createHostPolicy(config, this.#base.origin);
    this.#transport = new Transport(config, hosts, trustedCas);
    this.#breaker = new ClientBreaker(config.circuitBreaker, config.vendor, this.#emit);
  }

  /**
   * Calls one operation and returns its validated result, normally an `ApiResponse`. Rejects
   * with a VendorError, or with the caller's abort reason when `options.signal` aborts.
   */
  async call<T>(
    operation: OperationSpec,
    input: CallInput = {},
    options: CallOptions = {},
  ): Promise<T> {
    const policy = this.#policyFor(operation);
    const deadline = new CallDeadline(policy.timeouts.callMs, options.signal);
    const context: ErrorContext = {
      vendor: this.#config.vendor,
      operationId: operation.operationId,
      method: operation.method,
      url: describeOperationUrl(this.#base, operation),
      attempts: 0,
    };
    deadline.throwIfEnded(context);

    let prepared: PreparedRequest;
    try {
      prepared = await deadline.race(
        prepareRequest(this.#builder, operation, input, policy, context),
      );
    } catch (error) {
      throw deadline.classify(error, undefined, context);
    }
    const callContext = { ...context, url: prepared.displayUrl };
    const callRetry = new CallRetry({
      config: policy.retries,
      retryable: policy.retryable,
      remainingMs: () => deadline.remainingMs(),
      onRetry: (attempt, delayMs, reason) =>
        this.#emit({ type: "retry", ...callEventFields(callContext), attempt, delayMs, reason }),
    });

    try {
      const result = await wrap(this.#breaker.policy, callRetry.policy).execute(
        ({ attempt }) =>
          this.#attempt(operation, prepared, policy, deadline, callRetry, attempt, callContext),
        deadline.signal,
      );
      return result as T;
    } catch (error) {
      if (isCircuitRejection(error)) {
        throw new CircuitOpenError(callContext);
      }
      if (isTaskCancelledError(error)) {
        // cockatiel cancels a call that waited for a half-open probe once its signal aborted.
        deadline.throwIfEnded(callContext);
      }
      throw error;
    }
  }

  /** Returns the state of the client's circuit breaker. */
  health(): HealthReport {
    return { vendor: this.#config.vendor, breaker: this.#breaker.state };
  }

  /** Closes the client's connections; calls made afterwards fail with a NetworkError. */
  async close(): Promise<void> {
    await this.#transport.close();
  }

  /** Runs one attempt; `attemptIndex` counts from 0 and errors carry the attempt number. */
  async #attempt(
    operation: OperationSpec,
    prepared: PreparedRequest,
    policy: OperationPolicy,
    deadline: CallDeadline,
    callRetry: CallRetry,
    attemptIndex: number,
    callContext: ErrorContext,
  ): Promise<ApiResponse> {
    const attempt = attemptIndex + 1;
    const context = { ...callContext, attempts: attempt };
    let signal: AbortSignal | undefined;
    try {
      await callRetry.waitBeforeAttempt(attemptIndex, deadline.signal);
      signal = deadline.attemptSignal(policy.timeouts.attemptMs);
      this.#emit({ type: "request", ...callEventFields(context), attempt });

      const startedAt = performance.now();
      const response = await this.#transport.send(prepared.request, signal, context);
      const durationMs = performance.now() - startedAt;
      this.#emit({
        type: "response",
        ...callEventFields(context),
        attempt,
        status: response.status,
        durationMs,
      });

      const handling = {
        maxResponseBytes: this.#config.maxResponseBytes,
        validation: policy.validation,
        emit: this.#emit,
      };
      return await handleResponse(operation, response, handling, context);
    } catch (error) {
      throw deadline.classify(error, signal, context);
    }
  }

  #policyFor(operation: OperationSpec): OperationPolicy {
    let policy = this.#policies.get(operation.operationId);
    if (policy === undefined) {
      policy = resolveOperationPolicy(this.#config, operation);
      this.#policies.set(operation.operationId, policy);
    }
    return policy;
  }
}

function parsePinnedBase(baseUrl: string, context: ErrorContext): PinnedBase {
  try {
    return parseBaseUrl(baseUrl);
  } catch (error) {
    // The cause is dropped: URL's TypeError stores the whole input, credentials included.
    throw new ConfigurationError(context, `base URL is invalid: ${(error as Error).message}`);
  }
}

/** Returns the base URL without credentials or query, for errors raised while setting up. */
function describeBaseUrl(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    return url.origin + url.pathname;
  } catch {
    return "(invalid base URL)";
  }
}
