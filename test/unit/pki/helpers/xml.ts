import {
  DEFAULT_SIGNATURE_POLICY,
  LEGACY_VERIFICATION_ALGORITHMS,
  type SignaturePolicy,
} from "../../../../src/pki/policy.js";
import type { XmlSigner } from "../../../../src/pki/xmldsig/signer.js";
import type { SignatureAlgorithm } from "../../../../src/pki/algorithms.js";
import { sampleChain, sampleKey } from "./sample.js";

export const LEGACY_POLICY: SignaturePolicy = {
  ...DEFAULT_SIGNATURE_POLICY,
  requirement: "required",
  algorithms: LEGACY_VERIFICATION_ALGORITHMS,
};

export const REQUIRED_POLICY: SignaturePolicy = { ...DEFAULT_SIGNATURE_POLICY, requirement: "required" };

export function xmlSigner(name: string, algorithm: SignatureAlgorithm): XmlSigner {
  return { algorithm, key: sampleKey(name), chain: sampleChain(name) };
}

/** A hand-made minimal UBL invoice with an empty extension slot for the signature. */
export const HAND_MADE_UBL = [
  '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"',
  ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"',
  ' xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2">',
  "<ext:UBLExtensions><ext:UBLExtension><ext:ExtensionContent></ext:ExtensionContent></ext:UBLExtension></ext:UBLExtensions>",
  "<cbc:ID>INV-0001</cbc:ID><cbc:IssueDate>2026-11-27</cbc:IssueDate>",
  '<cbc:Note languageID="en">hand-made fixture</cbc:Note>',
  "</Invoice>",
].join("");
