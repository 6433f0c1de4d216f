/** The namespace of a UBL 2.x main document: urn:oasis:names:specification:ubl:schema:xsd:<Name>-2. */
export function ublNamespace(documentName: string): string {
  return `urn:oasis:names:specification:ubl:schema:xsd:${documentName}-2`;
}

export const UBL_NS = {
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  ext: "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
} as const;
