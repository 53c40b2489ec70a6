/** Replacing files inside a folder: new, owned and foreign files, and a write that fails. */
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { isVendorguardError } from "../../src/errors.js";
import { replaceFiles } from "../../src/write/replace-files.js";
import { makeOutputDir } from "../support/paths.js";

const work = makeOutputDir("replace-files");
after(() => rmSync(work, { recursive: true, force: true }));

const MARK = "<!-- ours -->";

function newFolder(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  return dir;
}
const isOwned = (head: string) => head.startsWith(MARK);

test("writes into a new folder", async () => {
  const dir = path.join(work, "new", "nested");
  await replaceFiles(
    dir,
    [
      { path: "a.html", content: `${MARK}a` },
      { path: "a.md", content: `${MARK}b` },
    ],
    isOwned,
  );
  assert.deepEqual(readdirSync(dir).sort(), ["a.html", "a.md"]);
  assert.equal(readFileSync(path.join(dir, "a.html"), "utf8"), `${MARK}a`);
  assert.equal(readFileSync(path.join(dir, "a.md"), "utf8"), `${MARK}b`);
});

test("replaces owned files, keeps others", async () => {
  const dir = newFolder("owned");
  writeFileSync(path.join(dir, "a.html"), `${MARK}old`);
  writeFileSync(path.join(dir, "scan-report.json"), "{}");
  await replaceFiles(dir, [{ path: "a.html", content: `${MARK}new` }], isOwned);
  assert.equal(readFileSync(path.join(dir, "a.html"), "utf8"), `${MARK}new`);
  assert.equal(readFileSync(path.join(dir, "scan-report.json"), "utf8"), "{}");
  assert.deepEqual(readdirSync(dir).sort(), ["a.html", "scan-report.json"]);
});

test("rejects a foreign file, writes nothing", async () => {
  const dir = newFolder("foreign");
  writeFileSync(path.join(dir, "a.md"), "# notes of a person\n");
  await assert.rejects(
    replaceFiles(
      dir,
      [
        { path: "a.html", content: `${MARK}a` },
        { path: "a.md", content: `${MARK}b` },
      ],
      isOwned,
    ),
    (error) => {
      assert.ok(isVendorguardError(error));
      assert.equal(error.code, "output_not_owned");
      assert.ok(error.message.includes(path.join(dir, "a.md")), error.message);
      return true;
    },
  );
  assert.deepEqual(readdirSync(dir), ["a.md"]);
  assert.equal(readFileSync(path.join(dir, "a.md"), "utf8"), "# notes of a person\n");
});

test("failed write leaves nothing behind", async () => {
  const dir = newFolder("failure");
  writeFileSync(path.join(dir, "a.html"), `${MARK}old`);
  // The second file's temporary name lies in a folder that does not exist, so its write fails
  // after the first file's temporary copy was written.
  await assert.rejects(
    replaceFiles(
      dir,
      [
        { path: "a.html", content: `${MARK}new` },
        { path: "missing/a.md", content: `${MARK}b` },
      ],
      isOwned,
    ),
    { code: "ENOENT" },
  );
  assert.deepEqual(readdirSync(dir), ["a.html"]);
  assert.equal(readFileSync(path.join(dir, "a.html"), "utf8"), `${MARK}old`);
});
