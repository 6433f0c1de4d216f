/**
 * China customs registration code (海关注册编码) of a consignor or consignee, 10 characters:
 * positions 1–4 the administrative division of the registering customs area, 5 the economic zone type
 * (1 special economic zone … 9 other), 6 the enterprise type (1–9, the later registrations also letters),
 * 7–10 a sequence number. It has no check character, so only its shape can be checked.
 */
const CN_CUSTOMS = /^[0-9]{4}[1-9][0-9A-Z][0-9A-Z]{4}$/;

export function isChinaCustomsCode(value: string): boolean {
  return CN_CUSTOMS.test(value);
}
