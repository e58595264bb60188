// BNI e-collection's "hash" of callback data (merchant.md section 5), used by DANA's sandbox to top
// up a merchant deposit: the reversed Unix time, a dot and the JSON text; every byte shifted by a
// character of the client id, then of the secret key (mod 128); base64url without padding. The two
// shifts are additions mod 128, so decoding subtracts them in either order.

function shift(bytes: Uint8Array, key: string, direction: 1 | -1): Uint8Array {
  const codes = [...key].map((ch) => ch.charCodeAt(0));
  return bytes.map((byte, i) => (((byte + direction * codes[(i + codes.length - 1) % codes.length]) % 128) + 128) % 128);
}

export function encodeBniData(json: string, clientId: string, secretKey: string, epochMs: number): string {
  const reversedTime = String(Math.floor(epochMs / 1000))
    .split('')
    .reverse()
    .join('');
  const plain = new TextEncoder().encode(`${reversedTime}.${json}`);
  const shifted = shift(shift(plain, clientId, 1), secretKey, 1);
  return Buffer.from(shifted).toString('base64url');
}

/** The JSON text inside, or undefined when the data does not decode to `<digits>.<text>`. */
export function decodeBniData(data: string, clientId: string, secretKey: string): { json: string; epochSeconds: number } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(data) || clientId === '' || secretKey === '') return undefined;
  const bytes = Buffer.from(data, 'base64url');
  const plain = Buffer.from(shift(shift(bytes, secretKey, -1), clientId, -1)).toString('latin1');
  const dot = plain.indexOf('.');
  const reversedTime = plain.slice(0, dot);
  if (dot < 1 || !/^\d+$/.test(reversedTime)) return undefined;
  return { json: plain.slice(dot + 1), epochSeconds: Number(reversedTime.split('').reverse().join('')) };
}
