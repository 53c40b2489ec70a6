/** Locations the tests share: the repository root and a scratch folder inside it. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root; tests run from `dist/test/...`. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/**
 * A new folder under `.test-output/`. Generated clients live inside the repository so that
 * `zod`, `undici` and `cockatiel` resolve from its node_modules when tsc checks them.
 */
export function makeOutputDir(prefix: string): string {
  const base = path.join(REPO_ROOT, ".test-output");
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, `${prefix}-`));
}

/** Unpacks the real vendor documents shipped as `test/fixtures/specs.tar.gz`; returns the `specs` folder. */
export function unpackVendorSpecs(into: string): string {
  execFileSync("tar", ["xzf", path.join(REPO_ROOT, "test/fixtures/specs.tar.gz"), "-C", into]);
  return path.join(into, "specs");
}

/** Writes a policy that pins `https://api.example.com` and otherwise keeps every default. */
export function writeDefaultPolicy(file: string, vendorName: string, extra = ""): string {
  writeFileSync(
    file,
    [
      "vendor:",
      `  name: ${JSON.stringify(vendorName)}`,
      "  owner: tests@example.com",
      "  purpose: Test generation",
      "  owningService: vendorguard-tests",
      "  dataClassification: [internal]",
      "baseUrl: https://api.example.com",
      "allowedHosts: [api.example.com]",
      extra,
      "",
    ].join("\n"),
  );
  return file;
}

export interface TscResult {
  status: number;
  output: string;
}

/**
 * Runs the repository's tsc with `--strict` over the `.ts` files under the given folders. `lib`
 * defaults to ES2023 alone; browser-aware projects also load the DOM types.
 */
export function typeCheck(dirs: string[], configDir: string, lib: string[] = ["ES2023"]): TscResult {
  const config = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib,
      types: ["node"],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
    include: dirs.map((dir) => path.join(path.relative(configDir, dir), "**/*.ts")),
  };
  const configFile = path.join(configDir, "tsconfig.json");
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  try {
    const output = execFileSync(
      process.execPath,
      [path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", configFile],
      {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return { status: 0, output };
  } catch (error) {
    const failure = error as { status?: number; stdout?: string; stderr?: string };
    return {
      status: failure.status ?? 1,
      output: `${failure.stdout ?? ""}${failure.stderr ?? ""}`,
    };
  }
}
