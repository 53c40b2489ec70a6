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
import { resolveOperationPolicy, type OperationPolicy } from "./operation-policy.js";
import {
  prepareRequest,
  type PreparedRequest,
  type RequestBuilderSettings,
} from "./request-builder.js";
import { describeOperationUrl, type PinnedBase } from "./url.js";
import {
  describeVendorUrl,
  parseVendorUrl,
  prepareUrlRequest,
  type UrlCallInput,
} from "./url-request.js";

/** Executes the operations of one vendor under one resolved policy. */
export class VendorRuntime {
  readonly #config: RuntimeConfig;
  readonly #base: PinnedBase;
  readonly #hosts: HostPolicy;
  readonly #builder: RequestBuilderSettings;
  readonly #machinery: CallMachinery;
  /** Whether preparing a request may wait on a provider or the token endpoint. */
  readonly #preparingMayWait: boolean;
  readonly #policies = new Map<string, OperationPolicy>();

  /** Throws ConfigurationError when the base URL or a certificate source is unusable. */
  constructor(config: RuntimeConfig, options: ClientOptions = {}) {
    const parts = createClientParts(config, options);
    this.#config = config;
    this.#base = parts.base;
    this.#hosts = parts.hosts;
    this.#builder = parts.builder;
    this.#machinery = parts.machinery;
    this.#preparingMayWait = parts.preparingMayWait;
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
    const context = this.#callContext(operation, describeOperationUrl(this.#base, operation));
    deadline.throwIfEnded(context);
    const prepared = await this.#prepare(
      deadline,
      context,
      prepareRequest(this.#builder, operation, input, policy, context),
    );
    return (await executeCall(this.#machinery, {
      operation,
      prepared,
      policy,
      deadline,
      context: { ...context, url: prepared.displayUrl },
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
    input: UrlCallInput = {},
    options: CallOptions = {},
  ): Promise<T> {
    const policy = this.#policyFor(operation);
    const deadline = new CallDeadline(policy.timeouts.callMs, options.signal);
    const parseContext = this.#callContext(operation, "(URL to follow)");
    const target = parseVendorUrl(url, this.#hosts, parseContext);
    const context = { ...parseContext, url: describeVendorUrl(target) };
    deadline.throwIfEnded(context);
    const prepared = await this.#prepare(
      deadline,
      context,
      prepareUrlRequest(this.#builder, operation, target, input, policy, context),
    );
    return (await executeCall(this.#machinery, {
      operation,
      prepared,
      policy,
      deadline,
      context,
    })) as T;
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
      // Without a provider or token endpoint, preparing does only local work, which finishes
      // without a timer to race against it. A Blob body is read from memory or a local file.
      return await (this.#preparingMayWait ? deadline.race(preparing, context) : preparing);
    } catch (error) {
      throw deadline.classify(error, undefined, context);
    }
  }

  #callContext(operation: OperationSpec, url: string): ErrorContext {
    return {
      vendor: this.#config.vendor,
      operationId: operation.operationId,
      method: operation.method,
      url,
      attempts: 0,
    };
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
