/**
 * A fetched history as searchable text: payloads are bytes (Uint8Array), which JSON.stringify turns into lists of
 * numbers, so a secret inside an activity's input would never be found by searching the JSON. Bytes are decoded.
 */
export function historyText(value: unknown): string {
  const parts: string[] = [];
  const walk = (v: unknown) => {
    if (v instanceof Uint8Array) parts.push(Buffer.from(v).toString('utf8'));
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    else if (v !== undefined && v !== null) parts.push(String(v));
  };
  walk(value);
  return parts.join('\n');
}
