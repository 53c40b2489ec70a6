/**
 * The loopback HTTPS server and the runtimes of one test suite. The server starts before the
 * suite's tests; it and every runtime made with `createRuntime` are closed after them.
 */
import { after, before } from "node:test";
import { VendorRuntime, type ClientOptions, type RuntimeConfig } from "../../src/runtime/index.js";
import {
  createTestCertificates,
  startHttpsServer,
  type RequestHandler,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";
import { testEnv } from "./fixtures.js";

/** The suite's server and a factory for runtimes that trust its certificate. */
export interface SuiteServer {
  readonly server: TestServer;
  /** Builds a runtime for `config` with the test CA and `testEnv`; `options` override them. */
  createRuntime(config: RuntimeConfig, options?: ClientOptions): VendorRuntime;
}

/** Registers the suite's `before` and `after` hooks; call it inside `describe`. */
export function useSuiteServer(handler?: RequestHandler): SuiteServer {
  let certificates: TestCertificates | undefined;
  let server: TestServer | undefined;
  const runtimes: VendorRuntime[] = [];

  before(async () => {
    certificates = createTestCertificates();
    server = await startHttpsServer(certificates, handler);
  });

  after(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    await server?.close();
    certificates?.remove();
  });

  return {
    get server() {
      if (server === undefined) {
        throw new Error("the suite server is read before the suite's before hook ran");
      }
      return server;
    },
    createRuntime(config, options = {}) {
      const runtime = new VendorRuntime(config, {
        ca: certificates?.caPem,
        env: testEnv,
        ...options,
      });
      runtimes.push(runtime);
      return runtime;
    },
  };
}
