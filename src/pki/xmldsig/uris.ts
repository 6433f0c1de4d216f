import type { SignatureAlgorithm } from "../algorithms.js";

export const DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";
export const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
export const C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
export const C14N_COMMENTS = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";
export const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
export const EXC_C14N_COMMENTS = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments";
export const CANONICALIZATIONS: readonly string[] = [C14N, C14N_COMMENTS, EXC_C14N, EXC_C14N_COMMENTS];
export const TRANSFORMS: readonly string[] = [ENVELOPED, ...CANONICALIZATIONS];

/** China E-port's identifiers for SM2-with-SM3 and SM3 in CEB messages (2022-04). */
export const CHINAPORT_SM2_SM3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3";
export const CHINAPORT_SM3 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm3";

export const SIGNATURE_METHODS: Readonly<Record<string, SignatureAlgorithm>> = {
  "http://www.w3.org/2000/09/xmldsig#rsa-sha1": "RSA-SHA1",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": "RSA-SHA256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": "RSA-SHA384",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": "RSA-SHA512",
  "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1": "RSA-PSS-SHA256",
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": "ECDSA-SHA256",
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": "ECDSA-SHA384",
  "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": "ECDSA-SHA512",
  [CHINAPORT_SM2_SM3]: "SM2-SM3",
};

export function signatureMethodUri(alg: SignatureAlgorithm): string {
  const uri = Object.keys(SIGNATURE_METHODS).find((u) => SIGNATURE_METHODS[u] === alg);
  if (!uri) throw new TypeError(`${alg} has no XML-DSig identifier`);
  return uri;
}

/** Digest URIs to node:crypto hash names. */
export const DIGEST_METHODS: Readonly<Record<string, string>> = {
  "http://www.w3.org/2000/09/xmldsig#sha1": "sha1",
  "http://www.w3.org/2001/04/xmlenc#sha256": "sha256",
  "http://www.w3.org/2001/04/xmldsig-more#sha384": "sha384",
  "http://www.w3.org/2001/04/xmlenc#sha512": "sha512",
  [CHINAPORT_SM3]: "sm3",
};

export const SHA256_URI = "http://www.w3.org/2001/04/xmlenc#sha256";

/** The digest that goes with each signature algorithm when the gateway signs. */
export function digestUriFor(alg: SignatureAlgorithm): string {
  return alg === "SM2-SM3" ? CHINAPORT_SM3 : SHA256_URI;
}
