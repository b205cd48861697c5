/**
 * Text for XML/HTML content and attribute values. Every string that comes from a template (names,
 * prefixes, messages) goes through this before it is put into markup: `<img src=x onerror=…>` stays text.
 * Characters XML 1.0 cannot carry (C0 controls other than tab/newline/return, lone surrogates,
 * U+FFFE/U+FFFF) become U+FFFD, so the document always parses.
 */
export function escapeXml(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    switch (ch) {
      case 0x26: out += '&amp;'; continue;
      case 0x3c: out += '&lt;'; continue;
      case 0x3e: out += '&gt;'; continue;
      case 0x22: out += '&quot;'; continue;
      case 0x27: out += '&#39;'; continue;
    }
    if (ch < 0x20 && ch !== 0x09 && ch !== 0x0a && ch !== 0x0d) { out += '\uFFFD'; continue; }
    if (ch === 0xfffe || ch === 0xffff) { out += '\uFFFD'; continue; }
    if (ch >= 0xd800 && ch <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { out += s[i]! + s[i + 1]!; i++; continue; }
      out += '\uFFFD';
      continue;
    }
    if (ch >= 0xdc00 && ch <= 0xdfff) { out += '\uFFFD'; continue; }
    out += s[i];
  }
  return out;
}
