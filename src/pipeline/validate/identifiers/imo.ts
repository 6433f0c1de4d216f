/**
 * IMO ship identification number (IMO Resolution A.1117(30)): 7 digits, the last the check digit
 * of the first six weighted 7, 6, 5, 4, 3, 2, modulo 10. Often written with the prefix "IMO".
 */
const IMO = /^(?:IMO ?)?([0-9]{7})$/;

export function isImoNumber(value: string): boolean {
  const m = IMO.exec(value);
  if (!m) return false;
  const d = m[1]!;
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += (d.charCodeAt(i) - 48) * (7 - i);
  return sum % 10 === d.charCodeAt(6) - 48;
}
