/**
 * Resident identity card numbers (公民身份号码, GB 11643-1999): 6-digit division code, 8-digit birth date, 3-digit
 * sequence, and an ISO 7064 MOD 11-2 check character.
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (weights[i] as number);
  return checkCharacters[sum % 11] as string;
}

export type ResidentIdCheck = { isValid: true; birthDate: string } | { isValid: false; reason: string };

export function checkResidentId(input: string): ResidentIdCheck {
  const value = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { isValid: false, reason: '公民身份号码应为18位，前17位为数字，末位为数字或X' };
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  const date = new Date(`${birth}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== birth || birth < '1900-01-01') {
    return { isValid: false, reason: '公民身份号码中的出生日期不正确' };
  }
  if (residentIdCheckCharacter(value.slice(0, 17)) !== value[17]) return { isValid: false, reason: '公民身份号码校验位不正确' };
  return { isValid: true, birthDate: birth };
}

/** 640502********123X: the division code and the last four, as documents and screens show it. */
export function maskResidentId(value: string): string {
  return `${value.slice(0, 6)}********${value.slice(14)}`;
}
