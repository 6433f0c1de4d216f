export function b64u(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

export function fromB64u(s: string): Buffer {
  return Buffer.from(s, "base64url");
}
