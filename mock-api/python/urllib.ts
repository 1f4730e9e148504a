/**
 * `urllib.parse.unquote_to_bytes` over text whose characters stand for bytes (a request
 * target as the WSGI server reads it, in Latin-1): `%XX` escapes become their byte, a
 * `%` without two hex digits stays as it is, and every other character is its own byte.
 */
export function unquoteToBytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const escape = text.slice(i + 1, i + 3);
    if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(escape)) {
      bytes.push(parseInt(escape, 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}
