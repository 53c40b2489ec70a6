/**
 * A client CA and a client certificate signed by it, made with the openssl CLI in a temporary
 * folder, for mutual TLS tests. A second key that matches no certificate tests a mismatched pair.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** PEM text and files of one test run; `remove()` deletes the temporary folder. */
export interface ClientCertificates {
  /** CA that signed the client certificate; the server trusts it for client certificates. */
  clientCaPem: string;
  certPem: string;
  keyPem: string;
  certFile: string;
  keyFile: string;
  /** A private key that does not belong to the certificate. */
  otherKeyPem: string;
  remove(): void;
}

/** Creates the client CA, the client certificate and its key with EC P-256 keys. */
export function createClientCertificates(): ClientCertificates {
  const dir = mkdtempSync(join(tmpdir(), "vendorguard-mtls-"));
  const file = (name: string) => join(dir, name);
  const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

  openssl(
    ["req", "-x509", "-new", ...ecKey, "-keyout", file("ca.key"), "-out", file("ca.pem")]
      .concat(["-days", "2", "-subj", "/CN=vendorguard test client CA"])
      .concat(["-addext", "basicConstraints=critical,CA:TRUE"])
      .concat(["-addext", "keyUsage=critical,keyCertSign,cRLSign"]),
  );
  writeFileSync(
    file("client.ext"),
    "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n",
  );
  openssl(
    ["req", "-new", ...ecKey, "-keyout", file("client.key"), "-out", file("client.csr")].concat([
      "-subj",
      "/CN=vendorguard test client",
    ]),
  );
  openssl(
    ["x509", "-req", "-in", file("client.csr"), "-CA", file("ca.pem")]
      .concat(["-CAkey", file("ca.key"), "-set_serial", "0x2b3c4d", "-days", "2"])
      .concat(["-out", file("client.pem"), "-extfile", file("client.ext")]),
  );
  openssl(
    ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:prime256v1"].concat([
      "-out",
      file("other.key"),
    ]),
  );

  return {
    clientCaPem: readFileSync(file("ca.pem"), "utf8"),
    certPem: readFileSync(file("client.pem"), "utf8"),
    keyPem: readFileSync(file("client.key"), "utf8"),
    certFile: file("client.pem"),
    keyFile: file("client.key"),
    otherKeyPem: readFileSync(file("other.key"), "utf8"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function openssl(args: string[]): void {
  execFileSync("/usr/bin/openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
}
