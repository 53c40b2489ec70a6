/** How the CI commands read vendor documents, with the same limits `generate` accepts. */
import type { LoadOptions } from "../spec/load.js";

export interface DocumentReadOptions {
  /** Largest document file accepted, in bytes. Default: the loader's 64 MiB. */
  maxDocumentBytes?: number;
  /** Hosts (`host` or `host:port`) whose https documents `$ref`s may fetch. Default: none. */
  allowRemoteRefHosts?: string[];
}

/** Converts the options to the document loader's. */
export function toLoadOptions(options: DocumentReadOptions): LoadOptions {
  return {
    ...(options.maxDocumentBytes === undefined ? {} : { maxBytes: options.maxDocumentBytes }),
    ...(options.allowRemoteRefHosts === undefined
      ? {}
      : { allowRemoteRefHosts: options.allowRemoteRefHosts }),
  };
}
