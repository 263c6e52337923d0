import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command } from "commander";
import { ConfigError } from "../src/errors.js";
import { loadPublicKey } from "../src/signing/public-key.js";
import type { SigningParams } from "../src/signing/signing-params.js";

export interface SigningOptions {
  signature?: string;
  signatureKey?: string;
  signerIdentity?: string;
  signerIssuer?: string;
}

/** The scan options for OpenSSF model signatures. */
export function addSigningOptions(command: Command): Command {
  return command
    .option("--signature <file>", "Sigstore bundle of an OpenSSF model signature (default: model.sig in the repo)")
    .option("--signature-key <pem>", "public key (PEM file) the model signature must verify with")
    .option("--signer-identity <identity>", "Sigstore signer identity (certificate e-mail or URI, exact) the signature must carry")
    .option("--signer-issuer <url>", "OIDC issuer of the signer identity, e.g. https://accounts.google.com");
}

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ConfigError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

/** Reads the files the options name; a bad key or an option without its partner is a usage error. */
export function signingParams(opts: SigningOptions): SigningParams | undefined {
  if (opts.signatureKey && opts.signerIdentity) throw new ConfigError("--signature-key and --signer-identity are alternatives: give one");
  if (opts.signerIssuer && !opts.signerIdentity) throw new ConfigError("--signer-issuer needs --signer-identity");
  const params: SigningParams = {};
  if (opts.signature) params.bundle = { name: basename(opts.signature), bytes: read(opts.signature, "signature") };
  if (opts.signatureKey) {
    params.publicKeyPem = read(opts.signatureKey, "--signature-key").toString("utf8");
    loadPublicKey(params.publicKeyPem);
  }
  if (opts.signerIdentity) params.identity = { subject: opts.signerIdentity, ...(opts.signerIssuer ? { issuer: opts.signerIssuer } : {}) };
  return Object.keys(params).length > 0 ? params : undefined;
}
