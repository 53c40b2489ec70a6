/**
 * `vendorguard inventory`: one row per vendor of the config with its owner, purpose, data,
 * authentication and enforced controls, as Markdown, JSON or CSV for audit evidence.
 */
import { type Command, Option } from "commander";
import { buildInventory, type InventoryEntry } from "../ci/inventory.js";
import { renderInventoryCsv, renderInventoryMarkdown } from "../ci/inventory-format.js";
import { CONFIG_FILE_NAME, loadConfig } from "../config/load.js";
import { addDocumentOptions, type DocumentFlags, documentReadOptions } from "./option-parsers.js";

type InventoryFormat = "markdown" | "json" | "csv";

interface InventoryFlags extends DocumentFlags {
  config: string;
  format: InventoryFormat;
}

export function registerInventory(program: Command): void {
  const command = program
    .command("inventory")
    .description(
      "Print one row per vendor in the config: owner, purpose, data classification, auth, pinned hosts, controls and document digest.",
    )
    .option("--config <file>", "config file listing vendors", CONFIG_FILE_NAME)
    .addOption(
      new Option("--format <format>", "output format")
        .choices(["markdown", "json", "csv"])
        .default("markdown"),
    );
  addDocumentOptions(command).action(async (flags: InventoryFlags) => {
    const config = await loadConfig(flags.config);
    const entries = await buildInventory(config, documentReadOptions(flags));
    process.stdout.write(renderInventory(entries, flags.format));
  });
}

function renderInventory(entries: InventoryEntry[], format: InventoryFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(entries, null, 2)}\n`;
    case "csv":
      return renderInventoryCsv(entries);
    case "markdown":
      return renderInventoryMarkdown(entries);
  }
}
