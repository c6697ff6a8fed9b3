// How a text travels as SMS: GSM-7 when every character is in the GSM 03.38 alphabet
// (extension-table characters are sent as ESC + character and so count twice), otherwise
// UCS-2 (UTF-16 code units, so an emoji counts twice). A text that does not fit one part is
// split into concatenated parts, which lose room to the concatenation header.

export type SmsEncoding = "GSM7" | "UCS2";

const GSM7_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM7_EXTENSION = new Set("\f^{}\\[~]|€");

/** Units per part: one part alone, or each part of a concatenated message. */
export const PART_LIMITS: Record<SmsEncoding, { single: number; concatenated: number }> = {
  GSM7: { single: 160, concatenated: 153 },
  UCS2: { single: 70, concatenated: 67 },
};

export function encodingOf(text: string): SmsEncoding {
  for (const char of text) {
    if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) return "UCS2";
  }
  return "GSM7";
}

function unitsOf(char: string, encoding: SmsEncoding): number {
  if (encoding === "GSM7") return GSM7_EXTENSION.has(char) ? 2 : 1;
  return char.length; // a character outside the BMP is a surrogate pair: two UCS-2 units
}

/** Length in the encoding's units (septets for GSM-7, 16-bit units for UCS-2). */
export function lengthOf(text: string, encoding: SmsEncoding = encodingOf(text)): number {
  let units = 0;
  for (const char of text) units += unitsOf(char, encoding);
  return units;
}

/** The parts the text is sent as; an escaped character or a surrogate pair never straddles two parts. */
export function splitIntoParts(text: string): { encoding: SmsEncoding; parts: string[] } {
  const encoding = encodingOf(text);
  const limits = PART_LIMITS[encoding];
  if (lengthOf(text, encoding) <= limits.single) return { encoding, parts: [text] };
  const parts: string[] = [];
  let current = "";
  let units = 0;
  for (const char of text) {
    const size = unitsOf(char, encoding);
    if (units + size > limits.concatenated) {
      parts.push(current);
      current = "";
      units = 0;
    }
    current += char;
    units += size;
  }
  parts.push(current);
  return { encoding, parts };
}
