/** Paths on the evidence page: relative inside the config's folder, absolute outside it. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { portablePath } from "../../src/evidence/paths.js";

test("portable paths inside and outside", () => {
  const cases: Array<[string, string, string]> = [
    ["/repo", "/repo/specs/slack/policy.yaml", "specs/slack/policy.yaml"],
    ["/repo", "/repo", "."],
    ["/repo", "/srv/app", "/srv/app"],
    ["/repo", "/repo-copy/x.json", "/repo-copy/x.json"],
    ["/repo/config", "/repo/specs/a.json", "/repo/specs/a.json"],
    ["/repo", "/repo/..data/a.json", "..data/a.json"],
  ];
  for (const [base, file, expected] of cases) {
    assert.equal(portablePath(base, file), expected, `${file} from ${base}`);
  }
});
