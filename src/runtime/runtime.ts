/**
 * The runtime that every generated client method calls. It owns the client's undici Agents,
 * circuit breakers, retry budget and access token cache, and runs each call through request
 * building, the breaker, retries, transport and response validation.
 */
import { executeCall, type CallMachinery } from "./call-execution.js";
import type { ClientOptions, HealthReport } from "./client-options.js";
import { createClientParts } from "./client-setup.js";
import type { RuntimeConfig } from "./config.js";
import { CallDeadline } from "./deadline.js";
import type { ErrorContext } from "./errors.js";
import type { HostPolicy } from "./host-policy.js";
import type { CallInput, CallOptions, OperationSpec } from "./operation.js";
import { createOperationPlan, type OperationPlan } from "./operation-plan.js";
import {
  prepareRequest,
  prepareRequestNow,
  preparingWaits,
  withUrl,
  type PreparedRequest,
  type RequestBuilderSettings,
} from "./request-builder.js";
import type { PinnedBase } from "./url.js";
import {
  describeVendorUrl,
  parseVendorUrl,
  prepareUrlRequest,
  type UrlCallInput,
} from "./url-request.js";

// Defaults shared by calls without input or options; nothing writes to them.
const noInput: CallInput = Object.freeze({});
const noOptions: CallOptions = Object.freeze({});

/** Executes the operations of one vendor under one resolved policy. */
export class VendorRuntime {
  readonly #config: RuntimeConfig;
  readonly #base: PinnedBase;
  readonly #hosts: HostPolicy;
  readonly #builder: RequestBuilderSettings;
  readonly #machinery: CallMachinery;
  /** Plans by operation: generated operation specs are constants, so each is planned once. */
  readonly #plans = new WeakMap<OperationSpec, OperationPlan>();

  /** Throws ConfigurationError when the base URL or a certificate source is unusable. */
  constructor(config: RuntimeConfig, options: ClientOptions = {}) {
    const parts = createClientParts(config, options);
    this.#config = config;
    this.#base = parts.base;
    this.#hosts = parts.hosts;
    this.#builder = parts.builder;
    this.#machinery = parts.machinery;
  }

  /**
   * Calls one operation and returns its validated result, normally an `ApiResponse`. Rejects
   * with a VendorError, or with the caller's abort reason when `options.signal` aborts.
   */
  async call<T>(
    operation: OperationSpec,
    input: CallInput = noInput,
    options: CallOptions = noOptions,
  ): Promise<T> {
    const plan = this.#planFor(operation);
    const deadline = new CallDeadline(plan.policy.timeouts.callMs, options.signal);
    const context = plan.context;
    deadline.throwIfEnded(context);
    const prepared = preparingWaits(this.#builder, operation, input)
      ? await this.#prepare(deadline, context, prepareRequest(this.#builder, plan, input))
      : this.#prepareNow(deadline, plan, input);
    return (await executeCall(this.#machinery, {
      plan,
      prepared,
      deadline,
      context: withUrl(context, prepared.displayUrl),
    })) as T;
  }

  /**
   * Calls `operation` at an absolute URL the vendor returned, such as a pagination `next` link
   * or a `Location`, and validates the response against the operation's response schemas. The
   * URL is checked before any connection opens: it must be https (http only on the pinned
   * origin), without user info, and on the pinned origin or a host and port in allowedHosts,
   * else the call rejects with HostNotAllowedError. Credentials and the client certificate are
   * sent only to the pinned origin. Retries, breaker and timeouts apply as for `call`.
   */
  async callUrl<T>(
    operation: OperationSpec,
    url: string | URL,
    input: UrlCallInput = noInput,
    options: CallOptions = noOptions,
  ): Promise<T> {
    const plan = this.#planFor(operation);
    const deadline = new CallDeadline(plan.policy.timeouts.callMs, options.signal);
    const parseContext = withUrl(plan.context, "(URL to follow)");
    const target = parseVendorUrl(url, this.#hosts, parseContext);
    const context = withUrl(parseContext, describeVendorUrl(target));
    deadline.throwIfEnded(context);
    const prepared = await this.#prepare(
      deadline,
      context,
      prepareUrlRequest(this.#builder, plan, target, input, context),
    );
    return (await executeCall(this.#machinery, { plan, prepared, deadline, context })) as T;
  }

  /** Returns the state of the client's circuit breakers. */
  health(): HealthReport {
    return { vendor: this.#config.vendor, ...this.#machinery.breakers.report() };
  }

  /** Closes the client's connections; calls made afterwards fail with a NetworkError. */
  async close(): Promise<void> {
    await this.#machinery.transport.close();
  }

  async #prepare(
    deadline: CallDeadline,
    context: ErrorContext,
    preparing: Promise<PreparedRequest>,
  ): Promise<PreparedRequest> {
    try {
      // Without a provider or token endpoint, preparing waits only for a multipart or Blob body,
      // which is read from memory or a local file, so no timer need race against it.
      return await (this.#builder.credentialsMayWait
        ? deadline.race(preparing, context)
        : preparing);
    } catch (error) {
      throw deadline.classify(error, undefined, context);
    }
  }

  /** Prepares a call for which `preparingWaits` is false; errors are classified as in `#prepare`. */
  #prepareNow(deadline: CallDeadline, plan: OperationPlan, input: CallInput): PreparedRequest {
    try {
      return prepareRequestNow(this.#builder, plan, input);
    } catch (error) {
      throw deadline.classify(error, undefined, plan.context);
    }
  }

  #planFor(operation: OperationSpec): OperationPlan {
    let plan = this.#plans.get(operation);
    if (plan === undefined) {
      const machinery = this.#machinery;
      const sources = {
        config: this.#config,
        base: this.#base,
        breakers: machinery.breakers,
        emit: machinery.emit,
      };
      plan = createOperationPlan(sources, operation);
      this.#plans.set(operation, plan);
    }
    return plan;
  }
}
