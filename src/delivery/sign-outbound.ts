import type { PartnerConfig } from "../config/partners.js";
import type { Rendered } from "../ports/adapter.js";
import type { KeyStore } from "../ports/keystore.js";
import { exclusiveCanonical } from "../pki/xmldsig/canonical.js";
import { sealCanonicalXml } from "../pki/xmldsig/fast-sign.js";

const XML_MEDIA = /^(application|text)\/([\w.-]+\+)?xml\s*(;|$)/i;

/**
 * Signs what a partner receives when its configuration asks for it (`outboundSignature`): an
 * enveloped XML-DSig over the whole message by the gateway's current seal key, with the same
 * certificate chain the seals carry, so the partner can check the rendered bytes themselves and
 * not only the transport's HMAC. The message is sent in its exclusive canonical form (no XML
 * declaration), which is what makes the signature cheap to make and unambiguous to check.
 * Throws when the partner asks for a signature its adapter's format cannot carry.
 */
export function outboundSigner(keys: KeyStore): (rendered: Rendered, partner: PartnerConfig) => Rendered {
  return (rendered, partner) => {
    if (partner.outboundSignature !== "xmldsig") return rendered;
    if (!XML_MEDIA.test(rendered.mediaType))
      throw new Error(
        `partner ${partner.id} asks for an XML-DSig, but its adapter renders ${rendered.mediaType}`,
      );
    const canonical = exclusiveCanonical(rendered.body.toString("utf8"));
    return { ...rendered, body: Buffer.from(sealCanonicalXml(canonical, keys.current()), "utf8") };
  };
}
