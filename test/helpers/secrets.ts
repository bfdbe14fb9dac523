// Every fixture credential carries this marker inside its last 20 characters, so a leak of
// the value, or of the 20-character suffix Claude Code stores, shows up in a plain search.
export const MARKER = 'PLANTEDSECRET';

export function plantedKey(prefix: string, id: string): string {
  // The fingerprint (last 4 characters) is the id padded, never part of the marker.
  return `${prefix}${'x'.repeat(40)}${MARKER}${id.padStart(4, '0').slice(-4)}`;
}

export const KEYS = {
  apiKey: plantedKey('sk-ant-api03-', 'AK01'),
  apiKey2: plantedKey('sk-ant-api03-', 'AK02'),
  authToken: plantedKey('', 'AT01'),
  oauthToken: plantedKey('sk-ant-oat01-', 'OT01'),
  accessToken: plantedKey('sk-ant-oat01-', 'AC01'),
  refreshToken: plantedKey('sk-ant-ort01-', 'RT01'),
  consoleKey: plantedKey('sk-ant-api03-', 'CK01'),
} as const;

export function suffix20(key: string): string {
  return key.slice(-20);
}

export function expectNoSecret(text: string): void {
  if (text.includes(MARKER)) {
    const at = text.indexOf(MARKER);
    throw new Error(
      `output leaks a planted secret near: …${text.slice(Math.max(0, at - 40), at + 20).replace(MARKER, '<MARKER>')}…`,
    );
  }
}
